#include "store/migrations.h"

#include <algorithm>
#include <cctype>
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

// `CHECK (col IN ('a', 'b', 'c'))` → `CHECK (col = 'a' OR col = 'b' OR col = 'c')`. The same test; but SQLite
// evaluates an IN list of more than two constants by building a temporary B-tree of the list, for every row
// inserted or updated — ~2.3 µs each time, several times per order (bench/results/order_intake.md).
std::string checks_without_in_lists(const std::string& sql) {
  constexpr std::string_view kCheck = "CHECK (";
  constexpr std::string_view kIn = " IN (";
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
    return s;
  };
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = sql.find(kCheck); at != std::string::npos; at = sql.find(kCheck, at + 1)) {
    const std::size_t name = at + kCheck.size();
    std::size_t name_end = name;
    while (name_end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[name_end])) || sql[name_end] == '_')) {
      ++name_end;
    }
    if (name_end == name || sql.compare(name_end, kIn.size(), kIn) != 0) continue;
    const std::size_t list = name_end + kIn.size();
    const std::size_t close = sql.find_first_of("()", list);
    if (close == std::string::npos || sql[close] != ')' || close + 1 >= sql.size() || sql[close + 1] != ')') continue;
    const std::string_view column(sql.data() + name, name_end - name);
    const std::string_view items(sql.data() + list, close - list);
    std::string chain;
    bool plain = true;  // every item a 'quoted' text without quotes or commas inside, or an integer
    for (std::size_t from = 0; plain && from <= items.size();) {
      const std::size_t comma = std::min(items.find(',', from), items.size());
      const std::string_view item = trim(items.substr(from, comma - from));
      const bool text = item.size() >= 2 && item.front() == '\'' && item.back() == '\'' &&
                        item.substr(1, item.size() - 2).find('\'') == std::string_view::npos;
      const bool number = !item.empty() && std::all_of(item.begin(), item.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) != 0;
      });
      plain = text || number;
      chain += (chain.empty() ? "" : " OR ") + std::string(column) + " = " + std::string(item);
      from = comma + 1;
    }
    if (!plain) continue;  // left as written: still right, only slower
    out.append(sql, copied, at - copied);
    out += "CHECK (" + chain + ")";
    copied = close + 2;
  }
  out.append(sql, copied, std::string::npos);
  return out;
}

}  // namespace

// The spelling differences we allow. BLOB is SQLite's name for bytes; PostgreSQL calls it BYTEA.
// On SQLite, a 64-bit `BIGINT PRIMARY KEY` becomes `INTEGER PRIMARY KEY`, which is the table's own rowid
// (SQLite's integers are 64-bit): one B-tree per table instead of a table plus a separate key index, so
// each insert writes half the pages (bench/results/order_intake.md); and a CHECK of a column against a list
// becomes a chain of comparisons (above). Databases made before keep their layout; both behave the same.
std::string for_dialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  if (dialect == Dialect::postgres) {
    replace_all(out, " BLOB", " BYTEA");
    return out;
  }
  replace_all(out, " BIGINT PRIMARY KEY", " INTEGER PRIMARY KEY");
  return checks_without_in_lists(out);
}

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
