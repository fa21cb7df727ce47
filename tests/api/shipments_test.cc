// Shipments and waybills over HTTP, on both stores: a shipped purchase order becomes a shipment the
// supplier, the merchant and the order's distributor can follow, and its label prints as a PDF.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/jobs.h"
#include "app/orders/shipments.h"
#include "integrations/carriers/form.h"
#include "integrations/carriers/kuaidi100.h"
#include "integrations/jobs/job_runner.h"
#include "integrations/loopback_server.h"
#include "domain/common/money.h"
#include "integrations/spreadsheet/table_reader.h"
#include "support/export_table.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) { return std::string(v.as_string()); }

class Shipments : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");
  HttpClient supplier_ = server_.signed_in("supplier");

  // An order on `channel`, routed to supplier a, accepted and shipped by it; returns the order.
  json::value ship_order(const std::string& channel, const std::string& external_id, const std::string& tracking,
                         HttpClient& placer, const std::string& carrier = "SF") {
    auto o = placer.post("/api/v1/orders", R"({"channel_id":")" + channel + R"(","external_id":")" + external_id +
                                               R"(","shipping_address":{"name":"陈静","phone":"137)" + tracking.substr(tracking.size() - 8) + R"(",
        "province":"广东省","city":"深圳市","district":"南山区","line1":"科技园南路 8 号"},
        "lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    const json::value order = o.json();
    // The purchase side as the merchant sees it (a distributor's view of its order has no PO ids).
    const json::value full = owner_.get("/api/v1/orders/" + str(order.at("id"))).json();
    const std::string po = str(full.at("lines").at(0).at("purchase_order_id"));
    EXPECT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
    auto shipped = supplier_.post("/api/v1/purchase-orders/" + po + "/ship",
                                  R"({"carrier":")" + carrier + R"(","tracking_number":")" + tracking + R"("})");
    EXPECT_EQ(shipped.status, 200) << shipped.body;
    return order;
  }

  json::array shipments_of(HttpClient& c, const json::value& order) {
    auto r = c.get("/api/v1/shipments?order_id=" + str(order.at("id")));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }
};

TEST_P(Shipments, AShippedPurchaseOrderIsAShipmentAndItsWaybillPrints) {
  auto order = ship_order(id_to_string(server_.parties().channel), "SH-1", "SF7000000001", owner_);
  auto mine = shipments_of(supplier_, order);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("tracking_number").as_string(), "SF7000000001");
  EXPECT_EQ(mine[0].at("status").as_string(), "in_transit");
  const std::string shipment = str(mine[0].at("id"));
  EXPECT_EQ(shipments_of(owner_, order).size(), 1u);

  auto other = server_.signed_in("supplier_b");
  EXPECT_TRUE(shipments_of(other, order).empty());
  EXPECT_EQ(other.get("/api/v1/shipments/" + shipment).status, 404);
  EXPECT_EQ(other.post("/api/v1/waybills", R"({"shipment_ids":[")" + shipment + R"("]})").status, 404);

  auto pdf = supplier_.post("/api/v1/waybills", R"({"shipment_ids":[")" + shipment + R"(",")" + shipment + R"("]})");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.header("Content-Type").value_or(""), "application/pdf");
  ASSERT_GT(pdf.body.size(), 1000u);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  // One page a label: two shipment ids, two pages.
  std::size_t pages = 0;
  for (std::size_t at = 0; (at = pdf.body.find("/Type /Page", at)) != std::string::npos; at += 10) {
    if (pdf.body.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  EXPECT_EQ(pages, 2u);

  // The same tracking number is one parcel's: another PO cannot ship under it.
  auto second = owner_.post("/api/v1/orders", R"({"channel_id":")" + id_to_string(server_.parties().channel) +
                                                  R"(","external_id":"SH-2","shipping_address":{"name":"李雷","phone":"13700002222",
        "province":"广东省","city":"深圳市","district":"南山区","line1":"科技园南路 9 号"},
        "lines":[{"sku":"TS-RED-M","quantity":2,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string po2 = str(second.json().at("lines").at(0).at("purchase_order_id"));
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po2 + "/accept", "").status, 200);
  auto reused = supplier_.post("/api/v1/purchase-orders/" + po2 + "/ship", R"({"carrier":"SF","tracking_number":"SF7000000001"})");
  ASSERT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(reused.json().at("errors").at(0).at("field").as_string(), "tracking_number");
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po2).json().at("status").as_string(), "accepted");

  auto bad = owner_.post("/api/v1/waybills", R"({"shipment_ids":["x"]})");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field").as_string(), "shipment_ids[0]");
  EXPECT_EQ(owner_.post("/api/v1/waybills", R"({"shipment_ids":[]})").status, 422);
}

