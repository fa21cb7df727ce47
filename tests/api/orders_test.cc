// Orders end to end over HTTP, on both stores: intake, review holds, reservation, routing to purchase
// orders, the supplier's answers, re-routing, changes before shipping, history, the ledger and scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "integrations/spreadsheet/table_reader.h"
#include "support/export_table.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) { return std::string(v.as_string()); }

class Orders : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");

  // Whatever a test did, the ledger balances afterwards: every entry, and the whole.
  void TearDown() override { expect_ledger_balanced(); }

  std::string channel() const { return id_to_string(server_.parties().channel); }

  // An order body: `lines` is the JSON array; the address is complete unless `address` says otherwise.
  static std::string order_body(const std::string& channel, const std::string& external_id,
                                const std::string& lines = R"([{"sku":"TS-RED-M","quantity":2,"unit_price":{"amount":5900,"currency":"CNY"}}])",
                                const std::string& extra = "",
                                const std::string& address = R"({"name":"张三","phone":"13800000000","country":"CN",
                                  "province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 1 号","postal_code":"310000"})") {
    return R"({"channel_id":")" + channel + R"(","external_id":")" + external_id +
           R"(","customer":{"name":"张三","phone":"13800000000","email":"z@example.com"},"shipping_address":)" + address +
           R"(,"lines":)" + lines + extra + "}";
  }

  json::object place(HttpClient& c, const std::string& body, int expect = 201) {
    auto r = c.post("/api/v1/orders", body);
    EXPECT_EQ(r.status, expect) << r.body;
    return r.json().as_object();
  }

  json::array purchase_orders(HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/purchase-orders?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }

  std::int64_t offer_field(Id offer, const char* field) {
    auto r = owner_.get("/api/v1/offers/" + id_to_string(offer));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at(field).as_int64();
  }

  // Sellable units of TS-RED-M on the seeded channel: stock - reserved over both offers, less the buffer.
  std::int64_t published_stock() {
    auto r = owner_.get("/api/v1/channels/" + channel() + "/listings");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array().at(0).at("published_stock").as_int64();
  }

  void expect_ledger_balanced() {
    auto tb = owner_.get("/api/v1/ledger/trial-balance");
    ASSERT_EQ(tb.status, 200) << tb.body;
    EXPECT_TRUE(tb.json().at("balanced").as_bool()) << tb.body;
    EXPECT_TRUE(tb.json().at("unbalanced_entries").as_array().empty()) << tb.body;
  }

  json::array history(const std::string& order_id) {
    auto r = owner_.get("/api/v1/orders/" + order_id + "/history");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }

  static bool has_reason(const json::object& order, std::string_view reason) {
    for (const auto& r : order.at("hold_reasons").as_array()) if (r.as_string() == reason) return true;
    return false;
  }
};

TEST_P(Orders, AValidOrderIsRoutedReservedAndPurchasedInOneStep) {
  const std::int64_t before = published_stock();
  auto o = place(owner_, order_body(channel(), "SO-1"));
  EXPECT_EQ(o.at("status").as_string(), "purchased");
  EXPECT_TRUE(o.at("hold_reasons").as_array().empty());
  auto line = o.at("lines").as_array().at(0).as_object();
  // Both offers cost the same: the tie-break (documented in routing.h) picks the lower offer id.
  EXPECT_EQ(str(line.at("offer_id")), id_to_string(server_.parties().offer_a));
  EXPECT_EQ(str(line.at("supplier_id")), id_to_string(server_.parties().supplier_a));
  EXPECT_NE(str(line.at("route_reason")).find("offer " + id_to_string(server_.parties().offer_a)), std::string::npos);
  EXPECT_EQ(o.at("totals").at("total").at("amount").as_int64(), 11800);
  EXPECT_EQ(published_stock(), before - 2);

  auto pos = purchase_orders(owner_, "order_id=" + str(o.at("id")));
  ASSERT_EQ(pos.size(), 1u);
  auto po = pos[0].as_object();
  EXPECT_EQ(po.at("status").as_string(), "placed");
  EXPECT_EQ(str(po.at("id")), str(line.at("purchase_order_id")));
  // The supplier ships to the end customer, in neutral packaging without inserts.
  EXPECT_EQ(po.at("ship_to").at("name").as_string(), "张三");
  EXPECT_EQ(po.at("ship_to").at("district").as_string(), "西湖区");
  EXPECT_TRUE(po.at("packaging").at("neutral").as_bool());
  EXPECT_TRUE(po.at("packaging").at("no_inserts").as_bool());
  EXPECT_EQ(po.at("cost_total").at("amount").as_int64(), 5000);
  EXPECT_EQ(po.at("shipping_cost").at("amount").as_int64(), 500);

  auto h = history(str(o.at("id")));
  ASSERT_GE(h.size(), 4u);
  EXPECT_TRUE(h[0].at("from").is_null());
  EXPECT_EQ(h[0].at("to").as_string(), "received");
  EXPECT_EQ(h[0].at("actor").as_string(), server_.email("owner"));
  expect_ledger_balanced();
}

