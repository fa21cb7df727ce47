#pragma once
// Versioned schema migrations, applied in order at start and by `daifa migrate`. A migration is never
// edited once released: changes go in a new one. The SQL is portable between SQLite and PostgreSQL.
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace daifa::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& all_migrations();
int latest_schema_version();

// A migration's SQL as it runs on `dialect`: the portable text with the few spellings a store needs
// (PostgreSQL: BYTEA for BLOB; SQLite: rowid keys, CHECKs against a list as comparisons — migrations.cc).
std::string for_dialect(std::string_view sql, Dialect dialect);

// The highest applied version, 0 on an empty database.
int current_schema_version(Connection& conn);

// Applies every missing migration, each in its own transaction, under a lock so that several nodes
// starting at once apply each exactly once. Returns how many were applied.
int migrate(Connection& conn, std::int64_t now_unix_ms);

}  // namespace daifa::store