// The supplier's portal shows what it needs to ship, never what the customer paid: no retail price, no order
// totals, no customer payment in its purchase orders or its shipments, and the order itself is not its to read.
TEST_P(Shipments, TheSupplierNeverSeesTheRetailPriceOrTheCustomersPayment) {
  auto order = ship_order(id_to_string(server_.parties().channel), "SH-PRICE", "SF7000000077", owner_);
  const json::value full = owner_.get("/api/v1/orders/" + str(order.at("id"))).json();
  const std::string po = str(full.at("lines").at(0).at("purchase_order_id"));
  std::vector<std::string> bodies{supplier_.get("/api/v1/purchase-orders/" + po).body,
                                  supplier_.get("/api/v1/purchase-orders?limit=50").body,
                                  supplier_.get("/api/v1/shipments?order_id=" + str(order.at("id"))).body};
  for (const std::string& body : bodies) {
    for (const char* secret : {"unit_price", "totals", "\"5900\"", "\"amount\":5900", "customer_payment"}) {
      EXPECT_EQ(body.find(secret), std::string::npos) << secret << " in " << body.substr(0, 400);
    }
  }
  EXPECT_NE(bodies[0].find("ship_to"), std::string::npos);  // the address it ships to is there
  EXPECT_EQ(supplier_.get("/api/v1/orders/" + str(order.at("id"))).status, 403);
  EXPECT_EQ(supplier_.get("/api/v1/ledger/trial-balance").status, 403);
}

TEST_P(Shipments, ADistributorFollowsTheShipmentsOfItsOwnOrdersOnly) {
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销小店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto distributor = server_.signed_in("distributor");
  auto own = ship_order(str(made.json().at("id")), "DS-1", "SF7000000002", distributor);
  auto merchant = ship_order(id_to_string(server_.parties().channel), "MS-1", "SF7000000003", owner_);
  EXPECT_EQ(shipments_of(distributor, own).size(), 1u);
  EXPECT_TRUE(shipments_of(distributor, merchant).empty());
  auto all = distributor.get("/api/v1/shipments");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(distributor.post("/api/v1/waybills", R"({"shipment_ids":[]})").status, 403);
}

// Customer service is read a tracking number over the phone and finds the parcel by it alone, whatever the
// carrier; each party finds only its own parcels, and a number no carrier uses is refused by name.
TEST_P(Shipments, AParcelIsFoundByItsTrackingNumberWithinTheCallersScope) {
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销小店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto distributor = server_.signed_in("distributor");
  ship_order(str(made.json().at("id")), "TN-1", "YT7300000001", distributor, "YTO");
  ship_order(id_to_string(server_.parties().channel), "TN-2", "SF7300000002", owner_);
  auto numbers = [](HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/shipments?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    if (r.status != 200) return out;
    const json::value page = r.json();
    for (const auto& s : page.at("items").as_array()) out.push_back(str(s.at("tracking_number")));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(numbers(owner_, "tracking_number=SF7300000002"), V{"SF7300000002"});
  EXPECT_EQ(numbers(owner_, "tracking_number=YT7300000001"), V{"YT7300000001"});  // no carrier given
  EXPECT_EQ(numbers(owner_, "tracking_number=%20YT7300000001%20"), V{"YT7300000001"});  // pasted with spaces
  EXPECT_EQ(numbers(owner_, "tracking_number=YT7300000001&status=delivered"), V{});
  EXPECT_EQ(numbers(owner_, "tracking_number=YT73"), V{});  // exact, not a prefix
  EXPECT_EQ(numbers(owner_, "tracking_number=").size(), 2u);  // empty: no filter
  for (const char* role : {"operator", "agent", "finance"}) {
    auto staff = server_.signed_in(role);
    EXPECT_EQ(numbers(staff, "tracking_number=SF7300000002"), V{"SF7300000002"}) << role;
  }
  // Supplier a shipped both; supplier b neither.
  EXPECT_EQ(numbers(supplier_, "tracking_number=YT7300000001"), V{"YT7300000001"});
  auto other = server_.signed_in("supplier_b");
  EXPECT_EQ(numbers(other, "tracking_number=YT7300000001"), V{});
  // The distributor finds its own order's parcel, not the merchant's; distributor b finds nothing.
  EXPECT_EQ(numbers(distributor, "tracking_number=YT7300000001"), V{"YT7300000001"});
  EXPECT_EQ(numbers(distributor, "tracking_number=SF7300000002"), V{});
  auto distributor_b = server_.signed_in("distributor_b");
  EXPECT_EQ(numbers(distributor_b, "tracking_number=YT7300000001"), V{});

  auto too_long = owner_.get("/api/v1/shipments?tracking_number=" + std::string(65, '9'));
  ASSERT_EQ(too_long.status, 400) << too_long.body;
  EXPECT_EQ(too_long.json().at("errors").at(0).at("field").as_string(), "tracking_number");
  EXPECT_EQ(too_long.json().at("errors").at(0).at("code").as_string(), "too_long");
}

// GET /shipments.csv|.xlsx: the parcels of the list's filters with their latest scan, newest first, within the
// caller's scope.
TEST_P(Shipments, ParcelsAreExportedWithTheirLatestScanWithinTheCallersScope) {
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销小店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto distributor = server_.signed_in("distributor");
  ship_order(str(made.json().at("id")), "SX-1", "YT7400000001", distributor, "YTO");
  auto mine = ship_order(id_to_string(server_.parties().channel), "SX-2", "SF7400000002", owner_);
  const std::string shipment = str(shipments_of(owner_, mine).at(0).at("id"));
  auto scan = [&](std::int64_t minutes_ago, const std::string& text) {
    return R"({"events":[{"at":")" + format_rfc3339(Timestamp{server_.clock().now().unix_ms - minutes_ago * 60'000}) +
           R"(","text":")" + text + R"("}]})";
  };
  ASSERT_EQ(supplier_.post("/api/v1/shipments/" + shipment + "/events", scan(30, "【深圳市】已揽收")).status, 200);
  ASSERT_EQ(supplier_.post("/api/v1/shipments/" + shipment + "/events", scan(90, "【深圳市】下单")).status, 200);

  using V = std::vector<std::string>;
  auto csv = owner_.get("/api/v1/shipments.csv");
  EXPECT_EQ(csv.header("Content-Disposition").value_or(""),
            "attachment; filename=\"shipments-" + format_rfc3339(server_.clock().now()).substr(0, 10) + ".csv\"");
  auto rows = export_rows(owner_, "/api/v1/shipments.csv");
  EXPECT_EQ(export_column(rows, "tracking_number"), (V{"SF7400000002", "YT7400000001"}));  // newest first
  EXPECT_EQ(export_column(rows, "carrier"), (V{"SF", "YTO"}));
  EXPECT_EQ(export_column(rows, "last_event"), (V{"【深圳市】已揽收", ""}));  // the latest scan, not the last recorded
  EXPECT_EQ(export_column(rows, "events"), (V{"2", "0"}));
  EXPECT_EQ(export_column(rows, "shipment_id").at(0), shipment);
  const auto local_rows = export_rows(owner_, "/api/v1/shipments.csv?tz=-05:00");
  const std::string shipped_local = export_column(local_rows, "shipped_at").at(0);
  const Timestamp shipped_at = *parse_rfc3339(export_column(rows, "shipped_at").at(0));
  std::string expected = format_rfc3339(shipped_at + -5 * 3'600'000).substr(0, 19);
  expected[10] = ' ';
  EXPECT_EQ(shipped_local, expected);
  const auto one = export_rows(owner_, "/api/v1/shipments.xlsx?tracking_number=SF7400000002");
  EXPECT_EQ(export_column(one, "tracking_number"), V{"SF7400000002"});

  for (const char* role : {"operator", "agent", "finance"}) {
    auto staff = server_.signed_in(role);
    EXPECT_EQ(export_rows(staff, "/api/v1/shipments.csv").size(), 3u) << role;
  }
  EXPECT_EQ(export_rows(supplier_, "/api/v1/shipments.csv").size(), 3u);  // supplier a shipped both
  auto other = server_.signed_in("supplier_b");
  EXPECT_EQ(export_rows(other, "/api/v1/shipments.csv").size(), 1u);
  EXPECT_EQ(export_column(export_rows(distributor, "/api/v1/shipments.xlsx"), "tracking_number"), V{"YT7400000001"});
  auto distributor_b = server_.signed_in("distributor_b");
  EXPECT_EQ(export_rows(distributor_b, "/api/v1/shipments.csv").size(), 1u);
  EXPECT_EQ(HttpClient(server_.port()).get("/api/v1/shipments.csv").status, 401);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"limit=1", "limit"}, {"status=lost", "status"}, {"tracking_number=" + std::string(65, '9'), "tracking_number"}}) {
    auto refused = owner_.get("/api/v1/shipments.csv?" + query);
    ASSERT_EQ(refused.status, 400) << query << ": " << refused.body;
    EXPECT_EQ(refused.json().at("errors").at(0).at("field").as_string(), field) << query;
  }
}

