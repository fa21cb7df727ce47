// Shipments and waybills over HTTP, on both stores: a shipped purchase order becomes a shipment the
// supplier, the merchant and the order's distributor can follow, and its label prints as a PDF.
#include <gtest/gtest.h>

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
                         HttpClient& placer) {
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
                                  R"({"carrier":"SF","tracking_number":")" + tracking + R"("})");
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

INSTANTIATE_TEST_SUITE_P(Backends, Shipments, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
