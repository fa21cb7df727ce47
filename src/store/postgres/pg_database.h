#pragma once
// The multi-node store: PostgreSQL through libpq. Several Daifa nodes may share one server.
#include <string>

#include "store/database.h"

namespace daifa::store {

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::string url);
  std::unique_ptr<Connection> connect(bool read_only) override;
  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override;

 private:
  std::string url_;
};

}  // namespace daifa::store
