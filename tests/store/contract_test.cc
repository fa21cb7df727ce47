// The store contract: every test runs on SQLite and on PostgreSQL, against real databases.
#include <gtest/gtest.h>

#include "store/accounts/account_repo.h"
#include "store/catalog/supplier_repo.h"
#include "store/distribution/distributor_repo.h"
#include "store/migrations.h"
#include "store/store.h"
#include "support/test_store.h"

namespace daifa::store {
namespace {

using testing::Backend;

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase db_{GetParam()};
  Store store_{db_.url(), StoreOptions{}, 1'795'000'000'000};
};

Supplier supplier(Id id, std::string name, SupplierKind kind = SupplierKind::factory) {
  Supplier s;
  s.id = id;
  s.name = std::move(name);
  s.kind = kind;
  s.contact = Contact{"王", "13800000000", ""};
  s.created_at = s.updated_at = Timestamp{1};
  return s;
}

const Scope kOwner{1, Role::owner, std::nullopt, std::nullopt};

TEST_P(StoreContract, MigrationsAreCurrentAndReapplyingChangesNothing) {
  auto conn = store_.database().connect(false);
  EXPECT_EQ(current_schema_version(*conn), latest_schema_version());
  EXPECT_EQ(migrate(*conn, 2), 0);
  EXPECT_EQ(current_schema_version(*conn), latest_schema_version());
}

TEST_P(StoreContract, ValuesRoundTripIncludingLargeIdsAndUnicode) {
  const Id big = 9'000'000'000'000'000'001;
  store_.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(big, "深圳华强北数码代理 🚚")); });
  auto s = store_.reads().read([&](Connection& c) { return find_supplier(c, kOwner, big); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id, big);
  EXPECT_EQ(s->name, "深圳华强北数码代理 🚚");
  EXPECT_EQ(s->contact.email, "");
}

TEST_P(StoreContract, UniqueViolationsAreReportedAsSuch) {
  UserRecord u{10, "a@b.c", "hash", Role::owner, {}, {}, false, Timestamp{1}};
  store_.writer().run([&](Tx& tx) { insert_user(tx.conn(), u); });
  u.id = 11;
  try {
    store_.writer().run([&](Tx& tx) { insert_user(tx.conn(), u); });
    FAIL() << "a duplicate email was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unique_violation);
  }
}

TEST_P(StoreContract, CheckConstraintsGuardTheRoleBinding) {
  // A supplier user without a supplier is refused by the database itself, not only by the app.
  UserRecord u{12, "s@b.c", "hash", Role::supplier, {}, {}, false, Timestamp{1}};
  try {
    store_.writer().run([&](Tx& tx) { insert_user(tx.conn(), u); });
    FAIL() << "a supplier user without a supplier was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::check_violation);
  }
}

TEST_P(StoreContract, ChecksAgainstAListAcceptTheListedValuesAndNullAndRefuseAnyOther) {
  // On SQLite these CHECKs are written as chains of comparisons (migrations.cc): the same test as IN.
  auto blacklist = [&](Id id, const std::string& kind) {
    store_.writer().run([&](Tx& tx) {
      tx.conn().exec("INSERT INTO blacklist (id, kind, value, created_by, created_at) VALUES (?, ?, ?, 'test', 1)",
                     {id, kind, "v" + std::to_string(id)});
    });
  };
  blacklist(1, "phone");
  blacklist(2, "name");
  blacklist(3, "address");
  for (const std::string kind : {"email", "PHONE", ""}) {
    try {
      blacklist(4, kind);
      FAIL() << "blacklist kind '" << kind << "' was accepted";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::check_violation) << kind;
    }
  }
  store_.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(20, "feeds")); });
  auto feed = [&](Id id, Value outcome) {
    store_.writer().run([&](Tx& tx) {
      tx.conn().exec("INSERT INTO supplier_feeds (id, supplier_id, name, url, format, pull_every_minutes, "
                     "fresh_within_minutes, watch_from, last_outcome, version, created_at, updated_at) "
                     "VALUES (?, 20, 'f', 'http://127.0.0.1/f.csv', 'csv', 5, 10, 1, ?, 1, 1, 1)",
                     {id, outcome});
    });
  };
  feed(21, nullptr);
  feed(22, std::string("ok"));
  feed(23, std::string("failed"));
  try {
    feed(24, std::string("maybe"));
    FAIL() << "a feed outcome 'maybe' was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::check_violation);
  }
  auto counts = store_.reads().read([](Connection& c) {
    return std::pair{c.exec("SELECT COUNT(*) FROM blacklist").one().i64(0),
                     c.exec("SELECT COUNT(*) FROM supplier_feeds").one().i64(0)};
  });
  EXPECT_EQ(counts.first, 3);
  EXPECT_EQ(counts.second, 3);
}

TEST_P(StoreContract, SupplierScopeHidesOtherSuppliers) {
  store_.writer().run([&](Tx& tx) {
    insert_supplier(tx.conn(), supplier(100, "A"));
    insert_supplier(tx.conn(), supplier(200, "B"));
  });
  Scope supplier_a{5, Role::supplier, Id{100}, std::nullopt};
  Scope distributor{6, Role::distributor, std::nullopt, Id{1}};
  store_.reads().read([&](Connection& c) {
    EXPECT_TRUE(find_supplier(c, supplier_a, 100));
    EXPECT_FALSE(find_supplier(c, supplier_a, 200));
    EXPECT_FALSE(find_supplier(c, distributor, 100));
    auto page = list_suppliers(c, supplier_a, {}, PageRequest{});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].id, 100);
    EXPECT_TRUE(list_suppliers(c, distributor, {}, PageRequest{}).items.empty());
  });
  // Nor can a supplier change another one.
  Supplier b = supplier(200, "B2");
  bool updated = store_.writer().run([&](Tx& tx) { return update_supplier(tx.conn(), supplier_a, b, 1); });
  EXPECT_FALSE(updated);
}

