// Access rows for orders, purchase orders, the blacklist and the ledger; see access_probes.h.
// Each action probe works on a fresh order, made through the app, so that every role meets the same state.
#include "access_probes.h"

#include "app/orders/orders.h"
#include "store/catalog/channel_repo.h"

namespace daifa::testing {
namespace {

// A fresh order on the seeded channel, placed by the owner. `complete_address` false holds it for review.
Order fresh_order(TestServer& s, bool complete_address = true) {
  static int counter = 0;
  return s.store().writer().run([&](store::Tx& tx) {
    // Plenty of stock, so that every fresh order goes to supplier a's offer (the routing tie-break).
    tx.conn().exec("UPDATE offers SET stock = 1000000 WHERE id = ?", {s.parties().offer_a});
    OrderDraft d;
    d.channel_id = s.parties().channel;
    d.external_id = "ACCESS-" + std::to_string(++counter);
    // A phone of its own, or the orders would look like duplicates of each other to review.
    const std::string phone = std::to_string(13'900'000'000LL + counter);
    d.customer = {"张三", phone, ""};
    d.shipping_address = {"张三", phone, "CN", "浙江省", "杭州市", complete_address ? "西湖区" : "", "文三路 1 号", ""};
    d.lines.push_back(DraftLine{"TS-RED-M", 1, Money{5900, *Currency::parse("CNY")}});
    auto r = app::intake_order(tx, s.app(), Scope{}, app::Actor{"test"}, d);
    if (!r) throw std::runtime_error("fresh order: " + r.failure().detail);
    return r->order;
  });
}

// A channel of the given kind with a secret; the probes send no valid signature.
std::string webhook_channel(TestServer& s, ChannelKind kind, std::string_view platform) {
  Channel ch;
  ch.id = s.app().new_id();
  ch.name = std::string(platform) + " probe";
  ch.kind = kind;
  ch.secret = "probe-secret";
  ch.created_at = ch.updated_at = s.clock().now();
  s.store().writer().run([&](store::Tx& tx) { store::insert_channel(tx.conn(), ch); });
  return "/api/v1/channels/" + id_to_string(ch.id) + "/webhooks/" + std::string(platform);
}

std::string po_of(const Order& o) { return id_to_string(*o.lines.at(0).purchase_order_id); }

Order accepted_order(TestServer& s);

// A shipment of a fresh order's PO, shipped by supplier a: the supplier user's own.
Id shipped(TestServer& s) {
  static int n = 0;
  Order o = accepted_order(s);
  return s.store().writer().run([&](store::Tx& tx) {
    auto po = app::ship_purchase_order(tx, s.app(), Scope{}, app::Actor{"test"}, *o.lines.at(0).purchase_order_id,
                                       "SF", "SF20000" + std::to_string(++n));
    if (!po) throw std::runtime_error("ship: " + po.failure().detail);
    return store::list_shipments(tx.conn(), Scope{}, {po->order_id, po->id}, {}).items.at(0).id;
  });
}

Order accepted_order(TestServer& s) {
  Order o = fresh_order(s);
  s.store().writer().run([&](store::Tx& tx) {
    auto po = app::accept_purchase_order(tx, s.app(), Scope{}, app::Actor{"test"}, *o.lines.at(0).purchase_order_id);
    if (!po) throw std::runtime_error("accept: " + po.failure().detail);
  });
  return o;
}

}  // namespace

std::vector<Probe> order_probes() {
  auto order_path = [](std::string suffix, bool complete = true) {
    return [suffix, complete](TestServer& s) { return "/api/v1/orders/" + id_to_string(fresh_order(s, complete).id) + suffix; };
  };
  auto po_path = [](std::string suffix) {
    return [suffix](TestServer& s) { return "/api/v1/purchase-orders/" + po_of(fresh_order(s)) + suffix; };
  };
  auto text = [](std::string body) { return [body](TestServer&, HttpClient&) { return body; }; };
  int counter = 0;
  return {
      {"POST", "/api/v1/orders", fixed_path("/api/v1/orders"),
       [counter](TestServer& s, HttpClient&) mutable {
         return R"({"channel_id":")" + id_to_string(s.parties().channel) + R"(","external_id":"PROBE-)" +
                std::to_string(++counter) +
                R"(","shipping_address":{"name":"张三","phone":"13800000000","province":"浙江省","city":"杭州市",
                "district":"西湖区","line1":"文三路 1 号"},"lines":[{"sku":"TS-RED-M","quantity":1,
                "unit_price":{"amount":5900,"currency":"CNY"}}]})";
       },
       // A distributor may order on its own channels only: the seeded one is the merchant's.
       expect(401, 201, 201, 201, 403, 403, 422)},
      {"GET", "/api/v1/orders", fixed_path("/api/v1/orders"), {}, expect(401, 200, 200, 200, 200, 403, 200)},
      {"GET", "/api/v1/orders.csv", fixed_path("/api/v1/orders.csv"), {}, expect(401, 200, 200, 200, 200, 403, 200)},
      {"GET", "/api/v1/orders.xlsx", fixed_path("/api/v1/orders.xlsx"), {}, expect(401, 200, 200, 200, 200, 403, 200)},
      {"GET", "/api/v1/orders/{id}", order_path(""), {}, expect(401, 200, 200, 200, 200, 403, 404)},
      {"PATCH", "/api/v1/orders/{id}", order_path(""), text(R"({"version":1,"note":"请周末送"})"),
       expect(401, 200, 200, 200, 403, 403, 403)},
      {"GET", "/api/v1/orders/{id}/history", order_path("/history"), {}, expect(401, 200, 200, 200, 200, 403, 404)},
      {"GET", "/api/v1/orders/{id}/ledger", order_path("/ledger"), {}, expect(401, 200, 200, 403, 200, 403, 403)},
      {"POST", "/api/v1/orders/{id}/approve", order_path("/approve", false), text("{}"),
       expect(401, 200, 200, 200, 403, 403, 403)},
      {"POST", "/api/v1/orders/{id}/cancel", order_path("/cancel"), text(R"({"reason":"顾客取消"})"),
       expect(401, 200, 200, 200, 403, 403, 404)},
      {"POST", "/api/v1/orders/{id}/urge", order_path("/urge"), text("{}"), expect(401, 200, 200, 200, 403, 403, 404)},
      {"GET", "/api/v1/purchase-orders", fixed_path("/api/v1/purchase-orders"), {},
       expect(401, 200, 200, 200, 200, 200, 403)},
      {"GET", "/api/v1/purchase-orders.csv", fixed_path("/api/v1/purchase-orders.csv"), {},
       expect(401, 200, 200, 200, 200, 200, 403)},
      {"GET", "/api/v1/purchase-orders.xlsx", fixed_path("/api/v1/purchase-orders.xlsx"), {},
       expect(401, 200, 200, 200, 200, 200, 403)},
      {"GET", "/api/v1/purchase-orders/{id}", po_path(""), {}, expect(401, 200, 200, 200, 200, 200, 403)},
      {"POST", "/api/v1/purchase-orders/{id}/accept", po_path("/accept"), {}, expect(401, 200, 200, 403, 403, 200, 403)},
      {"POST", "/api/v1/purchase-orders/{id}/reject", po_path("/reject"), text(R"({"reason":"断货"})"),
       expect(401, 200, 200, 403, 403, 200, 403)},
      {"POST", "/api/v1/purchase-orders/{id}/ship",
       [](TestServer& s) { return "/api/v1/purchase-orders/" + po_of(accepted_order(s)) + "/ship"; },
       [counter](TestServer&, HttpClient&) mutable {
         // A tracking number is one parcel's: each call ships its own.
         return R"({"carrier":"SF","tracking_number":"SF10000)" + std::to_string(++counter) + R"("})";
       },
       expect(401, 200, 200, 403, 403, 200, 403)},
      {"GET", "/api/v1/blacklist", fixed_path("/api/v1/blacklist"), {}, expect(401, 200, 200, 403, 403, 403, 403)},
      {"POST", "/api/v1/blacklist", fixed_path("/api/v1/blacklist"),
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"kind":"name","value":"黑名单)" + std::to_string(++counter) + R"("})";
       },
       expect(401, 201, 201, 403, 403, 403, 403)},
      {"DELETE", "/api/v1/blacklist/{id}",
       [](TestServer& s) {
         static int n = 0;
         Id id = s.store().writer().run([&](store::Tx& tx) {
           auto e = app::add_blacklist(tx, s.app(), app::Actor{"test"}, "name", "删除" + std::to_string(++n), "");
           return e->id;
         });
         return "/api/v1/blacklist/" + id_to_string(id);
       },
       {}, expect(401, 204, 204, 403, 403, 403, 403)},
      // Public routes whose credential is the channel's signature: without it, 401 for everyone, signed in or not.
      {"POST", "/api/v1/channels/{id}/webhooks/shopify",
       [](TestServer& s) { return webhook_channel(s, ChannelKind::shopify, "shopify"); }, text(R"({"id":1})"),
       expect(401, 401, 401, 401, 401, 401, 401)},
      {"POST", "/api/v1/channels/{id}/webhooks/woocommerce",
       [](TestServer& s) { return webhook_channel(s, ChannelKind::woocommerce, "woocommerce"); }, text(R"({"id":1})"),
       expect(401, 401, 401, 401, 401, 401, 401)},
      {"POST", "/api/v1/imports/orders",
       [](TestServer& s) { return "/api/v1/imports/orders?channel_id=" + id_to_string(s.parties().channel); },
       text("external_id,customer_name,phone,province,city,district,address,sku,quantity,unit_price\n"
            "IMP-1,张三,13800000009,浙江省,杭州市,西湖区,文三路 9 号,TS-RED-M,1,59.00\n"),
       // The seeded channel is the merchant's: a distributor may import only into its own.
       expect(401, 200, 200, 200, 403, 403, 422), {{"Content-Type", "text/csv"}}},
      {"GET", "/api/v1/shipments", fixed_path("/api/v1/shipments"), {}, expect(401, 200, 200, 200, 200, 200, 200)},
      {"GET", "/api/v1/shipments.csv", fixed_path("/api/v1/shipments.csv"), {}, expect(401, 200, 200, 200, 200, 200, 200)},
      {"GET", "/api/v1/shipments.xlsx", fixed_path("/api/v1/shipments.xlsx"), {}, expect(401, 200, 200, 200, 200, 200, 200)},
      // Supplier a's parcel of the merchant's own order: the distributor's scope has no such shipment.
      {"GET", "/api/v1/shipments/{id}", [](TestServer& s) { return "/api/v1/shipments/" + id_to_string(shipped(s)); },
       {}, expect(401, 200, 200, 200, 200, 200, 404)},
      {"POST", "/api/v1/waybills", fixed_path("/api/v1/waybills"),
       [](TestServer& s, HttpClient&) { return R"({"shipment_ids":[")" + id_to_string(shipped(s)) + R"("]})"; },
       expect(401, 200, 200, 403, 403, 200, 403)},
      {"POST", "/api/v1/shipments/{id}/events",
       [](TestServer& s) { return "/api/v1/shipments/" + id_to_string(shipped(s)) + "/events"; },
       [](TestServer& s, HttpClient&) {
         return R"({"events":[{"at":")" + format_rfc3339(s.clock().now()) + R"(","text":"【杭州】已揽收"}]})";
       },
       expect(401, 200, 200, 200, 403, 200, 403)},
      // Supplier a's accepted PO: a row of the report for those who may upload (staff managers, the supplier).
      {"POST", "/api/v1/imports/tracking", fixed_path("/api/v1/imports/tracking"),
       [](TestServer& s, HttpClient&) {
         static int n = 0;
         return "purchase_order_id,carrier,tracking_number\n" + po_of(accepted_order(s)) + ",YTO,YT7000" +
                std::to_string(++n) + "\n";
       },
       expect(401, 200, 200, 403, 403, 200, 403), {{"Content-Type", "text/csv"}}},
      // Public: the aggregator's sign is the credential; a push without one is refused the same for everyone.
      {"POST", "/api/v1/tracking/kuaidi100", fixed_path("/api/v1/tracking/kuaidi100"),
       [](TestServer&, HttpClient&) { return std::string("param=%7B%7D"); },
       expect(400, 400, 400, 400, 400, 400, 400), {{"Content-Type", "application/x-www-form-urlencoded"}}},
      {"GET", "/api/v1/ledger/postings", fixed_path("/api/v1/ledger/postings"), {},
       expect(401, 200, 200, 403, 200, 403, 403)},
      {"GET", "/api/v1/ledger/trial-balance", fixed_path("/api/v1/ledger/trial-balance"), {},
       expect(401, 200, 200, 403, 200, 403, 403)},
  };
}

}  // namespace daifa::testing
