#include "store/writer.h"

#include <chrono>

namespace daifa::store {

Writer::Writer(Database& db, WriterOptions options, BatchObserver observer)
    : db_(db), options_(options), observer_(std::move(observer)), conn_(db.connect(false)) {
  thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() { stop(); }

void Writer::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
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
    execute(batch);
    std::deque<Job> again;
    for (Job& job : batch) {
      if (job.retry) {
        job.retry = false;
        job.error = nullptr;
        again.push_back(std::move(job));
      } else {
        job.done(job.error);
      }
    }
    if (!again.empty()) {
      std::lock_guard lock(mu_);
      // First in the next batch, in their order: a retried command does not wait behind newer ones.
      for (auto it = again.rbegin(); it != again.rend(); ++it) queue_.push_front(std::move(*it));
    }
  }
}

void Writer::execute(std::deque<Job>& batch) {
  auto started = std::chrono::steady_clock::now();
  std::exception_ptr batch_error;
  try {
    if (!conn_ || !conn_->healthy()) conn_ = db_.connect(false);
    conn_->exec_script(conn_->dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    batch_error = std::current_exception();
  }
  if (!batch_error) {
    for (Job& job : batch) {
      bool rollback = false;
      try {
        conn_->exec_script("SAVEPOINT cmd");
        Tx tx(*conn_);
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
    return;
  }
  if (observer_) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    observer_(batch.size(), us);
  }
}

}  // namespace daifa::store