// A Kuaidi100 push as the aggregator sends it: param JSON, signed with the subscription's salt.
std::string push_body(const std::string& number, int state, const std::vector<std::pair<std::string, std::string>>& scans,
                      const std::string& salt, bool check = false) {
  json::array data;
  for (const auto& [time, text] : scans) data.push_back(json::object{{"context", text}, {"time", time}, {"ftime", time}});
  json::object param{{"status", check ? "shutdown" : "polling"},
                     {"message", ""},
                     {"lastResult", json::object{{"state", std::to_string(state)},
                                                 {"ischeck", check ? "1" : "0"},
                                                 {"com", "shunfeng"},
                                                 {"nu", number},
                                                 {"data", std::move(data)}}}};
  const std::string p = json::serialize(param);
  return integrations::encode_form({{"param", p}, {"sign", integrations::kuaidi100_sign(p, salt)}});
}

TEST_P(Shipments, Kuaidi100PushesMoveTheParcelAndTheOrderToDelivered) {
  auto order = ship_order(id_to_string(server_.parties().channel), "TR-1", "SF7100000001", owner_);
  const std::string shipment = str(shipments_of(owner_, order).at(0).at("id"));
  // Shipping subscribed the parcel: a salt of its own, and a job to send the subscription.
  auto task = app::tracking_task(server_.app(), *parse_id(shipment));
  ASSERT_TRUE(task && task->subscription);
  EXPECT_EQ(task->company, "shunfeng");
  EXPECT_EQ(task->subscription->state, "pending");
  const std::string salt = task->subscription->salt;
  ASSERT_GE(salt.size(), 16u);
  auto job = app::find_job(server_.app(), app::kJobKuaidi100Subscribe, *parse_id(shipment));
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, "scheduled");

  HttpClient carrier(server_.port());
  const daifa::http::Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
  const std::vector<std::pair<std::string, std::string>> picked{{"2026-11-20 09:12:33", "【深圳市】顺丰速运 已收取快件"}};
  // A wrong sign applies nothing.
  auto forged = carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7100000001", 0, picked, "not-the-salt"), form);
  EXPECT_EQ(forged.status, 401) << forged.body;
  EXPECT_EQ(forged.json().at("result").as_bool(), false);
  EXPECT_TRUE(owner_.get("/api/v1/shipments/" + shipment).json().at("events").as_array().empty());
  // An unknown number is a 404.
  EXPECT_EQ(carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7999999999", 0, picked, salt), form).status, 404);

  auto first = carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7100000001", 0, picked, salt), form);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, integrations::kuaidi100_success_reply());
  // The same push again changes nothing.
  ASSERT_EQ(carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7100000001", 0, picked, salt), form).status, 200);
  auto after = owner_.get("/api/v1/shipments/" + shipment).json();
  ASSERT_EQ(after.at("events").as_array().size(), 1u);
  EXPECT_EQ(after.at("events").at(0).at("text").as_string(), "【深圳市】顺丰速运 已收取快件");
  EXPECT_EQ(after.at("events").at(0).at("at").as_string(), "2026-11-20T01:12:33.000Z");  // China time → UTC
  EXPECT_EQ(after.at("status").as_string(), "in_transit");
  EXPECT_EQ(after.at("last_event_at").as_string(), "2026-11-20T01:12:33.000Z");
  EXPECT_EQ(owner_.get("/api/v1/orders/" + str(order.at("id"))).json().at("status").as_string(), "shipped");

  // Signed for: the shipment, its PO and (its only parcel) the order are delivered.
  auto signed_for = carrier.post("/api/v1/tracking/kuaidi100",
                                 push_body("SF7100000001", 3,
                                           {{"2026-11-21 15:40:00", "【深圳市】已签收，签收人：本人"},
                                            {"2026-11-20 09:12:33", "【深圳市】顺丰速运 已收取快件"}},
                                           salt, true),
                                 form);
  ASSERT_EQ(signed_for.status, 200) << signed_for.body;
  after = owner_.get("/api/v1/shipments/" + shipment).json();
  EXPECT_EQ(after.at("status").as_string(), "delivered");
  EXPECT_EQ(after.at("events").as_array().size(), 2u);
  EXPECT_EQ(after.at("delivered_at").as_string(), "2026-11-21T07:40:00.000Z");
  const json::value o = owner_.get("/api/v1/orders/" + str(order.at("id"))).json();
  EXPECT_EQ(o.at("status").as_string(), "delivered");
  const std::string po = str(o.at("lines").at(0).at("purchase_order_id"));
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po).json().at("status").as_string(), "delivered");
  auto history = owner_.get("/api/v1/orders/" + str(order.at("id")) + "/history").json();
  EXPECT_NE(json::serialize(history).find("every parcel delivered"), std::string::npos);
  auto sub = app::tracking_task(server_.app(), *parse_id(shipment));
  EXPECT_EQ(sub->subscription->state, "closed");
  // The news is in the outbox, about this order.
  auto events = server_.store().reads().read([&](store::Connection& c) {
    return c.exec("SELECT topic FROM outbox WHERE order_id = ? ORDER BY id", {*parse_id(str(order.at("id")))}).rows.size();
  });
  EXPECT_GE(events, 6u);
  auto delivered_events = server_.store().reads().read([&](store::Connection& c) {
    return c.exec("SELECT id FROM outbox WHERE order_id = ? AND topic IN ('shipment.delivered', 'order.delivered', "
                  "'purchase_order.delivered')",
                  {*parse_id(str(order.at("id")))})
        .rows.size();
  });
  EXPECT_EQ(delivered_events, 3u);
}

