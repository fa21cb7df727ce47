// Access rows for outbound webhooks and customer messages; see access_probes.h. Managers manage the
// merchant's subscriptions and see all; a distributor user only its own (the merchant's → 404); the
// customer messages are for staff, customer-service agents included.
#include "access_probes.h"

namespace daifa::testing {
namespace {

// A merchant subscription made by the owner, with one dead delivery of an order.created event.
struct NotifySeed {
  std::string subscription;
  std::string delivery;
};

const NotifySeed& seed(TestServer& s) {
  // Per server; a later test's server may reuse an address, so a cached seed counts only if its row is there.
  static std::map<TestServer*, NotifySeed> seeds;
  auto it = seeds.find(&s);
  if (it != seeds.end()) {
    Id id = *parse_id(it->second.subscription);
    bool there = s.store().reads().read([&](store::Connection& c) {
      return !c.exec("SELECT 1 FROM webhook_subscriptions WHERE id = ?", {id}).empty();
    });
    if (there) return it->second;
  }
  auto owner = s.with_token("owner");
  auto sub = owner.post("/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/nobody","events":["*"]})");
  NotifySeed out;
  out.subscription = std::string(sub.json().at("id").as_string());
  // A delivery row to redeliver, written straight into the store (no network in the access table).
  s.store().writer().run([&](store::Tx& tx) {
    Id event = s.app().new_id();
    Id delivery = s.app().new_id();
    tx.exec("INSERT INTO outbox (id, topic, payload, created_at, delivered_at) VALUES (?, 'order.created', '{}', 0, 0)",
            {event});
    tx.exec("INSERT INTO webhook_deliveries (id, subscription_id, event_id, status, attempts, next_attempt_at, "
            "created_at) VALUES (?, ?, ?, 'dead', 15, 0, 0)",
            {delivery, *parse_id(out.subscription), event});
    out.delivery = id_to_string(delivery);
  });
  return seeds[&s] = out;
}

}  // namespace

std::vector<Probe> notify_probes() {
  auto sub = [](TestServer& s) { return "/api/v1/webhooks/" + seed(s).subscription; };
  int counter = 0;
  return {
      {"GET", "/api/v1/webhooks", fixed_path("/api/v1/webhooks"), {}, expect(401, 200, 200, 403, 403, 403, 200)},
      {"POST", "/api/v1/webhooks", fixed_path("/api/v1/webhooks"),
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"url":"https://hooks.example.cn/)" + std::to_string(++counter) + R"(","events":["order.*"]})";
       },
       expect(401, 201, 201, 403, 403, 403, 201)},
      {"GET", "/api/v1/webhooks/{id}", sub, {}, expect(401, 200, 200, 403, 403, 403, 404)},
      {"PATCH", "/api/v1/webhooks/{id}", sub,
       [sub](TestServer& s, HttpClient& owner) {
         auto current = owner.get(sub(s));
         return R"({"description":"probe","version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
       },
       expect(401, 200, 200, 403, 403, 403, 404)},
      // DELETE deactivates (idempotent): the same subscription answers 204 each time.
      {"DELETE", "/api/v1/webhooks/{id}", sub, {}, expect(401, 204, 204, 403, 403, 403, 404)},
      {"GET", "/api/v1/webhooks/{id}/deliveries", [sub](TestServer& s) { return sub(s) + "/deliveries"; }, {},
       expect(401, 200, 200, 403, 403, 403, 404)},
      // Dead at first, then pending after the owner's redelivery: the operator's answer is 409 (already
      // pending) — the role passed, the state refused.
      {"POST", "/api/v1/webhook-deliveries/{id}/redeliver",
       [](TestServer& s) { return "/api/v1/webhook-deliveries/" + seed(s).delivery + "/redeliver"; }, {},
       expect(401, 200, 409, 403, 403, 403, 404)},
      {"GET", "/api/v1/customer-messages", fixed_path("/api/v1/customer-messages"), {},
       expect(401, 200, 200, 200, 200, 403, 403)},
  };
}

}  // namespace daifa::testing
