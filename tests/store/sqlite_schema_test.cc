// The embedded store's schema as migrations make it on SQLite (migrations.cc, for_dialect): a CHECK of a
// column against a list of values is written as a chain of comparisons, because SQLite evaluates an IN list
// of more than two constants by building a temporary B-tree for every row it checks.
#include <gtest/gtest.h>

#include <string>

#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"
#include "support/test_store.h"

namespace daifa::store {
namespace {

TEST(SqliteSchema, NoCheckIsAnInListSoNoInsertBuildsATemporaryBTree) {
  testing::TestDatabase folder(testing::Backend::sqlite);
  SqliteDatabase db(folder.url().substr(std::string_view("sqlite:").size()));
  auto c = db.connect(false);
  ASSERT_GT(migrate(*c, 1), 0);

  int tables = 0;
  int chains = 0;
  for (const Row& row : c->exec("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL").rows) {
    ++tables;
    const std::string sql = row.text(1);
    EXPECT_EQ(sql.find(" IN ("), std::string::npos) << row.text(0) << ": " << sql;
    if (sql.find(" OR status = ") != std::string::npos) ++chains;
  }
  EXPECT_GT(tables, 20);
  EXPECT_GT(chains, 3);  // orders, purchase_orders, shipments, webhook_deliveries… were rewritten, not dropped

  // The statement intake runs for every order: its program opens no ephemeral table.
  Result program = c->exec(
      "EXPLAIN INSERT INTO purchase_orders (id, order_id, supplier_id, status, currency, cost_minor, shipping_minor, "
      "payment, neutral_packaging, no_inserts, version, created_at, updated_at) "
      "VALUES (1, 1, 1, 'placed', 'CNY', 1, 0, 'prepaid', 0, 0, 1, 1, 1)");
  ASSERT_FALSE(program.empty());
  for (const Row& op : program.rows) EXPECT_NE(op.text(1), "OpenEphemeral");
}

TEST(SqliteSchema, OnlyPlainListsAreRespelledAndPostgresKeepsTheText) {
  EXPECT_EQ(for_dialect("kind TEXT NOT NULL CHECK (kind IN ('a', 'b',\n   'c')),", Dialect::sqlite),
            "kind TEXT NOT NULL CHECK (kind = 'a' OR kind = 'b' OR kind = 'c'),");
  EXPECT_EQ(for_dialect("active BIGINT CHECK (active IN (0, 1))", Dialect::sqlite),
            "active BIGINT CHECK (active = 0 OR active = 1)");
  // Anything else is left as written — a comma or a quote inside a value, an expression, more than the list.
  for (const std::string sql : {"CHECK (kind IN ('a,b', 'c'))", "CHECK (kind IN ('it''s', 'c'))",
                                "CHECK (kind IN (lower('A'), 'b'))", "CHECK (kind IN ('a', 'b') AND n > 0)",
                                "CHECK (kind NOT IN ('a', 'b', 'c'))", "CHECK (n IN (-1, 2))"}) {
    EXPECT_EQ(for_dialect(sql, Dialect::sqlite), sql);
  }
  const std::string portable = "id BIGINT PRIMARY KEY, body BLOB, kind TEXT CHECK (kind IN ('a', 'b', 'c'))";
  EXPECT_EQ(for_dialect(portable, Dialect::postgres),
            "id BIGINT PRIMARY KEY, body BYTEA, kind TEXT CHECK (kind IN ('a', 'b', 'c'))");
  EXPECT_EQ(for_dialect(portable, Dialect::sqlite),
            "id INTEGER PRIMARY KEY, body BLOB, kind TEXT CHECK (kind = 'a' OR kind = 'b' OR kind = 'c')");
}

}  // namespace
}  // namespace daifa::store
