// The supplier scorecard over HTTP, on both stores: real facts — orders placed, purchase orders accepted,
// rejected and shipped by the supplier user, a cost raised by sync, a parcel in exception — and each
// metric's inputs and value checked; who may see which supplier's scorecard.
#include <gtest/gtest.h>

#include "store/catalog/scorecard_repo.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

constexpr std::int64_t kHourMs = 3'600'000;

std::string str(const json::value& v) { return std::string(v.as_string()); }

const json::object& metric(const json::value& card, std::string_view name) {
  for (const auto& m : card.at("metrics").as_array()) {
    if (m.at("name").as_string() == name) return m.as_object();
  }
  throw std::runtime_error("no metric " + std::string(name));
}

std::int64_t in(const json::object& m, std::string_view name) { return m.at("inputs").at(name).as_int64(); }

class Scorecards : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.with_token("owner");
  HttpClient supplier_ = server_.with_token("supplier");
  int orders_ = 0;

  std::string supplier_a() const { return id_to_string(server_.parties().supplier_a); }
  std::string supplier_b() const { return id_to_string(server_.parties().supplier_b); }

  // An order of `quantity` TS-RED-M; returns the id of the PO it was routed to (supplier a, the lower id).
  std::string place(int quantity) {
    ++orders_;
    auto o = owner_.post("/api/v1/orders", R"({"channel_id":")" + id_to_string(server_.parties().channel) +
                                               R"(","external_id":"SC-)" + std::to_string(orders_) +
                                               R"(","shipping_address":{"name":"陈静","phone":"1370000000)" +
                                               std::to_string(orders_) + R"(",
        "province":"广东省","city":"深圳市","district":"南山区","line1":"科技园南路 8 号"},
        "lines":[{"sku":"TS-RED-M","quantity":)" + std::to_string(quantity) +
                                               R"(,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    const json::value line = o.json().at("lines").at(0);
    EXPECT_EQ(str(line.at("supplier_id")), supplier_a());
    return str(line.at("purchase_order_id"));
  }

  json::value card(HttpClient& c, const std::string& supplier, std::string_view query = "") {
    auto r = c.get("/api/v1/suppliers/" + supplier + "/scorecard" + std::string(query));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
};

TEST_P(Scorecards, ASupplierWithoutFactsHasTheNeutralScore) {
  const json::value c = card(owner_, supplier_a());
  EXPECT_EQ(str(c.at("supplier_id")), supplier_a());
  EXPECT_EQ(c.at("window_days").as_int64(), 90);
  EXPECT_EQ(c.at("score_bp").as_int64(), 5000);
  EXPECT_EQ(str(c.at("computed_at")), format_rfc3339(server_.clock().now()));
  ASSERT_EQ(c.at("metrics").as_array().size(), 6u);
  for (const auto& m : c.at("metrics").as_array()) {
    EXPECT_EQ(m.at("inputs").at("denominator").as_int64(), 0) << m;
    EXPECT_GT(m.at("weight_bp").as_int64(), 0) << m;
  }
  EXPECT_TRUE(metric(c, "response_time").at("value_ms").is_null());
  EXPECT_TRUE(metric(c, "rejection_rate").at("value_bp").is_null());
}

TEST_P(Scorecards, EveryMetricIsComputedFromTheFactsAndShowsItsInputs) {
  ManualClock& clock = server_.clock();
  // PO 1: accepted after an hour, shipped a day later: well within the offer's 2-day lead time.
  const std::string po1 = place(1);
  clock.advance_ms(kHourMs);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po1 + "/accept", "").status, 200);
  // PO 2 (2 units): rejected after two hours; the order goes to supplier b.
  const std::string po2 = place(2);
  clock.advance_ms(2 * kHourMs);
  auto rejected = supplier_.post("/api/v1/purchase-orders/" + po2 + "/reject", R"({"reason":"缺货"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  // PO 3: accepted at once, never shipped.
  const std::string po3 = place(1);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po3 + "/accept", "").status, 200);
  clock.advance_ms(24 * kHourMs);
  auto shipped = supplier_.post("/api/v1/purchase-orders/" + po1 + "/ship",
                                R"({"carrier":"SF","tracking_number":"SF7100000001"})");
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  // Two days on, PO 3 is past its lead time.
  clock.advance_ms(48 * kHourMs);
  // The supplier raises its cost by 20 %, beyond the 10 % alert threshold.
  auto sync = supplier_.post("/api/v1/offers/sync", R"({"supplier_id":")" + supplier_a() + R"(","items":[
      {"supplier_sku":"S-)" + supplier_a() + R"(","cost":{"amount":3000,"currency":"CNY"}}]})");
  ASSERT_EQ(sync.status, 200) << sync.body;

  const json::value c = card(supplier_, supplier_a());

  const auto& on_time = metric(c, "on_time_ship_rate");
  EXPECT_EQ(in(on_time, "shipped"), 1);
  EXPECT_EQ(in(on_time, "shipped_on_time"), 1);
  EXPECT_EQ(in(on_time, "late_unshipped"), 1);
  EXPECT_EQ(in(on_time, "numerator"), 1);
  EXPECT_EQ(in(on_time, "denominator"), 2);
  EXPECT_EQ(on_time.at("value_bp").as_int64(), 5000);

  const auto& rejection = metric(c, "rejection_rate");
  EXPECT_EQ(in(rejection, "numerator"), 1);
  EXPECT_EQ(in(rejection, "denominator"), 3);
  EXPECT_EQ(rejection.at("value_bp").as_int64(), 3333);
  EXPECT_EQ(rejection.at("score_bp").as_int64(), 6667);

  const auto& stock = metric(c, "stock_accuracy");
  EXPECT_EQ(in(stock, "units_claimed"), 4);
  EXPECT_EQ(in(stock, "units_rejected"), 2);
  EXPECT_EQ(stock.at("value_bp").as_int64(), 5000);

  // Waits of 1 h, 2 h and 0: the median is an hour, within the 2-hour target.
  const auto& response = metric(c, "response_time");
  EXPECT_EQ(in(response, "denominator"), 3);
  EXPECT_EQ(in(response, "numerator"), 3);
  EXPECT_EQ(response.at("value_ms").as_int64(), kHourMs);
  EXPECT_EQ(response.at("score_bp").as_int64(), 10000);
  EXPECT_FALSE(response.contains("value_bp"));

  const auto& price = metric(c, "price_stability");
  EXPECT_EQ(in(price, "denominator"), 1);
  EXPECT_EQ(in(price, "offers_risen"), 1);
  EXPECT_EQ(in(price, "threshold_bp"), 1000);
  EXPECT_EQ(price.at("value_bp").as_int64(), 0);

  const auto& exceptions = metric(c, "exception_rate");
  EXPECT_EQ(in(exceptions, "shipments"), 1);
  EXPECT_EQ(in(exceptions, "exceptions"), 0);
  EXPECT_EQ(exceptions.at("score_bp").as_int64(), 10000);

  // The composite is the weighted mean of the metrics with facts.
  std::int64_t weighted = 0, weights = 0;
  for (const auto& m : c.at("metrics").as_array()) {
    if (m.at("inputs").at("denominator").as_int64() == 0) continue;
    weighted += m.at("score_bp").as_int64() * m.at("weight_bp").as_int64();
    weights += m.at("weight_bp").as_int64();
  }
  ASSERT_EQ(weights, 10000);
  // 5000×3000 + 6667×2000 + 5000×1500 + 10000×1000 + 0×1000 + 10000×1500 = 60'834'000 → 6083.
  EXPECT_EQ(c.at("score_bp").as_int64(), (weighted * 2 + weights) / (2 * weights));
  EXPECT_EQ(c.at("score_bp").as_int64(), 6083);

  // The parcel goes wrong (the tracking API that will say so is the lead's; the store says it here).
  server_.store().writer().run([&](store::Tx& tx) {
    tx.conn().exec("UPDATE shipments SET status = 'exception' WHERE purchase_order_id = ?", {*parse_id(po1)});
  });
  const json::value after = card(owner_, supplier_a());
  EXPECT_EQ(in(metric(after, "exception_rate"), "exceptions"), 1);
  EXPECT_EQ(metric(after, "exception_rate").at("value_bp").as_int64(), 10000);
  EXPECT_LT(after.at("score_bp").as_int64(), c.at("score_bp").as_int64());

  // Routing's tie-break reads the same score, for many suppliers at once; supplier b (one unanswered PO)
  // has no facts yet.
  auto scores = server_.store().reads().read([&](store::Connection& conn) {
    return store::supplier_scores(conn, {server_.parties().supplier_a, server_.parties().supplier_b},
                                  server_.clock().now());
  });
  EXPECT_EQ(scores.at(server_.parties().supplier_a), after.at("score_bp").as_int64());
  EXPECT_EQ(scores.at(server_.parties().supplier_b), 5000);
  EXPECT_EQ(card(owner_, supplier_b()).at("score_bp").as_int64(), 5000);

  // A one-day window holds only the cost change (the POs and the parcel are older).
  const json::value day = card(owner_, supplier_a(), "?days=1");
  EXPECT_EQ(day.at("window_days").as_int64(), 1);
  EXPECT_EQ(in(metric(day, "rejection_rate"), "denominator"), 0);
  EXPECT_EQ(in(metric(day, "exception_rate"), "denominator"), 0);
  EXPECT_EQ(in(metric(day, "price_stability"), "denominator"), 1);
  EXPECT_EQ(day.at("score_bp").as_int64(), 0);
}

