// The embedded store's WAL checkpoints run on a thread of their own (sqlite_database.cc, Checkpointer): the
// writer's commits only ring it once the WAL passes 1,000 pages. Without that thread the WAL would grow to
// the writer's own fallback (~80 MB) before anything was copied back into the database file.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>

#include "store/sqlite/sqlite_database.h"
#include "support/test_store.h"

namespace daifa::store {
namespace {

// Frames in the WAL now, as `PRAGMA wal_checkpoint` reports them (its second column).
std::int64_t wal_frames(Connection& c) { return c.exec("PRAGMA wal_checkpoint(PASSIVE)").one().i64(1); }

TEST(SqliteCheckpoints, ABackgroundThreadCheckpointsOnceTheWalPassesAThousandPagesAndTheWalStartsOver) {
  testing::TestDatabase folder(testing::Backend::sqlite);  // "sqlite:<a fresh temporary folder>/daifa.db"
  SqliteDatabase db(folder.url().substr(std::string_view("sqlite:").size()));
  auto writer = db.connect(false);
  writer->exec_script("CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  EXPECT_EQ(db.checkpoints_run(), 0u);

  // Nine commits of 100 rows, each row a little under a 4 KiB page: about 910 WAL pages, below the threshold,
  // so no checkpoint yet. Then one commit of 200 rows passes it; that commit alone rings the thread, so the
  // checkpoint it runs starts after the last commit and copies every page.
  const std::string body(3900, 'x');
  std::int64_t id = 0;
  auto commit_rows = [&](int rows) {
    writer->exec_script("BEGIN");
    for (int row = 0; row < rows; ++row) writer->exec("INSERT INTO pages (id, body) VALUES (?, ?)", {++id, body});
    writer->exec_script("COMMIT");
  };
  for (int commit = 0; commit < 9; ++commit) commit_rows(100);
  EXPECT_EQ(db.checkpoints_run(), 0u);
  commit_rows(200);
  // A generous bound for a slow, sanitised build: the thread is woken at once.
  ASSERT_TRUE(db.await_checkpoints(1, std::chrono::seconds(60))) << "no checkpoint ran";

  // Every page is now in the database file, so the writer's next commit starts the WAL over from its first
  // frame instead of appending after 1,200 of them.
  writer->exec_script("BEGIN");
  writer->exec("INSERT INTO pages (id, body) VALUES (?, ?)", {++id, std::string("after")});
  writer->exec_script("COMMIT");
  auto other = db.connect(false);
  EXPECT_LT(wal_frames(*other), 100);
  EXPECT_EQ(other->exec("SELECT COUNT(*) FROM pages").one().i64(0), 1101);
}

}  // namespace
}  // namespace daifa::store