// A parcel's subscription is remembered once found (app::push_subscription); a number not followed yet is
// not remembered as unknown: once the parcel ships, its pushes apply.
TEST_P(Shipments, APushBeforeTheParcelIsFollowedIs404AndItsPushesApplyOnceItShips) {
  HttpClient carrier(server_.port());
  const daifa::http::Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
  const std::vector<std::pair<std::string, std::string>> picked{{"2026-11-20 09:12:33", "【深圳市】顺丰速运 已收取快件"}};
  auto early = carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7100000077", 0, picked, "any-salt"), form);
  EXPECT_EQ(early.status, 404) << early.body;

  auto order = ship_order(id_to_string(server_.parties().channel), "TR-LATE", "SF7100000077", owner_);
  const std::string shipment = str(shipments_of(owner_, order).at(0).at("id"));
  auto task = app::tracking_task(server_.app(), *parse_id(shipment));
  ASSERT_TRUE(task && task->subscription);
  const std::string salt = task->subscription->salt;
  auto now_followed = carrier.post("/api/v1/tracking/kuaidi100", push_body("SF7100000077", 0, picked, salt), form);
  ASSERT_EQ(now_followed.status, 200) << now_followed.body;
  EXPECT_EQ(owner_.get("/api/v1/shipments/" + shipment).json().at("events").as_array().size(), 1u);
  // Remembered or not, the salt still decides: a forged sign for the same parcel applies nothing.
  auto forged = carrier.post("/api/v1/tracking/kuaidi100",
                             push_body("SF7100000077", 3, {{"2026-11-21 15:40:00", "【深圳市】已签收"}}, "not-the-salt", true),
                             form);
  EXPECT_EQ(forged.status, 401) << forged.body;
  EXPECT_EQ(owner_.get("/api/v1/shipments/" + shipment).json().at("status").as_string(), "in_transit");
}

