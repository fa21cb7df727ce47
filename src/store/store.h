#pragma once
// The store as the rest of Daifa sees it: a database, its writer and its read pool.
#include <memory>
#include <string>

#include "store/database.h"
#include "store/read_pool.h"
#include "store/writer.h"

namespace daifa::store {

struct StoreOptions {
  std::size_t read_connections = 8;  // size of the read pool
  WriterOptions writer;              // batch and queue limits
  bool migrate_on_open = true;       // apply missing migrations before starting the writer
};

class Store {
 public:
  // Opens the database named by `url` ("sqlite:PATH" or "postgresql://..."); throws on failure.
  Store(const std::string& url, StoreOptions options, std::int64_t now_unix_ms, BatchObserver observer = {});
  ~Store();

  Database& database() { return *db_; }
  Dialect dialect() const { return db_->dialect(); }
  Writer& writer() { return *writer_; }
  ReadPool& reads() { return *reads_; }

  // Commits what the writer has queued and stops it (graceful shutdown).
  void close();

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReadPool> reads_;
};

}  // namespace daifa::store
