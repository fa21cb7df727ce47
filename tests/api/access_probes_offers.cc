// Access rows for offers, their sync, the stock journal and alerts; see access_probes.h.
#include "access_probes.h"
#include "store/catalog/alert_repo.h"

namespace daifa::testing {

std::vector<Probe> offer_probes() {
  auto none = std::function<std::string(TestServer&, HttpClient&)>{};
  // Supplier b's offer: the supplier user (bound to supplier a) must get 404, as if it did not exist.
  auto offer_b = [](TestServer& s) { return "/api/v1/offers/" + id_to_string(s.parties().offer_b); };
  int counter = 0;
  auto new_offer = [counter](TestServer& s, HttpClient&) mutable {
    return R"({"supplier_id":")" + id_to_string(s.parties().supplier_b) +
           R"(","sku":"TS-RED-M","supplier_sku":"PROBE-)" + std::to_string(++counter) +
           R"(","cost":{"amount":2500,"currency":"CNY"}})";
  };
  auto patch_offer_b = [](TestServer& s, HttpClient& owner) {
    auto current = owner.get("/api/v1/offers/" + id_to_string(s.parties().offer_b));
    return R"({"lead_time_days":3,"version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
  };
  auto sync_b = [](TestServer& s, HttpClient&) {
    std::string b = id_to_string(s.parties().supplier_b);
    return R"({"supplier_id":")" + b + R"(","items":[{"supplier_sku":"S-)" + b + R"(","stock":10}]})";
  };
  // A fresh open alert about supplier b each time (feed_late has no offer, so nothing de-duplicates it).
  auto alert_b = [](TestServer& s) {
    Alert a;
    a.id = s.app().new_id();
    a.kind = AlertKind::feed_late;
    a.supplier_id = s.parties().supplier_b;
    a.message = "probe";
    a.raised_at = s.clock().now();
    s.store().writer().run([&](store::Tx& tx) { store::raise_alert(tx.conn(), a); });
    return "/api/v1/alerts/" + id_to_string(a.id) + "/acknowledge";
  };
  return {
      {"GET", "/api/v1/offers", fixed_path("/api/v1/offers"), none, expect(401, 200, 200, 403, 200, 200, 403)},
      {"GET", "/api/v1/offers/{id}", offer_b, none, expect(401, 200, 200, 403, 200, 404, 403)},
      {"POST", "/api/v1/offers", fixed_path("/api/v1/offers"), new_offer, expect(401, 201, 201, 403, 403, 403, 403)},
      {"PATCH", "/api/v1/offers/{id}", offer_b, patch_offer_b, expect(401, 200, 200, 403, 403, 404, 403)},
      {"POST", "/api/v1/offers/sync", fixed_path("/api/v1/offers/sync"), sync_b,
       expect(401, 200, 200, 403, 403, 404, 403)},
      {"GET", "/api/v1/stock-journal", fixed_path("/api/v1/stock-journal"), none,
       expect(401, 200, 200, 403, 200, 200, 200)},
      {"GET", "/api/v1/alerts", fixed_path("/api/v1/alerts"), none, expect(401, 200, 200, 403, 200, 200, 403)},
      {"POST", "/api/v1/alerts/{id}/acknowledge", alert_b, none, expect(401, 200, 200, 403, 403, 403, 403)},
      // The probes send JSON or nothing; with no file at all, a caller allowed to import supplier b's list
      // gets past access and scope to the 422 for the missing header row.
      {"POST", "/api/v1/imports/offers",
       [](TestServer& s) { return "/api/v1/imports/offers?supplier_id=" + id_to_string(s.parties().supplier_b); }, none,
       expect(401, 422, 422, 403, 403, 404, 403)},
  };
}

}  // namespace daifa::testing
