// The write path on both backends: group commit, savepoint isolation, durability of what was answered.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "store/catalog/supplier_repo.h"
#include "store/store.h"
#include "support/test_store.h"

namespace daifa::store {
namespace {

using testing::Backend;

class WriterTest : public ::testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase db_{GetParam()};
};

Supplier supplier(Id id) {
  Supplier s;
  s.id = id;
  s.name = "S" + std::to_string(id);
  s.contact = Contact{"王", "13800000000", ""};
  return s;
}

std::int64_t count(Store& store) {
  return store.reads().read([](Connection& c) { return count_suppliers(c); });
}

TEST_P(WriterTest, AFailingCommandFailsAloneInItsBatch) {
  std::vector<std::size_t> batches;
  std::mutex mu;
  Store store(db_.url(), StoreOptions{}, 1, [&](std::size_t n, std::int64_t) {
    std::lock_guard lock(mu);
    batches.push_back(n);
  });
  store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(1)); });
  // Many threads at once, so batches hold several commands; every third one inserts a duplicate id.
  constexpr int kThreads = 24;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        store.writer().run([&](Tx& tx) {
          insert_supplier(tx.conn(), supplier(1000 + i));      // written first…
          if (i % 3 == 0) insert_supplier(tx.conn(), supplier(1));  // …then undone with its savepoint
        });
        ++ok;
      } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unique_violation);
        ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), kThreads / 3);
  EXPECT_EQ(ok.load(), kThreads - kThreads / 3);
  EXPECT_EQ(count(store), 1 + ok.load());  // no half-written command
  store.reads().read([&](Connection& c) {
    for (int i = 0; i < kThreads; ++i) {
      bool present = !c.exec("SELECT 1 FROM suppliers WHERE id = ?", {Id{1000 + i}}).empty();
      EXPECT_EQ(present, i % 3 != 0) << i;
    }
  });
}

TEST_P(WriterTest, AbortUndoesTheCommandButReturnsItsValue) {
  Store store(db_.url(), StoreOptions{}, 1);
  int value = store.writer().run([&](Tx& tx) {
    insert_supplier(tx.conn(), supplier(5));
    tx.abort();
    return 42;
  });
  EXPECT_EQ(value, 42);
  EXPECT_EQ(count(store), 0);
}

TEST_P(WriterTest, GroupsConcurrentCommandsIntoFewerTransactions) {
  std::atomic<std::size_t> commits{0}, commands{0};
  Store store(db_.url(), StoreOptions{}, 1, [&](std::size_t n, std::int64_t) {
    ++commits;
    commands += n;
  });
  constexpr int kThreads = 16, kPerThread = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(1 + t * kPerThread + i)); });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(count(store), kThreads * kPerThread);
  EXPECT_EQ(commands.load(), static_cast<std::size_t>(kThreads * kPerThread));
  // With 16 writers waiting on durable commits, batching must have happened.
  EXPECT_LT(commits.load(), commands.load());
}

TEST_P(WriterTest, AnAnswerComesOnlyOnceItsBatchIsDurable) {
  Store store(db_.url(), StoreOptions{}, 1);
  constexpr int kThreads = 12, kPerThread = 30;
  std::atomic<int> early{0}, answered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::uint64_t batch = store.writer().run([&](Tx& tx) {
          insert_supplier(tx.conn(), supplier(1 + t * kPerThread + i));
          return tx.batch();
        });
        if (batch == 0 || store.writer().durable_batches() < batch) ++early;
        ++answered;
      }
    });
  }
  // Meanwhile: a reader may see commits that are not durable yet; wait_durable() covers what it saw.
  for (int i = 0; i < 50 && answered.load() < kThreads * kPerThread; ++i) {
    const std::uint64_t committed = store.writer().committed_batches();
    store.writer().wait_durable();
    EXPECT_GE(store.writer().durable_batches(), committed);
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(early.load(), 0);
  EXPECT_EQ(count(store), kThreads * kPerThread);
  EXPECT_EQ(store.writer().durable_batches(), store.writer().committed_batches());
}

TEST_P(WriterTest, WhatWasAnsweredSurvivesReopening) {
  {
    Store store(db_.url(), StoreOptions{}, 1);
    for (Id id = 1; id <= 50; ++id) store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(id)); });
    // No orderly close: the Store is destroyed right after the last answer.
  }
  Store reopened(db_.url(), StoreOptions{}, 2);
  EXPECT_EQ(count(reopened), 50);
}

TEST_P(WriterTest, StopCommitsWhatIsQueuedAndRefusesMore) {
  Store store(db_.url(), StoreOptions{}, 1);
  store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(1)); });
  store.close();
  EXPECT_THROW(store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(2)); }), StoreError);
  Store reopened(db_.url(), StoreOptions{}, 2);
  EXPECT_EQ(count(reopened), 1);
}

// Stands in for the HTTP server's fiber: records that run() suspended through it instead of blocking, and
// waits for the resumption on a promise (a fiber would let its thread serve others meanwhile).
class RecordingSuspension final : public Suspension {
 public:
  void suspend(const std::function<void(Resume)>& start) override {
    ++suspensions;
    std::promise<std::thread::id> resumed;
    start([&resumed] { resumed.set_value(std::this_thread::get_id()); });
    resumed_on = resumed.get_future().get();
  }
  int suspensions = 0;
  std::thread::id resumed_on;
};

TEST_P(WriterTest, OnAFiberRunSuspendsItAndIsResumedOnlyOnceTheBatchIsDurable) {
  Store store(db_.url(), StoreOptions{}, 1);
  RecordingSuspension fiber;
  Suspension::set_current(&fiber);
  std::uint64_t batch = store.writer().run([&](Tx& tx) {
    insert_supplier(tx.conn(), supplier(1));
    return tx.batch();
  });
  // A refusal travels the same way: the command's error is rethrown to the suspended caller.
  EXPECT_THROW(store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(1)); }), StoreError);
  Suspension::set_current(nullptr);
  EXPECT_EQ(fiber.suspensions, 2);
  EXPECT_NE(fiber.resumed_on, std::this_thread::get_id());  // resumed from the writer's side
  EXPECT_GE(store.writer().durable_batches(), batch);
  // Without a suspension the caller blocks, as before.
  store.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(2)); });
  EXPECT_EQ(fiber.suspensions, 2);
  EXPECT_EQ(count(store), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, WriterTest, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace daifa::store
