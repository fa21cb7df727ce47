// Reservation never oversells: many concurrent orders, seeded, against a model that checks every answer.
// On SQLite the writer serializes commands; on PostgreSQL two nodes (two writers, two connections) take
// orders at once, so only the database's conditional update stands between them and an oversell.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "support/node.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

struct Answer {
  std::int64_t quantity = 0;
  int http_status = 0;
  std::string status;
  std::string hold_reasons;
  std::string body;
};

constexpr int kThreads = 8;
constexpr int kOrdersPerThread = 25;
constexpr std::int64_t kStockA = 37, kStockB = 23;

// Orders of 1–4 units of TS-RED-M from kThreads clients at once, spread over the given ports.
std::vector<Answer> run_orders(const std::vector<std::uint16_t>& ports, const std::string& bearer, Id channel,
                               unsigned seed) {
  std::vector<Answer> answers;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(seed + static_cast<unsigned>(t));
      std::uniform_int_distribution<int> quantity(1, 4);
      HttpClient c(ports[static_cast<std::size_t>(t) % ports.size()]);
      c.set_header("Authorization", bearer);
      for (int i = 0; i < kOrdersPerThread; ++i) {
        Answer a;
        a.quantity = quantity(rng);
        const std::string n = std::to_string(t * 1000 + i);
        auto r = c.post("/api/v1/orders",
                        R"({"channel_id":")" + id_to_string(channel) + R"(","external_id":"SIM-)" + n +
                            R"(","shipping_address":{"name":"顾客)" + n + R"(","phone":")" + std::to_string(13'000'000'000LL + t * 1000 + i) +
                            R"(","province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 )" + n +
                            R"( 号"},"lines":[{"sku":"TS-RED-M","quantity":)" + std::to_string(a.quantity) +
                            R"(,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
        a.http_status = r.status;
        a.body = r.body;
        if (r.status == 201) {
          const boost::json::value order = r.json();
          a.status = order.at("status").as_string();
          for (const auto& h : order.at("hold_reasons").as_array()) a.hold_reasons += std::string(h.as_string()) + ",";
        }
        std::lock_guard lock(mu);
        answers.push_back(std::move(a));
      }
    });
  }
  for (auto& th : threads) th.join();
  return answers;
}

// The model: units only ever leave availability here (no cancels, no syncs), so every hold for stock
// must be for more units than any offer has left at the end, and the units purchased are exactly the
// units reserved, never more than the stock.
void check(store::Store& store, const Party& p, const std::vector<Answer>& answers) {
  std::int64_t purchased = 0;
  std::vector<std::int64_t> held;
  for (const Answer& a : answers) {
    ASSERT_EQ(a.http_status, 201) << a.body;
    if (a.status == "purchased") {
      purchased += a.quantity;
    } else {
      ASSERT_EQ(a.status, "on_hold") << a.body;
      ASSERT_EQ(a.hold_reasons, "out_of_stock,") << a.body;
      held.push_back(a.quantity);
    }
  }
  struct OfferRow {
    std::int64_t stock, reserved, lines_reserved;
  };
  auto rows = store.reads().read([&](store::Connection& c) {
    std::map<Id, OfferRow> out;
    for (Id offer : {p.offer_a, p.offer_b}) {
      auto r = c.exec("SELECT stock, reserved FROM offers WHERE id = ?", {offer}).one();
      auto l = c.exec("SELECT COALESCE(SUM(reserved), 0) FROM order_lines WHERE offer_id = ?", {offer}).one();
      out[offer] = OfferRow{r.i64(0), r.i64(1), l.i64(0)};
    }
    return out;
  });
  std::int64_t reserved = 0;
  for (const auto& [offer, row] : rows) {
    EXPECT_LE(row.reserved, row.stock) << "offer " << offer << " oversold";
    EXPECT_EQ(row.reserved, row.lines_reserved) << "offer " << offer << ": the offer and its order lines disagree";
    reserved += row.reserved;
    for (std::int64_t q : held) {
      EXPECT_GT(q, row.stock - row.reserved) << "an order for " << q << " units was held while offer " << offer
                                             << " still has " << row.stock - row.reserved;
    }
  }
  EXPECT_EQ(purchased, reserved);
  EXPECT_LE(purchased, kStockA + kStockB);
  EXPECT_FALSE(held.empty()) << "the simulation must run out of stock to test anything";
}

void set_stock(store::Store& store, const Party& p) {
  store.writer().run([&](store::Tx& tx) {
    tx.conn().exec("UPDATE offers SET stock = ? WHERE id = ?", {kStockA, p.offer_a});
    tx.conn().exec("UPDATE offers SET stock = ? WHERE id = ?", {kStockB, p.offer_b});
  });
}

std::string bearer_for(TestServer& server) {
  HttpClient c = server.with_token("operator");
  return c.default_header("Authorization").value_or("");
}

class Oversell : public ::testing::TestWithParam<unsigned> {};

TEST_P(Oversell, ConcurrentOrdersOnSqliteNeverReserveMoreThanTheStock) {
  TestServer server(Backend::sqlite);
  set_stock(server.store(), server.parties());
  auto answers = run_orders({server.port()}, bearer_for(server), server.parties().channel, GetParam());
  check(server.store(), server.parties(), answers);
}

TEST_P(Oversell, TwoNodesOnPostgresNeverReserveMoreThanTheStock) {
  TestServer server(Backend::postgres);
  set_stock(server.store(), server.parties());
  Node second(server.database_url(), 2, server.clock());
  auto answers = run_orders({server.port(), second.port}, bearer_for(server), server.parties().channel, GetParam());
  check(server.store(), server.parties(), answers);
}

INSTANTIATE_TEST_SUITE_P(Seeds, Oversell, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace daifa::testing
