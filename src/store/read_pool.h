#pragma once
// Reads go through a pool of read connections, never the writer. Each read runs in its own read-only
// transaction, so the queries of one request see one consistent snapshot.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "store/database.h"

namespace daifa::store {

class ReadPool {
 public:
  ReadPool(Database& db, std::size_t size);

  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Connection&> {
    Lease lease(*this);
    Connection& conn = *lease.conn;
    conn.exec_script(begin_sql_);
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<F, Connection&>>) {
        f(conn);
        conn.exec_script("COMMIT");
      } else {
        auto result = f(conn);
        conn.exec_script("COMMIT");
        return result;
      }
    } catch (...) {
      lease.rollback();
      throw;
    }
  }

 private:
  struct Lease {
    explicit Lease(ReadPool& pool);
    ~Lease();
    void rollback();
    ReadPool& pool;
    std::unique_ptr<Connection> conn;
  };

  Database& db_;
  std::size_t size_;
  std::size_t created_ = 0;
  const char* begin_sql_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace daifa::store
