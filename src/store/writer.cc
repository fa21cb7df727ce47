#include "store/writer.h"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <future>

namespace daifa::store {

Writer::Writer(Database& db, WriterOptions options, BatchObserver observer)
    : db_(db), options_(options), observer_(std::move(observer)) {
  connect();
  // Named, so that `top -H` and perf tell them apart.
  sync_thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "daifa-wal-sync");
    sync_loop();
  });
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "daifa-writer");
    loop();
  });
}

Writer::~Writer() { stop(); }

void Writer::connect() {
  conn_ = db_.connect(false);
  auto sync = conn_->defer_durability();
  sync_ = sync ? std::make_shared<const std::function<void()>>(std::move(sync)) : nullptr;
}

void Writer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();  // everything queued is committed and handed to the syncer
  {
    std::lock_guard lock(durable_mu_);
    sync_stopping_ = true;
  }
  durable_cv_.notify_all();
  if (sync_thread_.joinable()) sync_thread_.join();  // … and durable, its callers answered
}

void Writer::wait_durable() {
  std::unique_lock lock(durable_mu_);
  const std::uint64_t target = committed_;
  durable_now_.wait(lock, [&] { return durable_ >= target; });
}

std::uint64_t Writer::committed_batches() const {
  std::lock_guard lock(durable_mu_);
  return committed_;
}

std::uint64_t Writer::durable_batches() const {
  std::lock_guard lock(durable_mu_);
  return durable_;
}

void Writer::submit(std::function<void(Tx&)> body, std::function<void(std::exception_ptr)> done) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      done(std::make_exception_ptr(StoreError(ErrorKind::busy, "the writer is stopping")));
      return;
    }
    if (queue_.size() >= options_.max_queue) {
      done(std::make_exception_ptr(StoreError(ErrorKind::busy, "the write queue is full")));
      return;
    }
    queue_.push_back(Job{std::move(body), std::move(done), nullptr});
  }
  cv_.notify_one();
}

namespace {

// Without a fiber, the calling thread itself waits.
class ThreadWait final : public Suspension {
 public:
  void suspend(const std::function<void(Resume)>& start) override {
    std::promise<void> resumed;
    auto done = resumed.get_future();
    start([&resumed] { resumed.set_value(); });
    done.wait();
  }
};

}  // namespace

void Writer::wait_for(std::function<void(Tx&)> body) {
  ThreadWait thread;
  Suspension* waiting = Suspension::current();
  std::exception_ptr error;
  (waiting ? *waiting : thread).suspend([&](Suspension::Resume resume) {
    submit(std::move(body), [&error, resume = std::move(resume)](std::exception_ptr e) {
      error = e;
      resume();
    });
  });
  if (error) std::rethrow_exception(error);
}

void Writer::loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been committed
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    const auto started = std::chrono::steady_clock::now();
    const std::uint64_t number = ++batches_;
    const bool committed = execute(batch, number);
    std::deque<Job> again;
    std::deque<Job> answer;
    for (Job& job : batch) {
      if (job.retry) {
        job.retry = false;
        job.error = nullptr;
        again.push_back(std::move(job));
      } else {
        answer.push_back(std::move(job));
      }
    }
    if (!again.empty()) {
      std::lock_guard lock(mu_);
      // First in the next batch, in their order: a retried command does not wait behind newer ones.
      for (auto it = again.rbegin(); it != again.rend(); ++it) queue_.push_front(std::move(*it));
    }
    if (!committed) {
      // Nothing of it was written: its callers hear of the failure now.
      for (Job& job : answer) job.done(job.error);
      continue;
    }
    if (sync_) {
      // Refusals wait with the rest: an answer may rest on what earlier batches wrote.
      {
        std::lock_guard lock(durable_mu_);
        committed_ = number;
        unsynced_.push_back(Committed{number, std::move(answer), sync_, started});
      }
      durable_cv_.notify_one();
      continue;
    }
    {
      std::lock_guard lock(durable_mu_);
      committed_ = durable_ = number;
    }
    durable_now_.notify_all();
    observe(batch.size(), started);
    for (Job& job : answer) job.done(job.error);
  }
}

void Writer::sync_loop() {
  for (;;) {
    std::deque<Committed> batches;
    {
      std::unique_lock lock(durable_mu_);
      durable_cv_.wait(lock, [&] { return sync_stopping_ || !unsynced_.empty(); });
      if (unsynced_.empty()) return;  // stopping, and everything committed is durable
      batches.swap(unsynced_);
    }
    // One sync covers every batch committed so far on the connection.
    try {
      (*batches.back().sync)();
    } catch (const std::exception& e) {
      // Whether the disk kept these writes is unknown, and later batches already build on them: going on
      // could acknowledge writes that a restart would not find. Stop here; recovery at the next start
      // keeps exactly what reached the disk (as PostgreSQL does on a failed fsync).
      std::fprintf(stderr, "daifa: fatal: committed writes could not be made durable: %s\n", e.what());
      std::abort();
    }
    {
      std::lock_guard lock(durable_mu_);
      durable_ = batches.back().number;
    }
    durable_now_.notify_all();
    for (Committed& c : batches) {
      observe(c.jobs.size(), c.started);
      for (Job& job : c.jobs) job.done(job.error);
    }
  }
}

void Writer::observe(std::size_t commands, std::chrono::steady_clock::time_point started) {
  if (!observer_) return;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  observer_(commands, us);
}

bool Writer::execute(std::deque<Job>& batch, std::uint64_t number) {
  std::exception_ptr batch_error;
  try {
    if (!conn_ || !conn_->healthy()) connect();
    conn_->exec_script(conn_->dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    batch_error = std::current_exception();
  }
  if (!batch_error) {
    for (Job& job : batch) {
      bool rollback = false;
      try {
        conn_->exec_script("SAVEPOINT cmd");
        Tx tx(*conn_, number);
        job.body(tx);
        rollback = tx.aborted();
      } catch (const StoreError& e) {
        job.error = std::current_exception();
        rollback = true;
        if (e.kind() == ErrorKind::connection_lost) {
          batch_error = job.error;
          break;
        }
        if (e.kind() == ErrorKind::busy && ++job.attempts < kMaxAttempts) job.retry = true;
      } catch (...) {
        job.error = std::current_exception();
        rollback = true;
      }
      try {
        if (rollback) conn_->exec_script("ROLLBACK TO SAVEPOINT cmd");
        conn_->exec_script("RELEASE SAVEPOINT cmd");
      } catch (...) {
        batch_error = std::current_exception();
        break;
      }
    }
  }
  if (!batch_error) {
    try {
      conn_->exec_script("COMMIT");
    } catch (...) {
      batch_error = std::current_exception();
    }
  }
  if (batch_error) {
    // Nothing of this batch is durable: every command in it fails, with its own error if it had one.
    try {
      if (conn_ && conn_->healthy()) conn_->exec_script("ROLLBACK");
    } catch (...) {
      conn_.reset();  // replaced on the next batch
    }
    if (conn_ && !conn_->healthy()) conn_.reset();
    for (Job& job : batch) {
      job.retry = false;
      if (!job.error) job.error = batch_error;
    }
    return false;
  }
  return true;
}

}  // namespace daifa::store
