// Several Daifa nodes on one PostgreSQL: each has its own writer, read pool, HTTP server and node id.
// They must migrate once together, see each other's writes, and keep idempotency and versions correct
// across nodes — the database, not the per-process writer, is what makes that true.
#include <gtest/gtest.h>

#include <thread>

#include "app/accounts/accounts.h"
#include "app/crypto.h"
#include "store/migrations.h"
#include "support/node.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

class MultiNode : public ::testing::Test {
 protected:
  void SetUp() override {
    app::init_crypto();
    // Both nodes start at once: the migrations must be applied exactly once, under the advisory lock.
    std::thread second([&] { b_ = std::make_unique<Node>(db_.url(), 2, clock_); });
    a_ = std::make_unique<Node>(db_.url(), 1, clock_);
    second.join();
    auto prepared = app::prepare_user(a_->app, app::NewUser{"owner@test.daifa", std::string(kPassword), Role::owner});
    ASSERT_TRUE(prepared);
    ASSERT_TRUE(a_->store.writer().run([&](store::Tx& tx) { return app::insert_prepared_user(tx, *prepared); }));
    // A token made on node A works on node B.
    HttpClient login(a_->port);
    auto r = login.post("/api/v1/auth/login", R"({"email":"owner@test.daifa","password":")" + std::string(kPassword) + "\"}");
    ASSERT_EQ(r.status, 200) << r.body;
    login.set_header("X-CSRF-Token", std::string(r.json().at("csrf_token").as_string()));
    auto t = login.post("/api/v1/tokens", R"({"name":"nodes"})");
    ASSERT_EQ(t.status, 201) << t.body;
    bearer_ = "Bearer " + std::string(t.json().at("token").as_string());
  }

  HttpClient client(Node& n) {
    HttpClient c(n.port);
    c.set_header("Authorization", bearer_);
    return c;
  }

  TestDatabase db_{Backend::postgres};
  ManualClock clock_{Timestamp{1'795'000'000'000}};
  std::unique_ptr<Node> a_, b_;
  std::string bearer_;
};

const std::string kSupplierBody = R"({"name":"NAME","kind":"factory","contact":{"name":"王","phone":"13800000000"}})";

std::string supplier_named(const std::string& name) {
  std::string body = kSupplierBody;
  return body.replace(body.find("NAME"), 4, name);
}

TEST_F(MultiNode, MigrationsWereAppliedOnce) {
  auto conn = a_->store.database().connect(false);
  EXPECT_EQ(store::current_schema_version(*conn), store::latest_schema_version());
  auto rows = conn->exec("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations");
  EXPECT_EQ(rows.one().i64(0), rows.one().i64(1));
}

TEST_F(MultiNode, EachNodeSeesTheOthersWritesAndIdsNeverCollide) {
  std::vector<std::thread> threads;
  for (Node* n : {a_.get(), b_.get()}) {
    threads.emplace_back([&, n] {
      auto c = client(*n);
      for (int i = 0; i < 15; ++i) {
        auto r = c.post("/api/v1/suppliers", supplier_named("node" + std::to_string(n->port) + "-" + std::to_string(i)));
        EXPECT_EQ(r.status, 201) << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (Node* n : {a_.get(), b_.get()}) {
    auto list = client(*n).get("/api/v1/suppliers?limit=500").json().at("items").as_array();
    std::set<std::string> ids;
    for (const auto& s : list) ids.insert(std::string(s.at("id").as_string()));
    EXPECT_EQ(ids.size(), 30u);
  }
}

TEST_F(MultiNode, OneIdempotencyKeyOnTwoNodesMakesOneResource) {
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<HttpResult> results;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto c = client(i % 2 ? *a_ : *b_);
      auto r = c.post("/api/v1/suppliers", supplier_named("跨节点幂等"), {{"Idempotency-Key", "cross-node-1"}});
      std::lock_guard lock(mu);
      results.push_back(r);
    });
  }
  for (auto& t : threads) t.join();
  std::string first;
  for (const auto& r : results) {
    if (r.status == 201) {
      if (first.empty()) first = r.body;
      EXPECT_EQ(r.body, first);
    } else {
      EXPECT_EQ(r.status, 409) << r.body;  // the first is still in flight on the other node
    }
  }
  EXPECT_FALSE(first.empty());
  auto list = client(*a_).get("/api/v1/suppliers?q=%E8%B7%A8%E8%8A%82%E7%82%B9").json().at("items").as_array();
  EXPECT_EQ(list.size(), 1u);
}

TEST_F(MultiNode, AStaleVersionLosesOnEitherNode) {
  auto created = client(*a_).post("/api/v1/suppliers", supplier_named("版本"));
  ASSERT_EQ(created.status, 201);
  std::string path = "/api/v1/suppliers/" + std::string(created.json().at("id").as_string());
  auto on_a = client(*a_).patch(path, R"({"moq":3,"version":1})");
  auto on_b = client(*b_).patch(path, R"({"moq":4,"version":1})");
  EXPECT_EQ(on_a.status, 200) << on_a.body;
  EXPECT_EQ(on_b.status, 409) << on_b.body;
  EXPECT_EQ(client(*b_).get(path).json().at("moq").as_int64(), 3);
}

}  // namespace
}  // namespace daifa::testing
