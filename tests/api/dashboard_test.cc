// The staff dashboard over HTTP, on both stores: orders on two China days (the ManualClock moved), a hold,
// a late purchase order, a stuck parcel and an open alert, each figure checked; who may read it.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string str(const json::value& v) { return std::string(v.as_string()); }

class Dashboard : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");
  HttpClient supplier_ = server_.signed_in("supplier");

  // An order of `quantity` × 59.00 CNY; without a district the review holds it (address_incomplete).
  json::object place(const std::string& external_id, int quantity, bool complete_address = true) {
    const std::string address =
        complete_address ? R"({"name":"张三","phone":"13800000000","country":"CN","province":"浙江省","city":"杭州市",
                              "district":"西湖区","line1":"文三路 1 号","postal_code":"310000"})"
                         : R"({"name":"李四","phone":"13900000000","province":"浙江省","city":"杭州市","line1":"文三路 2 号"})";
    auto r = owner_.post("/api/v1/orders", R"({"channel_id":")" + id_to_string(server_.parties().channel) +
                                               R"(","external_id":")" + external_id +
                                               R"(","customer":{"name":"张三","phone":"13800000000","email":""},"shipping_address":)" +
                                               address + R"(,"lines":[{"sku":"TS-RED-M","quantity":)" +
                                               std::to_string(quantity) +
                                               R"(,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  std::string po_of(const json::object& order) {
    return str(owner_.get("/api/v1/orders/" + str(order.at("id"))).json().at("lines").at(0).at("purchase_order_id"));
  }

  json::object dashboard() {
    auto r = owner_.get("/api/v1/reports/dashboard");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  // Moves the clock on; sessions last 12 hours, so both users sign in again.
  void advance_days(int days) {
    server_.clock().advance_ms(days * kDayMs);
    owner_ = server_.signed_in("owner");
    supplier_ = server_.signed_in("supplier");
  }

  // The China date of now + `days_ago` days back, as the API writes it.
  std::string china_date(int days_ago) {
    return format_rfc3339(server_.clock().now() + (8 * 3600 * 1000 - days_ago * kDayMs)).substr(0, 10);
  }

  static void expect_revenue(const json::value& revenue, std::int64_t cny_minor) {
    if (cny_minor == 0) {
      EXPECT_TRUE(revenue.as_array().empty()) << revenue;
      return;
    }
    ASSERT_EQ(revenue.as_array().size(), 1u) << revenue;
    EXPECT_EQ(revenue.at(0).at("currency").as_string(), "CNY");
    EXPECT_EQ(revenue.at(0).at("amount_minor").as_int64(), cny_minor);
  }
};