TEST_P(Shipments, TheSupplierRecordsScansOfItsOwnParcelsOnly) {
  auto order = ship_order(id_to_string(server_.parties().channel), "TR-2", "SF7200000001", owner_);
  const std::string shipment = str(shipments_of(owner_, order).at(0).at("id"));
  auto other = server_.signed_in("supplier_b");
  const std::string body = R"({"status":"exception","events":[{"at":")" +
                           format_rfc3339(Timestamp{server_.clock().now().unix_ms - 3600 * 1000}) +
                           R"(","text":"收件人电话无人接听"}]})";
  EXPECT_EQ(other.post("/api/v1/shipments/" + shipment + "/events", body).status, 404);
  auto bad = supplier_.post("/api/v1/shipments/" + shipment + "/events",
                            R"({"status":"lost","events":[{"at":"yesterday","text":""}]})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("\"status\""), std::string::npos);
  EXPECT_NE(bad.body.find("events[0].at"), std::string::npos);
  EXPECT_NE(bad.body.find("events[0].text"), std::string::npos);
  EXPECT_TRUE(owner_.get("/api/v1/shipments/" + shipment).json().at("events").as_array().empty());

  auto ok = supplier_.post("/api/v1/shipments/" + shipment + "/events", body);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("status").as_string(), "exception");
  EXPECT_EQ(ok.json().at("events").at(0).at("source").as_string(), "supplier");
  auto listed = owner_.get("/api/v1/shipments?status=exception").json().at("items").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(str(listed[0].at("id")), shipment);
  EXPECT_EQ(owner_.get("/api/v1/shipments?status=lost").status, 400);
}

TEST_P(Shipments, ATrackingUploadShipsEachRowOnItsOwn) {
  const std::string channel = id_to_string(server_.parties().channel);
  auto place = [&](const std::string& external_id, const std::string& phone) {
    auto o = owner_.post("/api/v1/orders", R"({"channel_id":")" + channel + R"(","external_id":")" + external_id +
                                               R"(","shipping_address":{"name":"陈静","phone":")" + phone + R"(",
        "province":"广东省","city":"深圳市","district":"南山区","line1":"科技园南路 8 号"},
        "lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    return str(o.json().at("lines").at(0).at("purchase_order_id"));
  };
  const std::string po1 = place("UP-1", "13700000011"), po2 = place("UP-2", "13700000012");
  ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po1 + "/accept", "").status, 200);
  // po2 is not accepted yet: its row is refused alone.
  const std::string csv = "purchase_order_id,carrier,tracking_number\n" + po1 + ",YTO,YT8000000001\n" + po2 +
                          ",YTO,YT8000000002\nnot-an-id,YTO,YT8000000003\n";
  const daifa::http::Headers csv_type{{"Content-Type", "text/csv"}};
  // Another supplier cannot ship supplier a's purchase orders.
  auto other = server_.signed_in("supplier_b");
  auto foreign = other.post("/api/v1/imports/tracking", csv, csv_type);
  ASSERT_EQ(foreign.status, 200) << foreign.body;
  EXPECT_EQ(foreign.json().at("rows_refused").as_int64(), 3);
  EXPECT_EQ(foreign.json().at("results").at(0).at("error").at("code").as_string(), "not_found");

  auto report = supplier_.post("/api/v1/imports/tracking", csv, csv_type);
  ASSERT_EQ(report.status, 200) << report.body;
  const json::value r = report.json();
  EXPECT_EQ(r.at("shipped").as_int64(), 1);
  EXPECT_EQ(r.at("rows_refused").as_int64(), 2);
  EXPECT_EQ(r.at("results").at(0).at("row").as_int64(), 2);
  EXPECT_EQ(r.at("results").at(0).at("status").as_string(), "shipped");
  EXPECT_EQ(r.at("results").at(1).at("row").as_int64(), 3);
  EXPECT_EQ(r.at("results").at(1).at("status").as_string(), "refused");
  EXPECT_EQ(r.at("results").at(2).at("error").at("field").as_string(), "purchase_order_id");
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po1).json().at("tracking_number").as_string(), "YT8000000001");
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po2).json().at("status").as_string(), "placed");

  // The same file again changes nothing.
  auto again = supplier_.post("/api/v1/imports/tracking", csv, csv_type).json();
  EXPECT_EQ(again.at("shipped").as_int64(), 0);
  EXPECT_EQ(again.at("unchanged").as_int64(), 1);
  EXPECT_EQ(owner_.get("/api/v1/shipments?purchase_order_id=" + po1).json().at("items").as_array().size(), 1u);

  auto headerless = supplier_.post("/api/v1/imports/tracking", "po,carrier\n1,SF\n", csv_type);
  ASSERT_EQ(headerless.status, 422);
  EXPECT_NE(headerless.body.find("header[0]"), std::string::npos);
}

