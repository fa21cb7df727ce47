#pragma once
// The embedded store: one SQLite file in WAL mode with foreign keys on. One writer connection, any number of
// reader connections. Connections commit with synchronous=FULL (a committed transaction survives a power cut),
// except the writer's, which commits with synchronous=NORMAL and has its batches made durable by the writer's
// sync thread before anyone is answered (Connection::defer_durability, decision 0009).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "store/database.h"

namespace daifa::store {

class Checkpointer;  // WAL checkpoints off the writer's thread (sqlite_database.cc)

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  ~SqliteDatabase() override;
  std::unique_ptr<Connection> connect(bool read_only) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

  // Checkpoints the background thread has run so far, and waiting (up to `timeout`) for the count to reach
  // `count`: what tests and operators see of that thread.
  std::uint64_t checkpoints_run() const;
  bool await_checkpoints(std::uint64_t count, std::chrono::milliseconds timeout) const;

 private:
  std::string path_;
  std::shared_ptr<Checkpointer> checkpointer_;  // none for ":memory:"
};

}  // namespace daifa::store