TEST_P(Dashboard, CountsTodayAndTheLastThirtyChinaDays) {
  auto empty = dashboard();
  EXPECT_EQ(empty.at("timezone").as_string(), "+08:00");
  EXPECT_EQ(empty.at("today").at("orders").as_int64(), 0);
  EXPECT_EQ(empty.at("days").as_array().size(), 30u);

  // Day 1: one order of two units, routed; the supplier accepts its purchase order.
  auto first = place("DB-1", 2);
  EXPECT_EQ(first.at("status").as_string(), "purchased");
  const std::string first_po = po_of(first);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + first_po + "/accept", "").status, 200);

  // Day 2: a routed order the supplier ships, a held one, and a cancelled one that counts nowhere.
  advance_days(1);
  auto second = place("DB-2", 1);
  const std::string second_po = po_of(second);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + second_po + "/accept", "").status, 200);
  auto shipped = supplier_.post("/api/v1/purchase-orders/" + second_po + "/ship",
                                R"({"carrier":"SF","tracking_number":"SF7100000001"})");
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  auto held = place("DB-H", 1, false);
  EXPECT_EQ(held.at("status").as_string(), "on_hold");
  auto gone = place("DB-X", 3, false);
  ASSERT_EQ(owner_.post("/api/v1/orders/" + str(gone.at("id")) + "/cancel", R"({"reason":"顾客取消"})").status, 200);
  // Supplier b's offer runs out: one open alert.
  const std::string offer_b = "/api/v1/offers/" + id_to_string(server_.parties().offer_b);
  const std::int64_t version = owner_.get(offer_b).json().at("version").as_int64();
  ASSERT_EQ(owner_.patch(offer_b, R"({"stock":0,"version":)" + std::to_string(version) + "}").status, 200);

  auto d = dashboard();
  EXPECT_EQ(str(d.at("as_of")), format_rfc3339(server_.clock().now()));
  const auto& today = d.at("today");
  EXPECT_EQ(today.at("orders").as_int64(), 2);  // DB-2 and the held DB-H; not the cancelled DB-X
  expect_revenue(today.at("revenue"), 2 * 5900);
  EXPECT_EQ(today.at("on_hold").as_int64(), 1);
  EXPECT_EQ(today.at("late_purchase_orders").as_int64(), 0);  // accepted a day ago; lead time 3 days
  EXPECT_EQ(today.at("stuck_shipments").as_int64(), 0);
  EXPECT_EQ(today.at("open_alerts").as_int64(), 1);
  const auto& days = d.at("days").as_array();
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(str(days[29].at("date")), china_date(0));
  EXPECT_EQ(str(days[28].at("date")), china_date(1));
  EXPECT_EQ(str(days[0].at("date")), china_date(29));
  EXPECT_EQ(days[29].at("orders").as_int64(), 2);
  expect_revenue(days[29].at("revenue"), 2 * 5900);
  EXPECT_EQ(days[28].at("orders").as_int64(), 1);
  expect_revenue(days[28].at("revenue"), 2 * 5900);
  for (std::size_t i = 0; i < 28; ++i) {
    EXPECT_EQ(days[i].at("orders").as_int64(), 0) << i;
    expect_revenue(days[i].at("revenue"), 0);
  }

  // Four days on: nothing new today; the first PO is past its supplier's 3-day lead time, the parcel has had
  // no scan for more than 3 days; both orders' days moved back in the chart.
  advance_days(4);
  auto later = dashboard();
  EXPECT_EQ(later.at("today").at("orders").as_int64(), 0);
  expect_revenue(later.at("today").at("revenue"), 0);
  EXPECT_EQ(later.at("today").at("on_hold").as_int64(), 1);
  EXPECT_EQ(later.at("today").at("late_purchase_orders").as_int64(), 1);
  EXPECT_EQ(later.at("today").at("stuck_shipments").as_int64(), 1);
  EXPECT_EQ(later.at("today").at("open_alerts").as_int64(), 1);
  const auto& moved = later.at("days").as_array();
  EXPECT_EQ(moved[25].at("orders").as_int64(), 2);
  EXPECT_EQ(moved[24].at("orders").as_int64(), 1);
  EXPECT_EQ(str(moved[24].at("date")), china_date(5));

  // Cancelling the held order and acknowledging the alert take them off the board.
  ASSERT_EQ(owner_.post("/api/v1/orders/" + str(held.at("id")) + "/cancel", R"({"reason":"地址不全"})").status, 200);
  auto alerts = owner_.get("/api/v1/alerts?status=open").json().at("items").as_array();
  ASSERT_EQ(alerts.size(), 1u);
  ASSERT_EQ(owner_.post("/api/v1/alerts/" + str(alerts[0].at("id")) + "/acknowledge", "").status, 200);
  auto cleared = dashboard();
  EXPECT_EQ(cleared.at("today").at("on_hold").as_int64(), 0);
  EXPECT_EQ(cleared.at("today").at("open_alerts").as_int64(), 0);
  EXPECT_EQ(cleared.at("days").at(25).at("orders").as_int64(), 1);  // a cancelled order leaves its day too
  expect_revenue(cleared.at("days").at(25).at("revenue"), 5900);
}

TEST_P(Dashboard, StaffReadItSuppliersAndDistributorsDoNot) {
  for (const char* who : {"owner", "operator", "agent", "finance"}) {
    EXPECT_EQ(server_.signed_in(who).get("/api/v1/reports/dashboard").status, 200) << who;
  }
  for (const char* who : {"supplier", "distributor"}) {
    EXPECT_EQ(server_.signed_in(who).get("/api/v1/reports/dashboard").status, 403) << who;
  }
  HttpClient anonymous(server_.port());
  EXPECT_EQ(anonymous.get("/api/v1/reports/dashboard").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, Dashboard, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace

}  // namespace daifa::testing