TEST_P(Scorecards, OnlyWhoMaySeeTheSupplierSeesItsScorecard) {
  auto path = [](const std::string& id) { return "/api/v1/suppliers/" + id + "/scorecard"; };
  for (const char* who : {"operator", "agent", "finance"}) {
    auto c = server_.signed_in(who);
    EXPECT_EQ(c.get(path(supplier_b())).status, 200) << who;
  }
  EXPECT_EQ(supplier_.get(path(supplier_a())).status, 200);
  EXPECT_EQ(supplier_.get(path(supplier_b())).status, 404);  // another supplier's: as if it did not exist
  auto other = server_.signed_in("supplier_b");
  EXPECT_EQ(other.get(path(supplier_a())).status, 404);
  EXPECT_EQ(other.get(path(supplier_b())).status, 200);
  auto distributor = server_.signed_in("distributor");
  EXPECT_EQ(distributor.get(path(supplier_a())).status, 403);  // like GET /suppliers/{id}
  HttpClient anonymous(server_.port());
  EXPECT_EQ(anonymous.get(path(supplier_a())).status, 401);
  EXPECT_EQ(owner_.get(path("123456789")).status, 404);
  EXPECT_EQ(owner_.get(path("x")).status, 404);

  for (const char* bad : {"?days=0", "?days=366", "?days=abc", "?days=-1", "?days="}) {
    auto r = owner_.get(path(supplier_a()) + bad);
    ASSERT_EQ(r.status, 400) << bad << r.body;
    EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "days") << bad;
  }
  auto unknown = owner_.get(path(supplier_a()) + "?day=3");
  ASSERT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json().at("errors").at(0).at("field").as_string(), "day");
  EXPECT_EQ(owner_.get(path(supplier_a()) + "?days=365").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Scorecards, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