// The supplier's pick-and-pack sheet: GET /purchase-orders.csv|.xlsx lists its own purchase orders with the end
// customer's address and its own SKUs — never a retail price or what the customer paid — and goes back, with
// carrier and tracking number filled in, as a tracking upload; the purchase orders left blank are skipped.
TEST_P(Shipments, ThePurchaseOrderExportGoesBackAsATrackingUpload) {
  const std::string channel = id_to_string(server_.parties().channel);
  auto place = [&](const std::string& external_id, const std::string& phone) {
    auto o = owner_.post("/api/v1/orders", R"({"channel_id":")" + channel + R"(","external_id":")" + external_id +
                                               R"(","shipping_address":{"name":"周晓","phone":")" + phone + R"(",
        "province":"四川省","city":"成都市","district":"武侯区","line1":"天府大道 100 号","postal_code":"610000"},
        "lines":[{"sku":"TS-RED-M","quantity":3,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    const std::string po = str(o.json().at("lines").at(0).at("purchase_order_id"));
    EXPECT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
    return po;
  };
  const std::string po1 = place("PX-1", "13600000001");
  server_.clock().advance_ms(3'600'000);
  const std::string po2 = place("PX-2", "13600000002");
  const json::value first = supplier_.get("/api/v1/purchase-orders/" + po1).json();
  const std::string second_at = str(supplier_.get("/api/v1/purchase-orders/" + po2).json().at("created_at"));
  const std::string supplier_sku = str(first.at("lines").at(0).at("supplier_sku"));

  auto read = [](const HttpResult& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    integrations::Table t = integrations::read_table(r.body);
    EXPECT_EQ(t.error, "");
    return t.rows;
  };
  auto csv = supplier_.get("/api/v1/purchase-orders.csv?status=accepted");
  EXPECT_EQ(csv.header("Content-Disposition").value_or(""),
            "attachment; filename=\"purchase-orders-" + format_rfc3339(server_.clock().now()).substr(0, 10) + ".csv\"");
  auto rows = read(csv);
  ASSERT_EQ(rows.size(), 3u);
  const std::vector<std::string> header = rows[0];
  auto at = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<std::size_t>(it - header.begin());
  };
  for (const std::string& name : header) {  // nothing of what the customer pays
    for (const char* hidden : {"price", "total", "paid", "goods"}) EXPECT_EQ(name.find(hidden), std::string::npos) << name;
  }
  EXPECT_EQ(rows[1][at("purchase_order_id")], po2);  // newest first
  EXPECT_EQ(rows[2][at("purchase_order_id")], po1);
  EXPECT_EQ(rows[2][at("status")], "accepted");
  EXPECT_EQ(rows[2][at("items")], supplier_sku + " ×3");
  EXPECT_EQ(rows[2][at("quantity")], "3");
  EXPECT_EQ(rows[2][at("cost")], format_decimal_minor(first.at("cost_total").at("amount").as_int64(), 2));
  EXPECT_EQ(rows[2][at("receiver_name")], "周晓");
  EXPECT_EQ(rows[2][at("receiver_phone")], "13600000001");
  EXPECT_EQ(rows[2][at("address")], "天府大道 100 号");
  EXPECT_EQ(rows[2][at("neutral_packaging")], "yes");
  EXPECT_EQ(rows[2][at("tracking_number")], "");

  // The workbook: the same purchase orders.
  auto sheet = read(supplier_.get("/api/v1/purchase-orders.xlsx?status=accepted"));
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0], header);
  EXPECT_EQ(sheet[2][at("purchase_order_id")], po1);
  EXPECT_EQ(sheet[2][at("receiver_name")], "周晓");

  // A period of creation, as on the order list: [created_since, created_before).
  auto since = read(supplier_.get("/api/v1/purchase-orders.csv?created_since=" + second_at));
  ASSERT_EQ(since.size(), 2u);
  EXPECT_EQ(since[1][at("purchase_order_id")], po2);
  auto before = read(supplier_.get("/api/v1/purchase-orders.xlsx?created_before=" + second_at));
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[1][at("purchase_order_id")], po1);
  auto listed = supplier_.get("/api/v1/purchase-orders?created_before=" + second_at).json().at("items").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(str(listed[0].at("id")), po1);
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders?created_since=today").status, 400);

  // Scope: another supplier's export is empty, the merchant's has both, a distributor has none to read.
  EXPECT_EQ(read(server_.signed_in("supplier_b").get("/api/v1/purchase-orders.csv")).size(), 1u);
  for (const char* role : {"owner", "operator", "agent", "finance"}) {
    auto staff = server_.signed_in(role);
    EXPECT_EQ(read(staff.get("/api/v1/purchase-orders.csv?order_id=" + str(first.at("order_id")))).size(), 2u) << role;
  }
  EXPECT_EQ(server_.signed_in("distributor").get("/api/v1/purchase-orders.csv").status, 403);
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders.csv?limit=10").status, 400);
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders.xlsx?status=packed").status, 400);

  // The supplier fills in the first purchase order only and uploads the export back as it is.
  auto quoted = [](const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  rows[2][at("carrier")] = "SF";
  rows[2][at("tracking_number")] = "SF9000000001";
  std::string filled;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) filled += (i ? "," : "") + quoted(row[i]);
    filled += "\r\n";
  }
  auto report = supplier_.post("/api/v1/imports/tracking", filled, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(report.status, 200) << report.body;
  const json::value r = report.json();
  EXPECT_EQ(r.at("shipped").as_int64(), 1);
  EXPECT_EQ(r.at("skipped").as_int64(), 1);
  EXPECT_EQ(r.at("rows_refused").as_int64(), 0);
  EXPECT_EQ(r.at("results").at(0).at("status").as_string(), "skipped");
  EXPECT_EQ(str(r.at("results").at(0).at("purchase_order_id")), po2);
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po1).json().at("tracking_number").as_string(), "SF9000000001");
  EXPECT_EQ(supplier_.get("/api/v1/purchase-orders/" + po2).json().at("status").as_string(), "accepted");
  // The next export shows what was uploaded; a column that belongs to no export is still refused.
  auto shipped = read(supplier_.get("/api/v1/purchase-orders.csv?status=shipped"));
  ASSERT_EQ(shipped.size(), 2u);
  EXPECT_EQ(shipped[1][at("tracking_number")], "SF9000000001");
  auto odd = supplier_.post("/api/v1/imports/tracking", "purchase_order_id,carrier,tracking_number,colour\n",
                            {{"Content-Type", "text/csv"}});
  ASSERT_EQ(odd.status, 422) << odd.body;
  EXPECT_NE(odd.body.find("header[3]"), std::string::npos);
}