TEST_P(Orders, TheSameExternalIdTwiceIsTheSameOrder) {
  auto first = place(owner_, order_body(channel(), "SO-DUP"));
  auto again = place(owner_, order_body(channel(), "SO-DUP"), 200);
  EXPECT_EQ(str(again.at("id")), str(first.at("id")));
  auto list = owner_.get("/api/v1/orders?external_id=SO-DUP");
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(purchase_orders(owner_, "order_id=" + str(first.at("id"))).size(), 1u);
}

// The order's answer is rendered after the commit, off the writer — except with an Idempotency-Key, when it
// is stored in the same transaction: a retry replays exactly the first answer, and a refusal stores nothing.
TEST_P(Orders, AnIdempotencyKeyReplaysTheOrderExactlyAsFirstAnswered) {
  auto first = owner_.post("/api/v1/orders", order_body(channel(), "SO-IK"), {{"Idempotency-Key", "order-ik-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("status").as_string(), "purchased");
  auto again = owner_.post("/api/v1/orders", order_body(channel(), "SO-IK"), {{"Idempotency-Key", "order-ik-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("Idempotent-Replayed").value_or(""), "true");

  // A refused order with a key is not remembered: the corrected retry under the same key is taken in.
  auto refused = owner_.post("/api/v1/orders", order_body("12345", "SO-IK-2"), {{"Idempotency-Key", "order-ik-2"}});
  EXPECT_GE(refused.status, 400) << refused.body;
  auto corrected = owner_.post("/api/v1/orders", order_body(channel(), "SO-IK-2"), {{"Idempotency-Key", "order-ik-2"}});
  EXPECT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_FALSE(corrected.header("Idempotent-Replayed").has_value());
  EXPECT_EQ(owner_.get("/api/v1/orders?external_id=SO-IK").json().at("items").as_array().size(), 1u);
}

TEST_P(Orders, EveryInvalidFieldIsNamedAndNothingIsStored) {
  auto r = owner_.post("/api/v1/orders", order_body(channel(), "", R"([
      {"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}},
      {"sku":"TS-RED-M","quantity":0,"unit_price":{"amount":5900,"currency":"USD"}},
      {"sku":"","quantity":1,"unit_price":{"amount":-1,"currency":"CNY"}}])",
      R"(,"payment":{"method":"later"})"));
  ASSERT_EQ(r.status, 422) << r.body;
  std::map<std::string, std::string> fields;
  const json::value problem = r.json();
  for (const auto& e : problem.at("errors").as_array()) fields[str(e.at("field"))] = str(e.at("code"));
  EXPECT_EQ(fields["external_id"], "required");
  EXPECT_EQ(fields["lines[1].quantity"], "out_of_range");
  EXPECT_EQ(fields["lines[1].unit_price.currency"], "currency_mismatch");
  EXPECT_EQ(fields["lines[2].sku"], "required");
  EXPECT_EQ(fields["lines[2].unit_price"], "must_not_be_negative");
  EXPECT_EQ(fields["payment.method"], "unknown_method");
  EXPECT_TRUE(owner_.get("/api/v1/orders").json().at("items").as_array().empty());

  auto unknown_channel = owner_.post("/api/v1/orders", order_body("12345", "SO-X"));
  ASSERT_EQ(unknown_channel.status, 422);
  EXPECT_EQ(unknown_channel.json().at("errors").at(0).at("field").as_string(), "channel_id");
}

TEST_P(Orders, AnUnknownSkuIsAcceptedAndHeld) {
  auto o = place(owner_, order_body(channel(), "SO-U", R"([{"sku":"NO-SUCH","quantity":1,"unit_price":{"amount":100,"currency":"CNY"}}])"));
  EXPECT_EQ(o.at("status").as_string(), "on_hold");
  EXPECT_TRUE(has_reason(o, "unknown_sku"));
  EXPECT_TRUE(purchase_orders(owner_, "order_id=" + str(o.at("id"))).empty());
}

TEST_P(Orders, OutOfStockHoldsUntilStockArrivesThenApproveRoutes) {
  const std::string lines = R"([{"sku":"TS-RED-M","quantity":15,"unit_price":{"amount":5900,"currency":"CNY"}}])";
  auto o = place(owner_, order_body(channel(), "SO-OOS", lines));
  EXPECT_EQ(o.at("status").as_string(), "on_hold");
  EXPECT_TRUE(has_reason(o, "out_of_stock"));
  const std::string id = str(o.at("id"));
  auto refused = owner_.post("/api/v1/orders/" + id + "/approve", "{}");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("out_of_stock"), std::string::npos);

  auto supplier = server_.signed_in("supplier");
  auto sync = supplier.post("/api/v1/offers/sync", R"({"supplier_id":")" + id_to_string(server_.parties().supplier_a) +
                                                      R"(","items":[{"supplier_sku":"S-)" +
                                                      id_to_string(server_.parties().supplier_a) + R"(","stock":40}]})");
  ASSERT_EQ(sync.status, 200) << sync.body;
  auto approved = owner_.post("/api/v1/orders/" + id + "/approve", R"({"note":"stock arrived"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status").as_string(), "purchased");
  EXPECT_TRUE(approved.json().at("hold_reasons").as_array().empty());
  auto h = history(id);
  bool approved_row = false;
  for (const auto& row : h) {
    if (row.at("from") == json::value("on_hold") && row.at("to") == json::value("routed")) {
      approved_row = str(row.at("reason")).find("stock arrived") != std::string::npos;
    }
  }
  EXPECT_TRUE(approved_row);
  EXPECT_EQ(owner_.post("/api/v1/orders/" + id + "/approve", "{}").status, 409);
  expect_ledger_balanced();
}

TEST_P(Orders, ReviewHoldsIncompleteAddressBlacklistCodLimitLowMarginAndDuplicates) {
  auto no_district = place(owner_, order_body(channel(), "SO-A", R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}])", "",
                                              R"({"name":"李四","phone":"13900000000","province":"浙江省","city":"杭州市","line1":"文三路 2 号"})"));
  EXPECT_EQ(no_district.at("status").as_string(), "on_hold");
  EXPECT_TRUE(has_reason(no_district, "address_incomplete"));

  auto listed = owner_.post("/api/v1/blacklist", R"({"kind":"phone","value":"+86 137-0000-0000","note":"拒收三次"})");
  ASSERT_EQ(listed.status, 201) << listed.body;
  EXPECT_EQ(owner_.post("/api/v1/blacklist", R"({"kind":"phone","value":"13700000000"})").status, 409);
  auto black = place(owner_, order_body(channel(), "SO-B", R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}])", "",
                                        R"({"name":"王五","phone":"13700000000","province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 3 号"})"));
  EXPECT_TRUE(has_reason(black, "blacklisted"));

  auto cod = place(owner_, order_body(channel(), "SO-C", R"([{"sku":"TS-RED-M","quantity":3,"unit_price":{"amount":40000,"currency":"CNY"}}])",
                                      R"(,"payment":{"method":"cod"})"));
  EXPECT_TRUE(has_reason(cod, "cod_limit"));
  EXPECT_EQ(cod.at("payment").at("method").as_string(), "cod");

  auto thin = place(owner_, order_body(channel(), "SO-M", R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":3100,"currency":"CNY"}}])"));
  EXPECT_TRUE(has_reason(thin, "margin_below_floor"));

  auto first = place(owner_, order_body(channel(), "SO-D1"));
  EXPECT_EQ(first.at("status").as_string(), "purchased");
  auto second = place(owner_, order_body(channel(), "SO-D2"));
  EXPECT_TRUE(has_reason(second, "duplicate_suspected"));

  auto holds = owner_.get("/api/v1/orders?status=on_hold&hold_reason=blacklisted");
  ASSERT_EQ(holds.status, 200);
  ASSERT_EQ(holds.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(holds.json().at("items").at(0).at("external_id").as_string(), "SO-B");
}

