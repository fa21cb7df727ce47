#pragma once
// The embedded store: one SQLite file in WAL mode with synchronous=FULL (a committed transaction survives
// a power cut) and foreign keys on. One writer connection, any number of reader connections.
#include <memory>
#include <string>

#include "store/database.h"

namespace daifa::store {

class Checkpointer;

// Write connections do not copy the WAL back into the database file inside their own COMMIT (SQLite's
// auto-checkpoint): once the WAL has grown by kBackgroundCheckpointPages since the last checkpoint, a
// commit wakes a background thread that runs a PASSIVE checkpoint on its own connection, off the writer's
// thread. Only when the WAL passes kInlineCheckpointPages (a checkpointer that cannot keep up) does the
// committing connection checkpoint itself, as before — the WAL stays bounded either way.
inline constexpr int kBackgroundCheckpointPages = 1000;
inline constexpr int kInlineCheckpointPages = 20000;

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  ~SqliteDatabase() override;
  std::unique_ptr<Connection> connect(bool read_only) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  std::string path_;
  std::shared_ptr<Checkpointer> checkpointer_;
};

}  // namespace daifa::store
