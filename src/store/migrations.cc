#include "store/migrations.h"

#include <string>

#include "store/migrations/migration_files.h"

namespace daifa::store {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

// Any 64-bit constant: the advisory lock that serialises migrations across PostgreSQL nodes.
constexpr std::string_view kPgMigrationLock = "SELECT pg_advisory_lock(7301202611240001)";
constexpr std::string_view kPgMigrationUnlock = "SELECT pg_advisory_unlock(7301202611240001)";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
}

// The two spelling differences we allow. BLOB is SQLite's name for bytes; PostgreSQL calls it BYTEA.
// On SQLite, a 64-bit `BIGINT PRIMARY KEY` becomes `INTEGER PRIMARY KEY`, which is the table's own rowid
// (SQLite's integers are 64-bit): one B-tree per table instead of a table plus a separate key index, so
// each insert writes half the pages (bench/results/order_intake.md). Databases made before keep their
// layout; both behave the same.
std::string for_dialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  if (dialect == Dialect::postgres) replace_all(out, " BLOB", " BYTEA");
  else replace_all(out, " BIGINT PRIMARY KEY", " INTEGER PRIMARY KEY");
  return out;
}

}  // namespace

const std::vector<Migration>& all_migrations() { return migration_files(); }

int latest_schema_version() { return all_migrations().back().version; }

int current_schema_version(Connection& conn) {
  // Read-only: works on a read connection, and on a database that was never migrated.
  Result exists = conn.dialect() == Dialect::sqlite
                      ? conn.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
                      : conn.exec("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'");
  if (exists.empty()) return 0;
  Result r = conn.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return static_cast<int>(r.one().i64(0));
}

int migrate(Connection& conn, std::int64_t now_unix_ms) {
  bool pg = conn.dialect() == Dialect::postgres;
  // The lock comes first: CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin on PostgreSQL.
  if (pg) conn.exec(kPgMigrationLock);
  int applied = 0;
  try {
    conn.exec_script(std::string(kCreateMigrationsTable));
    for (const Migration& m : all_migrations()) {
      conn.exec_script(pg ? "BEGIN" : "BEGIN IMMEDIATE");
      try {
        Result done = conn.exec("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}});
        if (done.empty()) {
          conn.exec_script(for_dialect(m.sql, conn.dialect()));
          conn.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    {std::int64_t{m.version}, std::string(m.name), now_unix_ms});
          ++applied;
        }
        conn.exec_script("COMMIT");
      } catch (...) {
        conn.exec_script("ROLLBACK");
        throw;
      }
    }
  } catch (...) {
    if (pg && conn.healthy()) conn.exec(kPgMigrationUnlock);
    throw;
  }
  if (pg) conn.exec(kPgMigrationUnlock);
  return applied;
}

}  // namespace daifa::store
