// Fulfilment alerts over HTTP, on both stores: a purchase order accepted and not shipped within its lead
// time, a parcel without a scan for days, a parcel in exception — raised by the scan (directly and by
// POST /alerts/scan), once while open, listed for staff and the PO's supplier only, acknowledged.
#include <gtest/gtest.h>

#include "app/catalog/fulfilment_alerts.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

std::string str(const json::value& v) { return std::string(v.as_string()); }

class FulfilmentAlerts : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.with_token("owner");
  HttpClient supplier_ = server_.with_token("supplier");
  HttpClient supplier_b_ = server_.with_token("supplier_b");

  // An order routed to supplier a; returns its PO's id.
  std::string place(const std::string& external_id) {
    auto o = owner_.post("/api/v1/orders", R"({"channel_id":")" + id_to_string(server_.parties().channel) +
                                               R"(","external_id":")" + external_id + R"(","shipping_address":{
        "name":"陈静","phone":"13700001111","province":"广东省","city":"深圳市","district":"南山区",
        "line1":"科技园南路 8 号"},"lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    return str(o.json().at("lines").at(0).at("purchase_order_id"));
  }

  int scan_directly() {
    return server_.store().writer().run(
        [&](store::Tx& tx) { return app::scan_fulfilment_alerts(tx, server_.app(), app::FulfilmentAlertPolicy{}); });
  }
  std::int64_t scan_by_http(HttpClient& c) {
    auto r = c.post("/api/v1/alerts/scan", "");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("raised").as_int64();
  }

  json::array alerts(HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/alerts" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }

  void sql(const std::string& text, std::vector<store::Value> params) {
    server_.store().writer().run([&](store::Tx& tx) { tx.conn().exec(text, params); });
  }
};

TEST_P(FulfilmentAlerts, AnAcceptedPurchaseOrderNotShippedWithinItsLeadTimeIsLate) {
  const std::string po = place("FA-1");
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
  const Timestamp accepted = server_.clock().now();
  EXPECT_EQ(scan_directly(), 0);
  // The offer's lead time is 2 days: at the deadline itself it is not late yet.
  server_.clock().advance_ms(2 * kDayMs);
  EXPECT_EQ(scan_directly(), 0);
  server_.clock().advance_ms(1);
  EXPECT_EQ(scan_by_http(owner_), 1);
  EXPECT_EQ(scan_by_http(owner_), 0);  // open: nothing new
  EXPECT_EQ(scan_directly(), 0);

  auto mine = alerts(owner_, "?kind=late_shipping");
  ASSERT_EQ(mine.size(), 1u);
  const json::value& a = mine[0];
  EXPECT_EQ(str(a.at("status")), "open");
  EXPECT_EQ(str(a.at("purchase_order_id")), po);
  EXPECT_TRUE(a.at("shipment_id").is_null());
  EXPECT_TRUE(a.at("offer_id").is_null());
  EXPECT_EQ(str(a.at("supplier_id")), id_to_string(server_.parties().supplier_a));
  EXPECT_NE(str(a.at("message")).find(po), std::string::npos) << a;
  EXPECT_EQ(str(a.at("detail").at("purchase_order_id")), po);
  EXPECT_EQ(a.at("detail").at("lead_time_days").as_int64(), 2);
  EXPECT_EQ(str(a.at("detail").at("accepted_at")), format_rfc3339(accepted));
  EXPECT_EQ(str(a.at("detail").at("since")), format_rfc3339(accepted + 2 * kDayMs));

  // The PO's supplier sees it; another supplier does not, even by the PO.
  EXPECT_EQ(alerts(supplier_, "?kind=late_shipping&purchase_order_id=" + po).size(), 1u);
  EXPECT_TRUE(alerts(supplier_b_, "?kind=late_shipping").empty());
  EXPECT_TRUE(alerts(supplier_b_, "").empty());
  EXPECT_EQ(supplier_b_.post("/api/v1/alerts/" + str(a.at("id")) + "/acknowledge", "").status, 403);

  // Acknowledged, the PO is not raised again: its deadline does not move.
  auto ack = owner_.post("/api/v1/alerts/" + str(a.at("id")) + "/acknowledge", "");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(str(ack.json().at("status")), "acknowledged");
  EXPECT_EQ(str(ack.json().at("purchase_order_id")), po);
  server_.clock().advance_ms(kDayMs);
  EXPECT_EQ(scan_directly(), 0);
  EXPECT_EQ(alerts(owner_, "?kind=late_shipping&status=open").size(), 0u);

  // A PO shipped in time is never late.
  const std::string in_time = place("FA-2");
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + in_time + "/accept", "").status, 200);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + in_time + "/ship",
                           R"({"carrier":"SF","tracking_number":"SF7200000002"})").status, 200);
  server_.clock().advance_ms(3 * kDayMs);
  scan_directly();
  EXPECT_TRUE(alerts(owner_, "?purchase_order_id=" + in_time + "&kind=late_shipping").empty());
}