TEST_P(Orders, TheSupplierAcceptsAndShipsItsOwnPurchaseOrderOnly) {
  auto o = place(owner_, order_body(channel(), "SO-S"));
  const std::string po = str(o.at("lines").at(0).at("purchase_order_id"));
  auto supplier = server_.signed_in("supplier");
  auto other = server_.signed_in("supplier_b");
  EXPECT_EQ(purchase_orders(supplier, "").size(), 1u);
  EXPECT_TRUE(purchase_orders(other, "").empty());
  EXPECT_EQ(other.get("/api/v1/purchase-orders/" + po).status, 404);
  EXPECT_EQ(other.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 404);
  EXPECT_EQ(supplier.get("/api/v1/orders/" + str(o.at("id"))).status, 403);

  auto early = supplier.post("/api/v1/purchase-orders/" + po + "/ship", R"({"carrier":"SF","tracking_number":"SF1234567890"})");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_NE(early.body.find("placed"), std::string::npos);
  auto accepted = supplier.post("/api/v1/purchase-orders/" + po + "/accept", "");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("status").as_string(), "accepted");
  auto bad = supplier.post("/api/v1/purchase-orders/" + po + "/ship", R"({"carrier":"","tracking_number":"a b"})");
  ASSERT_EQ(bad.status, 422);
  auto shipped = supplier.post("/api/v1/purchase-orders/" + po + "/ship", R"({"carrier":"SF","tracking_number":"SF1234567890"})");
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  EXPECT_EQ(shipped.json().at("tracking_number").as_string(), "SF1234567890");

  auto after = owner_.get("/api/v1/orders/" + str(o.at("id")));
  EXPECT_EQ(after.json().at("status").as_string(), "shipped");
  // The shipped units left the supplier's stock, journaled.
  EXPECT_EQ(offer_field(server_.parties().offer_a, "stock"), 8);
  auto journal = owner_.get("/api/v1/stock-journal?offer_id=" + id_to_string(server_.parties().offer_a));
  ASSERT_EQ(journal.status, 200) << journal.body;
  EXPECT_NE(journal.body.find("shipped purchase order " + po), std::string::npos);
  // Payable posted on acceptance; the sale on intake; everything balances.
  auto ledger = owner_.get("/api/v1/orders/" + str(o.at("id")) + "/ledger");
  ASSERT_EQ(ledger.status, 200);
  std::map<std::string, std::int64_t> by_account;
  const json::value postings = ledger.json();
  for (const auto& p : postings.at("items").as_array()) by_account[str(p.at("account"))] += p.at("amount").at("amount").as_int64();
  EXPECT_EQ(by_account["sales_revenue"], -11800);
  EXPECT_EQ(by_account["channel_clearing"], 11800);
  EXPECT_EQ(by_account["cost_of_goods_sold"], 5000);
  EXPECT_EQ(by_account["shipping_expense"], 500);
  expect_ledger_balanced();
  EXPECT_EQ(owner_.post("/api/v1/orders/" + str(o.at("id")) + "/cancel", R"({"reason":"too late"})").status, 409);
}

