#pragma once
// The write path. One thread owns the write connection and runs commands in batches: one transaction
// per batch (group commit), each command inside its own savepoint so that a failing command fails
// alone. A caller of run() returns only after its batch is durable — or with the error that stopped it.
//
// Where the backend allows it (SQLite in WAL mode: Connection::defer_durability), the writer does not wait
// for the disk: it commits a batch, hands it to a second thread that makes it durable (one fdatasync of
// the WAL for every batch committed meanwhile) and answers its callers, and goes on with the next batch
// at once. Commits reach the disk in their order, so a batch is never durable before those committed
// ahead of it. Read connections may see a commit before it is durable; code that acts on the outside world
// from such a read calls wait_durable() first (docs/decisions/0009-durability-off-the-writer.md).
// PostgreSQL commits durably (synchronous_commit=on) and the writer answers right after COMMIT.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "store/database.h"
#include "store/suspension.h"

namespace daifa::store {

// What a command sees: the write connection, inside the command's savepoint.
class Tx {
 public:
  explicit Tx(Connection& conn, std::uint64_t batch = 0) : conn_(conn), batch_(batch) {}
  Connection& conn() { return conn_; }
  // The number of the batch this command runs in (1, 2, …): durable once Writer::durable_batches() reaches it.
  std::uint64_t batch() const { return batch_; }
  Result exec(std::string_view sql, const std::vector<Value>& params = {}) { return conn_.exec(sql, params); }
  // Undo everything this command wrote (its savepoint is rolled back); the command still returns its
  // value to the caller. For refusals discovered after some writes: nothing is half-written.
  void abort() { aborted_ = true; }
  bool aborted() const { return aborted_; }

 private:
  Connection& conn_;
  std::uint64_t batch_;
  bool aborted_ = false;
};

struct WriterOptions {
  std::size_t max_batch = 512;  // commands per transaction at most
  std::size_t max_queue = 100'000;  // beyond this, run() fails fast with ErrorKind::busy
};

// Called once each batch is durable, for metrics: how many commands, and how long from BEGIN until durable.
using BatchObserver = std::function<void(std::size_t commands, std::int64_t commit_us)>;

class Writer {
 public:
  Writer(Database& db, WriterOptions options, BatchObserver observer = {});
  ~Writer();  // stop()
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `f(Tx&)` in the next batch and waits until that batch commits. Returns what f returned;
  // rethrows what f threw (its savepoint rolled back) or the error that failed the whole batch.
  // On a fiber with a Suspension installed (suspension.h), only that fiber waits.
  template <class F>
  auto run(F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    if constexpr (std::is_void_v<R>) {
      wait_for([&](Tx& tx) { f(tx); });
    } else {
      std::optional<R> result;
      wait_for([&](Tx& tx) { result.emplace(f(tx)); });
      return std::move(*result);
    }
  }

  // Runs what is queued, commits, makes it durable, and stops the threads. Later run() calls fail with
  // ErrorKind::busy.
  void stop();

  // Returns once every batch committed before the call is durable. For code that reads on a read connection
  // and then acts on the outside world (sends, subscribes, pulls): what it read may not be durable yet.
  void wait_durable();
  // Batches committed so far, and how many of them are durable (the numbers Tx::batch() counts).
  std::uint64_t committed_batches() const;
  std::uint64_t durable_batches() const;

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

  using Sync = std::shared_ptr<const std::function<void()>>;  // from Connection::defer_durability; null: none
  // A committed batch waiting for the disk, with the callers to answer once it is durable.
  struct Committed {
    std::uint64_t number = 0;
    std::deque<Job> jobs;
    Sync sync;
    std::chrono::steady_clock::time_point started;
  };

  void submit(std::function<void(Tx&)> body, std::function<void(std::exception_ptr)> done);
  // Submits `body` and waits for its batch: suspends the current fiber, or blocks the thread. Rethrows.
  void wait_for(std::function<void(Tx&)> body);
  void loop();
  bool execute(std::deque<Job>& batch, std::uint64_t number);  // true: committed
  void connect();
  void sync_loop();
  void observe(std::size_t commands, std::chrono::steady_clock::time_point started);

  Database& db_;
  WriterOptions options_;
  BatchObserver observer_;
  std::unique_ptr<Connection> conn_;
  Sync sync_;  // of conn_
  std::uint64_t batches_ = 0;  // batches begun (writer thread only)
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;

  mutable std::mutex durable_mu_;
  std::condition_variable durable_cv_;   // the syncer: batches to make durable, or stop
  std::condition_variable durable_now_;  // waiters: durable_ moved
  std::deque<Committed> unsynced_;
  std::uint64_t committed_ = 0;
  std::uint64_t durable_ = 0;
  bool sync_stopping_ = false;

  std::thread sync_thread_;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace daifa::store