// The job runner sends the subscription to the aggregator (played here on 127.0.0.1) with the parcel's
// salt and Daifa's callback; the aggregator's pushes, signed with that salt, are then applied.
TEST_P(Shipments, TheJobRunnerSubscribesTheParcelAndItsPushesApply) {
  std::mutex mu;
  std::vector<ReceivedRequest> received;
  std::string answer = R"({"result":false,"returnCode":"600","message":"账户余额不足"})";
  LoopbackServer aggregator([&](int fd) {
    auto req = read_http_request(fd);
    std::lock_guard lock(mu);
    if (req) received.push_back(*req);
    send_all(fd, http_response(200, "OK", answer));
  });
  auto order = ship_order(id_to_string(server_.parties().channel), "TR-3", "SF7300000001", owner_);
  const Id shipment = *parse_id(str(shipments_of(owner_, order).at(0).at("id")));
  integrations::JobRunnerOptions options;
  options.kuaidi100_subscribe_url = aggregator.url("http", "/poll");
  options.kuaidi100_key = "daifa-key";
  options.tracking_callback_url = "http://127.0.0.1:" + std::to_string(server_.port()) + "/api/v1/tracking/kuaidi100";
  options.fulfilment_scan_every_ms = 0;
  integrations::JobRunner runner(server_.app(), options);

  // The account is out of credit: the job is tried again later, the subscription still pending.
  EXPECT_EQ(runner.run_once(), 1u);
  auto job = app::find_job(server_.app(), app::kJobKuaidi100Subscribe, shipment);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, "scheduled");
  EXPECT_EQ(job->attempts, 1);
  EXPECT_NE(job->last_error.find("600"), std::string::npos);
  EXPECT_EQ(runner.run_once(), 0u);  // not due yet

  {
    std::lock_guard lock(mu);
    answer = R"({"result":true,"returnCode":"200","message":"提交成功"})";
  }
  server_.clock().advance_ms(job->run_at.unix_ms - server_.clock().now().unix_ms);
  EXPECT_EQ(runner.run_once(), 1u);
  EXPECT_EQ(app::find_job(server_.app(), app::kJobKuaidi100Subscribe, shipment)->state, "done");
  EXPECT_EQ(app::tracking_task(server_.app(), shipment)->subscription->state, "subscribed");

  ReceivedRequest last;
  {
    std::lock_guard lock(mu);
    ASSERT_EQ(received.size(), 2u);
    last = received.back();
  }
  auto fields = integrations::decode_form(last.body);
  ASSERT_TRUE(fields);
  EXPECT_EQ(integrations::form_field(*fields, "schema").value_or(""), "json");
  const json::value param = json::parse(integrations::form_field(*fields, "param").value_or("{}"));
  EXPECT_EQ(param.at("company").as_string(), "shunfeng");
  EXPECT_EQ(param.at("number").as_string(), "SF7300000001");
  EXPECT_EQ(param.at("key").as_string(), "daifa-key");
  EXPECT_EQ(param.at("parameters").at("callbackurl").as_string(), options.tracking_callback_url);
  EXPECT_EQ(param.at("parameters").at("phone").as_string(), "13700000001");
  const std::string salt(param.at("parameters").at("salt").as_string());

  HttpClient carrier(server_.port());
  auto pushed = carrier.post("/api/v1/tracking/kuaidi100",
                             push_body("SF7300000001", 14, {{"2026-11-21 10:00:00", "【深圳市】收件人拒收"}}, salt),
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  auto now = owner_.get("/api/v1/shipments/" + id_to_string(shipment)).json();
  EXPECT_EQ(now.at("status").as_string(), "exception");  // 14 拒签
}