TEST_P(StoreContract, PagesWalkEveryRowOnceNewestFirst) {
  store_.writer().run([&](Tx& tx) {
    for (Id id = 1; id <= 23; ++id) insert_supplier(tx.conn(), supplier(id, "S" + std::to_string(id)));
  });
  std::vector<Id> seen;
  PageRequest req{5, std::nullopt};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store_.reads().read([&](Connection& c) { return list_suppliers(c, kOwner, {}, req); });
    for (const auto& s : page.items) seen.push_back(s.id);
    if (!page.next_before_id) break;
    req.before_id = page.next_before_id;
  }
  ASSERT_EQ(seen.size(), 23u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<Id>(23 - i));
}

TEST_P(StoreContract, FiltersByKindAndNameWithLikeCharactersEscaped) {
  store_.writer().run([&](Tx& tx) {
    insert_supplier(tx.conn(), supplier(1, "100% Cotton 工厂", SupplierKind::factory));
    insert_supplier(tx.conn(), supplier(2, "1000 Cotton", SupplierKind::wholesaler));
  });
  auto by_name = store_.reads().read([&](Connection& c) {
    return list_suppliers(c, kOwner, SupplierFilter{std::nullopt, "0%"}, PageRequest{});
  });
  ASSERT_EQ(by_name.items.size(), 1u);
  EXPECT_EQ(by_name.items[0].id, 1);
  auto by_kind = store_.reads().read([&](Connection& c) {
    return list_suppliers(c, kOwner, SupplierFilter{SupplierKind::wholesaler, ""}, PageRequest{});
  });
  ASSERT_EQ(by_kind.items.size(), 1u);
  EXPECT_EQ(by_kind.items[0].id, 2);
}

TEST_P(StoreContract, OptimisticUpdateNeedsTheCurrentVersion) {
  store_.writer().run([&](Tx& tx) { insert_supplier(tx.conn(), supplier(1, "A")); });
  Supplier next = supplier(1, "A2");
  EXPECT_FALSE(store_.writer().run([&](Tx& tx) { return update_supplier(tx.conn(), kOwner, next, 7); }));
  EXPECT_TRUE(store_.writer().run([&](Tx& tx) { return update_supplier(tx.conn(), kOwner, next, 1); }));
  EXPECT_FALSE(store_.writer().run([&](Tx& tx) { return update_supplier(tx.conn(), kOwner, next, 1); }));
  auto s = store_.reads().read([&](Connection& c) { return find_supplier(c, kOwner, 1); });
  EXPECT_EQ(s->version, 2);
  EXPECT_EQ(s->name, "A2");
}

TEST_P(StoreContract, UpsertOnConflictWorksOnBothBackends) {
  store_.writer().run([&](Tx& tx) {
    save_login_backoff(tx.conn(), "k", LoginBackoffState{1, Timestamp{10}});
    save_login_backoff(tx.conn(), "k", LoginBackoffState{2, Timestamp{20}});
  });
  auto s = store_.reads().read([&](Connection& c) { return load_login_backoff(c, "k"); });
  EXPECT_EQ(s.failures, 2);
  EXPECT_EQ(s.last_failure.unix_ms, 20);
}

TEST_P(StoreContract, SumsComeBackAsIntegers) {
  store_.writer().run([&](Tx& tx) {
    insert_supplier(tx.conn(), supplier(1, "A"));
    insert_supplier(tx.conn(), supplier(2, "B"));
  });
  auto r = store_.reads().read([&](Connection& c) { return c.exec("SELECT SUM(moq), COUNT(*) FROM suppliers"); });
  EXPECT_EQ(r.one().i64(0), 2);
  EXPECT_EQ(r.one().i64(1), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

TEST(Placeholders, RewriteOutsideQuotesOnly) {
  EXPECT_EQ(to_dollar_placeholders("SELECT ? , '?', \"a?\", ?"), "SELECT $1 , '?', \"a?\", $2");
}

TEST(DatabaseUrl, RefusesUnknownSchemes) {
  EXPECT_THROW(open_database("mysql://x"), std::invalid_argument);
  EXPECT_THROW(open_database("sqlite:"), std::invalid_argument);
}

}  // namespace
}  // namespace daifa::store

namespace daifa::store {
namespace {

class BlobContract : public ::testing::TestWithParam<testing::Backend> {
 protected:
  testing::TestDatabase db_{GetParam()};
  Store store_{db_.url(), StoreOptions{}, 1};
};

TEST_P(BlobContract, BytesRoundTripIncludingZerosAndHighBytes) {
  std::string bytes;
  for (int i = 0; i < 70'000; ++i) bytes.push_back(static_cast<char>(i * 7 % 256));
  bytes[3] = '\0';
  store_.writer().run([&](Tx& tx) {
    tx.exec(store_.dialect() == Dialect::sqlite ? "CREATE TABLE blobs (id BIGINT PRIMARY KEY, data BLOB)"
                                                : "CREATE TABLE blobs (id BIGINT PRIMARY KEY, data BYTEA)");
    tx.exec("INSERT INTO blobs (id, data) VALUES (?, ?)", {Id{1}, Blob{bytes}});
  });
  auto back = store_.reads().read([](Connection& c) { return c.exec("SELECT data FROM blobs WHERE id = 1").one().blob(0); });
  EXPECT_EQ(back.size(), bytes.size());
  EXPECT_TRUE(back == bytes);
}

INSTANTIATE_TEST_SUITE_P(Backends, BlobContract, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace daifa::store