TEST_P(Orders, ARejectionReroutesToTheNextSupplierAndTheLastOneHoldsTheOrder) {
  auto o = place(owner_, order_body(channel(), "SO-R"));
  const std::string id = str(o.at("id"));
  const std::string po_a = str(o.at("lines").at(0).at("purchase_order_id"));
  auto supplier_a = server_.signed_in("supplier");
  auto rejected = supplier_a.post("/api/v1/purchase-orders/" + po_a + "/reject", R"({"reason":"断货"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json().at("status").as_string(), "rejected");

  auto now = owner_.get("/api/v1/orders/" + id).json();
  EXPECT_EQ(now.at("status").as_string(), "purchased");
  EXPECT_EQ(str(now.at("lines").at(0).at("supplier_id")), id_to_string(server_.parties().supplier_b));
  auto supplier_b = server_.signed_in("supplier_b");
  auto pos_b = purchase_orders(supplier_b, "");
  ASSERT_EQ(pos_b.size(), 1u);
  bool reason_recorded = false;
  for (const auto& row : history(id)) reason_recorded |= str(row.at("reason")).find("断货") != std::string::npos;
  EXPECT_TRUE(reason_recorded);

  auto last = supplier_b.post("/api/v1/purchase-orders/" + str(pos_b[0].at("id")) + "/reject", R"({"reason":"质量问题"})");
  ASSERT_EQ(last.status, 200) << last.body;
  auto held = owner_.get("/api/v1/orders/" + id).json();
  EXPECT_EQ(held.at("status").as_string(), "on_hold");
  EXPECT_EQ(held.at("hold_reasons").at(0).as_string(), "out_of_stock");
  // Nothing stays reserved for a held order: all 20 units are sellable again.
  EXPECT_EQ(offer_field(server_.parties().offer_a, "stock") + offer_field(server_.parties().offer_b, "stock"), 20);
  EXPECT_EQ(owner_.post("/api/v1/orders/" + id + "/approve", "").status, 409);
  expect_ledger_balanced();
}

TEST_P(Orders, CancelReleasesStockCancelsPurchaseOrdersAndReversesTheLedger) {
  const std::int64_t before = published_stock();
  auto o = place(owner_, order_body(channel(), "SO-X"));
  const std::string id = str(o.at("id"));
  const std::string po = str(o.at("lines").at(0).at("purchase_order_id"));
  auto supplier = server_.signed_in("supplier");
  ASSERT_EQ(supplier.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
  EXPECT_EQ(owner_.post("/api/v1/orders/" + id + "/cancel", "{}").status, 422);  // a reason is required
  auto cancelled = owner_.post("/api/v1/orders/" + id + "/cancel", R"({"reason":"顾客取消"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json().at("status").as_string(), "cancelled");
  EXPECT_EQ(published_stock(), before);
  EXPECT_EQ(supplier.get("/api/v1/purchase-orders/" + po).json().at("status").as_string(), "cancelled");
  auto ledger = owner_.get("/api/v1/orders/" + id + "/ledger");
  std::map<std::string, std::int64_t> by_account;
  const json::value postings = ledger.json();
  for (const auto& p : postings.at("items").as_array()) by_account[str(p.at("account"))] += p.at("amount").at("amount").as_int64();
  for (const auto& [account, sum] : by_account) EXPECT_EQ(sum, 0) << account;
  EXPECT_GE(ledger.json().at("items").as_array().size(), 8u);  // sale, payable, payment and their reversals
  expect_ledger_balanced();
  EXPECT_EQ(owner_.post("/api/v1/orders/" + id + "/cancel", R"({"reason":"again"})").status, 200);
  EXPECT_EQ(owner_.get("/api/v1/orders/" + id + "/ledger").json().at("items").as_array().size(),
            ledger.json().at("items").as_array().size());
}

TEST_P(Orders, UrgeIsCountedOnTheOrderAndTheSupplierSeesIt) {
  auto o = place(owner_, order_body(channel(), "SO-URGE"));
  const std::string id = str(o.at("id"));
  auto agent = server_.signed_in("agent");
  auto urged = agent.post("/api/v1/orders/" + id + "/urge", R"({"note":"顾客催了两次"})");
  ASSERT_EQ(urged.status, 200) << urged.body;
  EXPECT_EQ(urged.json().at("urge_count").as_int64(), 1);
  auto supplier = server_.signed_in("supplier");
  auto po = supplier.get("/api/v1/purchase-orders/" + str(o.at("lines").at(0).at("purchase_order_id")));
  EXPECT_EQ(po.json().at("urge_count").as_int64(), 1);
  EXPECT_EQ(po.json().at("last_urge_note").as_string(), "顾客催了两次");
  EXPECT_FALSE(po.json().at("last_urged_at").is_null());

  auto held = place(owner_, order_body(channel(), "SO-URGE-H", R"([{"sku":"NOPE","quantity":1,"unit_price":{"amount":100,"currency":"CNY"}}])"));
  auto refused = agent.post("/api/v1/orders/" + str(held.at("id")) + "/urge", "");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("on_hold"), std::string::npos);
}

TEST_P(Orders, AddressAndLinesChangeBeforeShippingWithTheVersion) {
  auto held = place(owner_, order_body(channel(), "SO-P", R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}])", "",
                                       R"({"name":"赵六","phone":"13600000000","province":"浙江省","city":"杭州市","line1":"文三路 4 号"})"));
  const std::string id = str(held.at("id"));
  EXPECT_EQ(owner_.patch("/api/v1/orders/" + id, R"({"version":9,"note":"x"})").status, 409);
  auto fixed = owner_.patch("/api/v1/orders/" + id, R"({"version":1,"shipping_address":{"name":"赵六","phone":"13600000000",
      "province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 4 号"},
      "lines":[{"sku":"TS-RED-M","quantity":3,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_TRUE(fixed.json().at("hold_reasons").as_array().empty());
  EXPECT_EQ(fixed.json().at("totals").at("total").at("amount").as_int64(), 17700);
  EXPECT_EQ(fixed.json().at("version").as_int64(), 2);
  auto approved = owner_.post("/api/v1/orders/" + id + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto late = owner_.patch("/api/v1/orders/" + id, R"({"version":3,"lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
  EXPECT_EQ(late.status, 409) << late.body;
  auto bad = owner_.patch("/api/v1/orders/" + id, R"({"version":3,"shipping_address":{"country":"China"}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json().at("errors").at(0).at("field").as_string(), "shipping_address.country");
  expect_ledger_balanced();
}

// Customer service finds a customer's orders by the phone number the customer gives, typed any usual way;
// after an address change the order is found under its new phone. Each party finds only its own orders.
TEST_P(Orders, ACustomersOrdersAreFoundByPhone) {
  auto address = [](const std::string& phone) {
    return R"({"name":"王五","phone":")" + phone + R"(","province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 5 号"})";
  };
  const std::string one_line = R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}])";
  const std::string two_lines = R"([{"sku":"TS-RED-M","quantity":2,"unit_price":{"amount":5900,"currency":"CNY"}}])";
  place(owner_, order_body(channel(), "PH-1", one_line, "", address("13912340001")));
  place(owner_, order_body(channel(), "PH-2", two_lines, "", address("+86 139-1234-0001")));
  place(owner_, order_body(channel(), "PH-3", one_line, "", address("139123400012")));  // one digit more
  auto other = place(owner_, order_body(channel(), "PH-4", one_line, "", address("13912340002")));
  auto ids = [](HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/orders?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    if (r.status != 200) return out;
    const json::value page = r.json();
    for (const auto& o : page.at("items").as_array()) out.push_back(str(o.at("external_id")));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(owner_, "phone=13912340001"), (V{"PH-2", "PH-1"}));  // newest first; not PH-3, not PH-4
  EXPECT_EQ(ids(owner_, "phone=%2B86%20139%201234%200001"), (V{"PH-2", "PH-1"}));
  EXPECT_EQ(ids(owner_, "phone=139-1234-0001&external_id=PH-1"), (V{"PH-1"}));
  EXPECT_EQ(ids(owner_, "phone=139123400012"), (V{"PH-3"}));
  EXPECT_EQ(ids(owner_, "phone=13912340009"), V{});
  for (const char* role : {"operator", "agent", "finance"}) {
    auto staff = server_.signed_in(role);
    EXPECT_EQ(ids(staff, "phone=13912340002"), V{"PH-4"}) << role;
  }

  // The customer moved: the order is found under the new phone, no longer under the old one.
  const std::string id = str(other.at("id"));
  auto moved = owner_.patch("/api/v1/orders/" + id, R"({"version":)" + std::to_string(other.at("version").as_int64()) +
                                                        R"(,"shipping_address":)" + address("13700009999") + "}");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(ids(owner_, "phone=13700009999"), V{"PH-4"});
  EXPECT_EQ(ids(owner_, "phone=13912340002"), V{});

  // A distributor finds only the orders of its own channels; a supplier may not list orders at all.
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销小店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto distributor = server_.signed_in("distributor");
  place(distributor, order_body(str(made.json().at("id")), "PH-D", one_line, "", address("13912340001")));
  EXPECT_EQ(ids(distributor, "phone=13912340001"), V{"PH-D"});
  auto distributor_b = server_.signed_in("distributor_b");
  EXPECT_EQ(ids(distributor_b, "phone=13912340001"), V{});
  EXPECT_EQ(server_.signed_in("supplier").get("/api/v1/orders?phone=13912340001").status, 403);

  for (const char* bad : {"phone=abc", "phone=1234", "phone=123456789012345678901"}) {
    auto refused = owner_.get(std::string("/api/v1/orders?") + bad);
    ASSERT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_EQ(refused.json().at("errors").at(0).at("field").as_string(), "phone") << bad;
  }
}

// GET /orders.csv and /orders.xlsx: the list's orders under its filters, one row per order, newest first, as far
// as the caller may see them; both files read back (as a person would open them) to the same cells.
TEST_P(Orders, ExportsTheListsOrdersAsCsvAndExcelWithinTheCallersScope) {
  auto address = [](const std::string& phone) {
    return R"({"name":"李四","phone":")" + phone + R"(","province":"江苏省","city":"南京市","district":"鼓楼区","line1":"中山北路 1 号","postal_code":"210000"})";
  };
  const std::string two = R"([{"sku":"TS-RED-M","quantity":2,"unit_price":{"amount":5900,"currency":"CNY"}}])";
  place(owner_, order_body(channel(), "EX-1", two, R"(,"note":"=1+2","shipping_fee":{"amount":800,"currency":"CNY"})",
                           address("+86 137-1111-0001")));
  server_.clock().advance_ms(3'600'000);
  const std::string second_at = str(place(owner_, order_body(channel(), "EX-2", two, "", address("13711110002"))).at("created_at"));
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销导出店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto distributor = server_.signed_in("distributor");
  place(distributor, order_body(str(made.json().at("id")), "EX-D", two, "", address("13711110003")));

  using V = std::vector<std::string>;

  auto csv = owner_.get("/api/v1/orders.csv?channel_id=" + channel());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Content-Disposition").value_or(""),
            "attachment; filename=\"orders-" + format_rfc3339(server_.clock().now()).substr(0, 10) + ".csv\"");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  auto rows = export_rows(owner_, "/api/v1/orders.csv?channel_id=" + channel());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].front(), "order_id");
  EXPECT_EQ(export_column(rows, "external_id"), (V{"EX-2", "EX-1"}));  // newest first
  EXPECT_EQ(export_column(rows, "ship_phone"), (V{"13711110002", "+86 137-1111-0001"}));  // a phone stays as typed
  EXPECT_EQ(export_column(rows, "items"), (V{"TS-RED-M ×2 @ 59.00", "TS-RED-M ×2 @ 59.00"}));
  EXPECT_EQ(export_column(rows, "quantity"), (V{"2", "2"}));
  EXPECT_EQ(export_column(rows, "total"), (V{"118.00", "126.00"}));
  EXPECT_EQ(export_column(rows, "shipping_fee"), (V{"0.00", "8.00"}));
  EXPECT_EQ(export_column(rows, "status"), (V{"purchased", "purchased"}));
  EXPECT_EQ(export_column(rows, "note"), (V{"", "'=1+2"}));  // never run as a formula by a spreadsheet
  EXPECT_EQ(export_column(rows, "province"), (V{"江苏省", "江苏省"}));

  // The workbook has the same rows (its numbers as Excel shows them).
  auto book = owner_.get("/api/v1/orders.xlsx?channel_id=" + channel());
  ASSERT_EQ(book.status, 200);
  EXPECT_EQ(book.header("Content-Type").value_or(""), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto sheet = export_rows(owner_, "/api/v1/orders.xlsx?channel_id=" + channel());
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0], rows[0]);
  EXPECT_EQ(export_column(sheet, "external_id"), (V{"EX-2", "EX-1"}));
  EXPECT_EQ(export_column(sheet, "total"), (V{"118", "126"}));
  EXPECT_EQ(export_column(sheet, "note"), (V{"", "=1+2"}));  // a text cell: Excel shows it, does not run it

  // Times in the caller's offset, as a spreadsheet reads a date and time (tz=+08:00); RFC 3339 UTC without.
  std::string local = format_rfc3339(*parse_rfc3339(second_at) + 8 * 3'600'000).substr(0, 19);
  local[10] = ' ';
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.csv?external_id=EX-2&tz=%2B08:00"), "created_at"), V{local});
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.xlsx?external_id=EX-2"), "created_at"), V{second_at});

  // The list's filters apply.
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.csv?phone=13711110001"), "external_id"), V{"EX-1"});
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.csv?external_id=EX-2&status=purchased"), "external_id"), V{"EX-2"});
  EXPECT_EQ(export_rows(owner_, "/api/v1/orders.csv?status=cancelled").size(), 1u);  // the header alone
  // A period of creation: [created_since, created_before), in the list as in the export.
  const std::string mine = "channel_id=" + channel();
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.csv?" + mine + "&created_since=" + second_at), "external_id"), V{"EX-2"});
  EXPECT_EQ(export_column(export_rows(owner_, "/api/v1/orders.xlsx?" + mine + "&created_before=" + second_at), "external_id"), V{"EX-1"});
  auto listed = owner_.get("/api/v1/orders?" + mine + "&created_before=" + second_at);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(str(listed.json().at("items").at(0).at("external_id")), "EX-1");

  // Scope: every staff role reads all; a distributor its own shop's orders; a supplier none.
  for (const char* role : {"operator", "agent", "finance"}) {
    auto staff = server_.signed_in(role);
    EXPECT_EQ(export_column(export_rows(staff, "/api/v1/orders.csv?phone=13711110003"), "external_id"), V{"EX-D"}) << role;
  }
  EXPECT_EQ(export_column(export_rows(distributor, "/api/v1/orders.csv"), "external_id"), V{"EX-D"});
  EXPECT_EQ(export_column(export_rows(distributor, "/api/v1/orders.xlsx"), "external_id"), V{"EX-D"});
  auto distributor_b = server_.signed_in("distributor_b");
  EXPECT_EQ(export_rows(distributor_b, "/api/v1/orders.csv").size(), 1u);
  EXPECT_EQ(server_.signed_in("supplier").get("/api/v1/orders.csv").status, 403);
  EXPECT_EQ(HttpClient(server_.port()).get("/api/v1/orders.xlsx").status, 401);

  // Bad queries name their parameter: an export has no pages.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"limit=5", "limit"}, {"cursor=abc", "cursor"}, {"status=lost", "status"}, {"phone=12", "phone"},
           {"channel_id=x", "channel_id"}, {"colour=red", "colour"}, {"created_since=yesterday", "created_since"},
           {"created_since=" + second_at + "&created_before=" + second_at, "created_before"}, {"tz=8", "tz"},
           {"tz=%2B15:00", "tz"}, {"tz=Asia/Shanghai", "tz"}}) {
    auto refused = owner_.get("/api/v1/orders.csv?" + query);
    ASSERT_EQ(refused.status, 400) << query << ": " << refused.body;
    EXPECT_EQ(refused.json().at("errors").at(0).at("field").as_string(), field) << query;
  }
}