TEST_P(FulfilmentAlerts, AParcelWithoutAScanForDaysIsStuckAndAnExceptionIsRaised) {
  const std::string po = place("FA-3");
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/ship",
                           R"({"carrier":"SF","tracking_number":"SF7200000003"})").status, 200);
  auto listed = owner_.get("/api/v1/shipments?purchase_order_id=" + po);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const std::string shipment = str(listed.json().at("items").at(0).at("id"));
  const Id shipment_id = *parse_id(shipment);

  // Four days after shipping, a scan a day old: not stuck (the last scan counts, not the creation).
  server_.clock().advance_ms(4 * kDayMs);
  const Timestamp scanned{server_.clock().now().unix_ms - kDayMs};
  sql("UPDATE shipments SET last_event_at = ? WHERE id = ?", {scanned.unix_ms, shipment_id});
  EXPECT_EQ(scan_directly(), 0);
  // Two and a half days later the parcel has been quiet for 3.5 days.
  server_.clock().advance_ms(2 * kDayMs + 12 * kHourMs);
  EXPECT_EQ(scan_by_http(owner_), 1);
  EXPECT_EQ(scan_directly(), 0);
  auto stuck = alerts(owner_, "?kind=stuck_parcel");
  ASSERT_EQ(stuck.size(), 1u);
  EXPECT_EQ(str(stuck[0].at("shipment_id")), shipment);
  EXPECT_EQ(str(stuck[0].at("purchase_order_id")), po);
  EXPECT_EQ(str(stuck[0].at("detail").at("since")), format_rfc3339(scanned));
  EXPECT_EQ(str(stuck[0].at("detail").at("tracking_number")), "SF7200000003");
  EXPECT_NE(str(stuck[0].at("message")).find("SF7200000003"), std::string::npos);
  EXPECT_EQ(alerts(supplier_, "?shipment_id=" + shipment).size(), 1u);
  EXPECT_TRUE(alerts(supplier_b_, "?kind=stuck_parcel").empty());

  // Acknowledged, the same quiet spell raises nothing; a new scan and a new quiet spell raise it again.
  ASSERT_EQ(owner_.post("/api/v1/alerts/" + str(stuck[0].at("id")) + "/acknowledge", "").status, 200);
  server_.clock().advance_ms(kDayMs);
  EXPECT_EQ(scan_directly(), 0);
  sql("UPDATE shipments SET last_event_at = ? WHERE id = ?", {server_.clock().now().unix_ms, shipment_id});
  server_.clock().advance_ms(3 * kDayMs + 1);
  EXPECT_EQ(scan_directly(), 1);
  EXPECT_EQ(alerts(owner_, "?kind=stuck_parcel").size(), 2u);
  EXPECT_EQ(alerts(owner_, "?kind=stuck_parcel&status=open").size(), 1u);

  // The carrier reports an exception (set in the store until the tracking API says so).
  sql("UPDATE shipments SET status = 'exception', updated_at = ? WHERE id = ?",
      {server_.clock().now().unix_ms, shipment_id});
  EXPECT_EQ(scan_by_http(owner_), 1);
  EXPECT_EQ(scan_by_http(owner_), 0);
  auto exceptions = alerts(supplier_, "?kind=shipment_exception");
  ASSERT_EQ(exceptions.size(), 1u);
  EXPECT_EQ(str(exceptions[0].at("shipment_id")), shipment);
  EXPECT_EQ(str(exceptions[0].at("detail").at("status")), "exception");
  EXPECT_TRUE(alerts(supplier_b_, "?kind=shipment_exception").empty());
  // Only managers acknowledge; the supplier reads.
  EXPECT_EQ(supplier_.post("/api/v1/alerts/" + str(exceptions[0].at("id")) + "/acknowledge", "").status, 403);
  auto ack = owner_.post("/api/v1/alerts/" + str(exceptions[0].at("id")) + "/acknowledge", "");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(str(ack.json().at("shipment_id")), shipment);
  EXPECT_EQ(scan_directly(), 0);  // the same exception, already told

  // Returned later: a new status, a new alert.
  server_.clock().advance_ms(kHourMs);
  sql("UPDATE shipments SET status = 'returned', updated_at = ? WHERE id = ?",
      {server_.clock().now().unix_ms, shipment_id});
  EXPECT_EQ(scan_directly(), 1);
  auto open = alerts(owner_, "?kind=shipment_exception&status=open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(str(open[0].at("detail").at("status")), "returned");
}

TEST_P(FulfilmentAlerts, TheScanIsForManagersAndTheKindFilterKnowsTheNewKinds) {
  for (const char* who : {"agent", "finance", "supplier", "distributor"}) {
    auto c = server_.signed_in(who);
    EXPECT_EQ(c.post("/api/v1/alerts/scan", "").status, 403) << who;
  }
  auto op = server_.signed_in("operator");
  EXPECT_EQ(scan_by_http(op), 0);
  auto bad = owner_.get("/api/v1/alerts?kind=late");
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(str(bad.json().at("errors").at(0).at("message")).find("stuck_parcel"), std::string::npos);
  for (const char* kind : {"late_shipping", "stuck_parcel", "shipment_exception"}) {
    EXPECT_EQ(owner_.get(std::string("/api/v1/alerts?kind=") + kind).status, 200) << kind;
  }
  EXPECT_EQ(owner_.get("/api/v1/alerts?shipment_id=x").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, FulfilmentAlerts, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
