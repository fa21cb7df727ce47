#pragma once
// The embedded store: one SQLite file in WAL mode with synchronous=FULL (a committed transaction survives
// a power cut) and foreign keys on. One writer connection, any number of reader connections.
#include <string>

#include "store/database.h"

namespace daifa::store {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  std::unique_ptr<Connection> connect(bool read_only) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  std::string path_;
};

}  // namespace daifa::store