TEST_P(Orders, ADistributorOrdersOnItsOwnChannelAndSeesOnlyItsOrdersWithoutCosts) {
  auto made = owner_.post("/api/v1/channels", R"({"name":"分销商A的小店","kind":"api","distributor_id":")" +
                                                  id_to_string(server_.parties().distributor_a) + R"("})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string own = str(made.json().at("id"));
  auto distributor = server_.signed_in("distributor");
  auto o = place(distributor, order_body(own, "D-1", R"([{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}])",
                                         R"(,"blind_ship":false)"));
  EXPECT_EQ(o.at("status").as_string(), "purchased");
  EXPECT_EQ(str(o.at("distributor_id")), id_to_string(server_.parties().distributor_a));
  auto line = o.at("lines").at(0).as_object();
  EXPECT_FALSE(line.contains("unit_cost"));
  EXPECT_FALSE(line.contains("route_reason"));
  EXPECT_FALSE(line.contains("supplier_id"));
  // A distributor's parcel is neutral even when the order did not ask for blind shipping.
  auto po = owner_.get("/api/v1/purchase-orders?order_id=" + str(o.at("id"))).json().at("items").at(0);
  EXPECT_TRUE(po.at("packaging").at("neutral").as_bool());

  auto foreign = distributor.post("/api/v1/orders", order_body(channel(), "D-2"));
  ASSERT_EQ(foreign.status, 422) << foreign.body;
  EXPECT_EQ(foreign.json().at("errors").at(0).at("field").as_string(), "channel_id");
  place(owner_, order_body(channel(), "M-1"));
  auto mine = distributor.get("/api/v1/orders");
  ASSERT_EQ(mine.json().at("items").as_array().size(), 1u);
  auto other = server_.signed_in("distributor_b");
  EXPECT_EQ(other.get("/api/v1/orders/" + str(o.at("id"))).status, 404);
  EXPECT_EQ(other.post("/api/v1/orders/" + str(o.at("id")) + "/cancel", R"({"reason":"x"})").status, 404);
  EXPECT_TRUE(other.get("/api/v1/orders").json().at("items").as_array().empty());
  auto h = distributor.get("/api/v1/orders/" + str(o.at("id")) + "/history");
  ASSERT_EQ(h.status, 200);
  const json::value rows = h.json();
  for (const auto& row : rows.at("items").as_array()) EXPECT_TRUE(row.at("purchase_order_id").is_null());
  EXPECT_EQ(distributor.get("/api/v1/orders/" + str(o.at("id")) + "/ledger").status, 403);
  auto cancelled = distributor.post("/api/v1/orders/" + str(o.at("id")) + "/cancel", R"({"reason":"买家退款"})");
  EXPECT_EQ(cancelled.status, 200) << cancelled.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Orders, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
