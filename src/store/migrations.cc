#include "store/migrations.h"

#include <string>

namespace daifa::store {
namespace {

// Conventions: ids BIGINT (app-generated, time-ordered); money BIGINT minor units + TEXT currency;
// times BIGINT Unix milliseconds; booleans INTEGER 0/1; JSON documents TEXT.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE suppliers (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('factory', 'wholesaler', 'agent')),
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_email TEXT NOT NULL DEFAULT '',
  moq BIGINT NOT NULL CHECK (moq >= 1),
  lead_time_days BIGINT NOT NULL CHECK (lead_time_days >= 0),
  payment_terms TEXT NOT NULL,
  blind_ship INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX suppliers_kind ON suppliers (kind, id);

CREATE TABLE distributors (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  tier BIGINT NOT NULL CHECK (tier BETWEEN 1 AND 5),
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_email TEXT NOT NULL DEFAULT '',
  referrer_id BIGINT REFERENCES distributors (id),
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'operator', 'agent', 'finance', 'supplier', 'distributor')),
  supplier_id BIGINT REFERENCES suppliers (id),
  distributor_id BIGINT REFERENCES distributors (id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CHECK ((role = 'supplier') = (supplier_id IS NOT NULL)),
  CHECK ((role = 'distributor') = (distributor_id IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE login_failures (
  backoff_key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL
);

CREATE TABLE idempotency_keys (
  principal_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  location TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (principal_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE outbox (
  id BIGINT PRIMARY KEY,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
)sql";

constexpr std::string_view kCatalog = R"sql(
CREATE TABLE products (
  id BIGINT PRIMARY KEY,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  size_chart TEXT NOT NULL DEFAULT '[]',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX products_category ON products (category, id);

CREATE TABLE variants (
  id BIGINT PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL UNIQUE,
  options TEXT NOT NULL DEFAULT '{}',
  price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  weight_g BIGINT NOT NULL CHECK (weight_g >= 0)
);
CREATE INDEX variants_product ON variants (product_id, id);

CREATE TABLE offers (
  id BIGINT PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  variant_id BIGINT NOT NULL REFERENCES variants (id),
  supplier_sku TEXT NOT NULL,
  cost_minor BIGINT NOT NULL CHECK (cost_minor >= 0),
  shipping_cost_minor BIGINT NOT NULL CHECK (shipping_cost_minor >= 0),
  currency TEXT NOT NULL,
  stock BIGINT NOT NULL CHECK (stock >= 0),
  lead_time_days BIGINT NOT NULL CHECK (lead_time_days >= 0),
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (supplier_id, supplier_sku)
);
CREATE INDEX offers_variant ON offers (variant_id);

CREATE TABLE stock_journal (
  id BIGINT PRIMARY KEY,
  offer_id BIGINT NOT NULL REFERENCES offers (id),
  sku TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('stock', 'cost')),
  old_value BIGINT,
  new_value BIGINT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX stock_journal_offer ON stock_journal (offer_id, id);
CREATE INDEX stock_journal_sku ON stock_journal (sku, id);

CREATE TABLE channels (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'shopify', 'woocommerce', 'csv', 'manual')),
  secret TEXT NOT NULL DEFAULT '',
  stock_buffer BIGINT NOT NULL DEFAULT 0 CHECK (stock_buffer >= 0),
  pricing_rule TEXT NOT NULL DEFAULT '{}',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql";

const std::vector<Migration> kMigrations = {
    {1, "accounts, suppliers, distributors, idempotency, outbox", kAccounts},
    {2, "catalog basics: products, variants, offers, stock journal, channels", kCatalog},
};

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

// Any 64-bit constant: the advisory lock that serialises migrations across PostgreSQL nodes.
constexpr std::string_view kPgMigrationLock = "SELECT pg_advisory_lock(7301202611240001)";
constexpr std::string_view kPgMigrationUnlock = "SELECT pg_advisory_unlock(7301202611240001)";

}  // namespace

const std::vector<Migration>& all_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

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
  conn.exec_script(std::string(kCreateMigrationsTable));
  if (pg) conn.exec(kPgMigrationLock);
  int applied = 0;
  try {
    for (const Migration& m : kMigrations) {
      conn.exec_script(pg ? "BEGIN" : "BEGIN IMMEDIATE");
      try {
        Result done = conn.exec("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}});
        if (done.empty()) {
          conn.exec_script(m.sql);
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