// A carrier followed by polling (here YTO): shipping schedules a poll instead of a subscription; each poll
// asks the aggregator's real-time query (played on 127.0.0.1), signed with the account's key, applies the new
// scans, and polls again later until the parcel is signed for; then the order is delivered.
TEST_P(Shipments, APolledCarrierIsQueriedUntilTheParcelIsDelivered) {
  TestServer server(GetParam(), {}, [](app::AppConfig& c) { c.polled_carriers = {"yuantong"}; });
  HttpClient owner = server.signed_in("owner");
  HttpClient supplier = server.signed_in("supplier");
  std::mutex mu;
  std::vector<ReceivedRequest> received;
  std::string answer = R"({"message":"ok","state":"0","status":"200","ischeck":"0","com":"yuantong","nu":"YT9100000001",
    "data":[{"context":"【杭州市】已揽收","time":"2026-11-20 09:00:00","ftime":"2026-11-20 09:00:00"}]})";
  LoopbackServer carrier([&](int fd) {
    auto req = read_http_request(fd);
    std::lock_guard lock(mu);
    if (req) received.push_back(*req);
    send_all(fd, http_response(200, "OK", answer));
  });

  auto o = owner.post("/api/v1/orders", R"({"channel_id":")" + id_to_string(server.parties().channel) + R"(",
      "external_id":"POLL-1","shipping_address":{"name":"陈静","phone":"13700000009","province":"广东省",
      "city":"深圳市","district":"南山区","line1":"科技园南路 8 号"},
      "lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
  ASSERT_EQ(o.status, 201) << o.body;
  const std::string order = str(o.json().at("id"));
  const std::string po = str(owner.get("/api/v1/orders/" + order).json().at("lines").at(0).at("purchase_order_id"));
  ASSERT_EQ(supplier.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
  auto shipped = supplier.post("/api/v1/purchase-orders/" + po + "/ship",
                               R"({"carrier":"YTO","tracking_number":"YT9100000001"})");
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  auto list = owner.get("/api/v1/shipments?order_id=" + order).json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  const Id shipment = *parse_id(str(list.at(0).at("id")));
  EXPECT_FALSE(app::find_job(server.app(), app::kJobKuaidi100Subscribe, shipment));  // polled, not pushed

  integrations::JobRunnerOptions options;
  options.kuaidi100_query_url = carrier.url("http", "/poll/query.do");
  options.kuaidi100_key = "daifa-key";
  options.kuaidi100_customer = "DAIFA-CUSTOMER";
  options.fulfilment_scan_every_ms = 0;
  integrations::JobRunner runner(server.app(), options);
  EXPECT_EQ(runner.run_once(), 0u);  // the first poll waits one interval
  auto job = app::find_job(server.app(), app::kJobTrackingPoll, shipment);
  ASSERT_TRUE(job);
  server.clock().advance_ms(job->run_at.unix_ms - server.clock().now().unix_ms);
  EXPECT_EQ(runner.run_once(), 1u);
  auto now = owner.get("/api/v1/shipments/" + id_to_string(shipment)).json();
  EXPECT_EQ(now.at("status").as_string(), "in_transit");
  EXPECT_EQ(now.at("events").as_array().size(), 1u);
  job = app::find_job(server.app(), app::kJobTrackingPoll, shipment);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, "scheduled");  // polled again later
  EXPECT_EQ(runner.run_once(), 0u);

  {
    std::lock_guard lock(mu);
    ASSERT_EQ(received.size(), 1u);
    auto fields = integrations::decode_form(received.back().body);
    ASSERT_TRUE(fields);
    const std::string param = integrations::form_field(*fields, "param").value_or("");
    EXPECT_EQ(integrations::form_field(*fields, "customer").value_or(""), "DAIFA-CUSTOMER");
    EXPECT_EQ(integrations::form_field(*fields, "sign").value_or(""),
              integrations::kuaidi100_sign(param + "daifa-key", "DAIFA-CUSTOMER"));
    const json::value p = json::parse(param);
    EXPECT_EQ(p.at("com").as_string(), "yuantong");
    EXPECT_EQ(p.at("num").as_string(), "YT9100000001");
    answer = R"({"message":"ok","state":"3","status":"200","ischeck":"1","com":"yuantong","nu":"YT9100000001",
      "data":[{"context":"【深圳市】已签收","time":"2026-11-21 15:00:00","ftime":"2026-11-21 15:00:00"},
              {"context":"【杭州市】已揽收","time":"2026-11-20 09:00:00","ftime":"2026-11-20 09:00:00"}]})";
  }
  server.clock().advance_ms(job->run_at.unix_ms - server.clock().now().unix_ms);
  EXPECT_EQ(runner.run_once(), 1u);
  now = owner.get("/api/v1/shipments/" + id_to_string(shipment)).json();
  EXPECT_EQ(now.at("status").as_string(), "delivered");
  EXPECT_EQ(now.at("events").as_array().size(), 2u);
  EXPECT_EQ(app::find_job(server.app(), app::kJobTrackingPoll, shipment)->state, "done");
  EXPECT_EQ(owner.get("/api/v1/orders/" + order).json().at("status").as_string(), "delivered");
}

INSTANTIATE_TEST_SUITE_P(Backends, Shipments, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
