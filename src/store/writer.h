#pragma once
// The write path. One thread owns the write connection and runs commands in batches: one transaction
// per batch (group commit), each command inside its own savepoint so that a failing command fails
// alone. A caller of run() returns only after its batch has committed durably (SQLite WAL with
// synchronous=FULL; PostgreSQL synchronous_commit=on) — or with the error that stopped it.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "store/database.h"

namespace daifa::store {

// What a command sees: the write connection, inside the command's savepoint.
class Tx {
 public:
  explicit Tx(Connection& conn) : conn_(conn) {}
  Connection& conn() { return conn_; }
  Result exec(std::string_view sql, const std::vector<Value>& params = {}) { return conn_.exec(sql, params); }
  // Undo everything this command wrote (its savepoint is rolled back); the command still returns its
  // value to the caller. For refusals discovered after some writes: nothing is half-written.
  void abort() { aborted_ = true; }
  bool aborted() const { return aborted_; }

 private:
  Connection& conn_;
  bool aborted_ = false;
};

struct WriterOptions {
  std::size_t max_batch = 512;  // commands per transaction at most
  std::size_t max_queue = 100'000;  // beyond this, run() fails fast with ErrorKind::busy
};

// Called after each commit, for metrics: how many commands, and how long BEGIN..COMMIT took.
using BatchObserver = std::function<void(std::size_t commands, std::int64_t commit_us)>;

class Writer {
 public:
  Writer(Database& db, WriterOptions options, BatchObserver observer = {});
  ~Writer();  // stop()
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `f(Tx&)` in the next batch and waits until that batch commits. Returns what f returned;
  // rethrows what f threw (its savepoint rolled back) or the error that failed the whole batch.
  template <class F>
  auto run(F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    std::promise<void> done;
    auto finished = done.get_future();
    if constexpr (std::is_void_v<R>) {
      submit([&](Tx& tx) { f(tx); }, [&](std::exception_ptr e) { e ? done.set_exception(e) : done.set_value(); });
      finished.get();
    } else {
      std::optional<R> result;
      submit([&](Tx& tx) { result.emplace(f(tx)); },
             [&](std::exception_ptr e) { e ? done.set_exception(e) : done.set_value(); });
      finished.get();
      return std::move(*result);
    }
  }

  // Runs what is queued, commits, and stops the thread. Later run() calls fail with ErrorKind::busy.
  void stop();

 private:
  struct Job {
    std::function<void(Tx&)> body;
    std::function<void(std::exception_ptr)> done;
    std::exception_ptr error;
    int attempts = 0;    // runs that ended as a deadlock or serialization victim
    bool retry = false;  // run it again in the next batch
  };
  // A command chosen as a deadlock victim (PostgreSQL, several nodes) still holds nothing, but the rows
  // it waited for are held by the other node until that node commits — and ours by this batch until it
  // commits. Running it again in the same batch would meet the same cycle; in the next one it does not.
  static constexpr int kMaxAttempts = 4;

  void submit(std::function<void(Tx&)> body, std::function<void(std::exception_ptr)> done);
  void loop();
  void execute(std::deque<Job>& batch);

  Database& db_;
  WriterOptions options_;
  BatchObserver observer_;
  std::unique_ptr<Connection> conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace daifa::store
