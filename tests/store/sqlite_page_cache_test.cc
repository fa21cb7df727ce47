// The embedded store wraps SQLite's page cache (store/sqlite/page_cache.h): a commit that followed a B-tree
// split no longer walks the whole cache, because the wrapper knows no page lies past the end of the
// database. These tests check that the wrapper is installed, that it skips those walks, and that it still
// forwards the truncation whenever pages past the end do exist — after a rollback that shrank the database —
// so that no page of a rolled-back transaction survives in the cache.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "store/sqlite/page_cache.h"
#include "store/sqlite/sqlite_database.h"
#include "support/test_store.h"

namespace daifa::store {
namespace {

std::string random_key(std::mt19937_64& rng) {
  static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string key(40, ' ');
  for (char& c : key) c = alphabet[rng() % alphabet.size()];
  return key;
}

std::string integrity(Connection& c) { return c.exec("PRAGMA integrity_check").one().text(0); }

TEST(SqlitePageCache, CommitsAfterPageSplitsSkipTheWalkOfTheCacheAndTheDataStaysWhole) {
  testing::TestDatabase folder(testing::Backend::sqlite);
  SqliteDatabase db(folder.url().substr(std::string_view("sqlite:").size()));
  auto writer = db.connect(false);
  writer->exec_script("CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT NOT NULL); "
                      "CREATE INDEX items_code ON items (code)");
  const auto before = sqlite_page_cache::stats();

  // Random index keys split index pages all over the tree: SQLite's balance_nonroot sorts the new pages by
  // swapping them through a temporary key far past the end of the database.
  std::mt19937_64 rng(7);
  std::int64_t id = 0;
  for (int commit = 0; commit < 40; ++commit) {
    writer->exec_script("BEGIN");
    for (int row = 0; row < 200; ++row) writer->exec("INSERT INTO items (id, code) VALUES (?, ?)", {++id, random_key(rng)});
    writer->exec_script("COMMIT");
  }

  const auto after = sqlite_page_cache::stats();
  EXPECT_GT(after.temporary_rekeys, before.temporary_rekeys) << "no page split went through a temporary key";
  EXPECT_GE(after.truncates_skipped - before.truncates_skipped, 40u) << "each commit's truncation should be skipped";

  auto reader = db.connect(true);
  EXPECT_EQ(integrity(*reader), "ok");
  EXPECT_EQ(reader->exec("SELECT COUNT(*) FROM items").one().i64(0), 8000);
  EXPECT_EQ(reader->exec("SELECT COUNT(*) FROM items INDEXED BY items_code WHERE code >= ''").one().i64(0), 8000);
}

TEST(SqlitePageCache, ARollbackThatShrankTheDatabaseDropsThePagesPastItsEnd) {
  testing::TestDatabase folder(testing::Backend::sqlite);
  SqliteDatabase db(folder.url().substr(std::string_view("sqlite:").size()));
  auto writer = db.connect(false);
  writer->exec_script("CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  writer->exec_script("BEGIN");
  writer->exec("INSERT INTO pages (id, body) VALUES (1, ?)", {std::string(3000, 'a')});
  writer->exec_script("COMMIT");

  // A transaction grows the database by ~300 pages, then rolls back: those pages lie past the end now and
  // must leave the cache, or their content would come back when the database grows again.
  const auto before = sqlite_page_cache::stats();
  writer->exec_script("BEGIN");
  for (std::int64_t id = 2; id < 300; ++id) writer->exec("INSERT INTO pages (id, body) VALUES (?, ?)", {id, std::string(3000, 'x')});
  writer->exec_script("ROLLBACK");
  EXPECT_GT(sqlite_page_cache::stats().truncates_forwarded, before.truncates_forwarded);

  // The same inside a transaction that commits: a savepoint grows the database and is rolled back.
  writer->exec_script("BEGIN");
  writer->exec_script("SAVEPOINT grow");
  for (std::int64_t id = 2; id < 300; ++id) writer->exec("INSERT INTO pages (id, body) VALUES (?, ?)", {id, std::string(3000, 'y')});
  writer->exec_script("ROLLBACK TO grow; RELEASE grow");
  for (std::int64_t id = 2; id < 200; ++id) writer->exec("INSERT INTO pages (id, body) VALUES (?, ?)", {id, std::string(3000, 'z')});
  writer->exec_script("COMMIT");

  auto reader = db.connect(true);
  EXPECT_EQ(integrity(*reader), "ok");
  EXPECT_EQ(reader->exec("SELECT COUNT(*) FROM pages").one().i64(0), 199);
  EXPECT_EQ(reader->exec("SELECT COUNT(*) FROM pages WHERE body = ?", {std::string(3000, 'z')}).one().i64(0), 198);
  EXPECT_EQ(reader->exec("SELECT COUNT(*) FROM pages WHERE body IN (?, ?)",
                         {std::string(3000, 'x'), std::string(3000, 'y')}).one().i64(0), 0);
  // The writer's own cache answers the same.
  EXPECT_EQ(writer->exec("SELECT COUNT(*) FROM pages WHERE body = ?", {std::string(3000, 'z')}).one().i64(0), 198);
  EXPECT_EQ(integrity(*writer), "ok");
}

}  // namespace
}  // namespace daifa::store
