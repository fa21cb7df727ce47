#include "store/read_pool.h"

namespace daifa::store {

ReadPool::ReadPool(Database& db, std::size_t size)
    : db_(db),
      size_(size == 0 ? 1 : size),
      begin_sql_(db.dialect() == Dialect::sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {}

ReadPool::Lease::Lease(ReadPool& p) : pool(p) {
  std::unique_lock lock(pool.mu_);
  pool.cv_.wait(lock, [&] { return !pool.idle_.empty() || pool.created_ < pool.size_; });
  if (!pool.idle_.empty()) {
    conn = std::move(pool.idle_.back());
    pool.idle_.pop_back();
    if (conn->healthy()) return;
    conn.reset();
    --pool.created_;
  }
  ++pool.created_;
  lock.unlock();
  try {
    conn = pool.db_.connect(true);
  } catch (...) {
    std::lock_guard again(pool.mu_);
    --pool.created_;
    pool.cv_.notify_one();
    throw;
  }
}

void ReadPool::Lease::rollback() {
  try {
    conn->exec_script("ROLLBACK");
  } catch (...) {
    conn.reset();  // a broken connection is dropped, not returned to the pool
  }
}

ReadPool::Lease::~Lease() {
  std::lock_guard lock(pool.mu_);
  if (conn && conn->healthy()) {
    pool.idle_.push_back(std::move(conn));
  } else {
    --pool.created_;
  }
  pool.cv_.notify_one();
}

}  // namespace daifa::store
