// Scope, per role, for every endpoint: each route of the server must have a row here, or this test fails.
// A role the route does not allow gets 403; another party's row answers 404 as if it did not exist.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> platform_probes() {
  auto path = [](std::string p) { return [p](TestServer&) { return p; }; };
  auto none = std::function<std::string(TestServer&, HttpClient&)>{};
  int counter = 0;
  auto unique_supplier = [counter](TestServer&, HttpClient&) mutable {
    return R"({"name":"S)" + std::to_string(++counter) + R"(","kind":"agent","contact":{"name":"王","phone":"13800000000"}})";
  };
  auto unique_distributor = [counter](TestServer&, HttpClient&) mutable {
    return R"({"name":"D)" + std::to_string(++counter) + R"(","tier":1,"contact":{"name":"李","phone":"13900000000"}})";
  };
  auto unique_user = [counter](TestServer&, HttpClient&) mutable {
    return R"({"email":"u)" + std::to_string(++counter) + R"(@test.daifa","password":"a-good-password","role":"agent"})";
  };
  // Edits carry the current version, read by the owner just before.
  auto patch_body = [](std::string collection) {
    return [collection](TestServer& s, HttpClient& owner) {
      Id id = collection == "suppliers" ? s.parties().supplier_b : s.parties().distributor_b;
      auto current = owner.get("/api/v1/" + collection + "/" + id_to_string(id));
      return R"({"name":"改名","version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
    };
  };
  auto supplier_b = [](TestServer& s) { return "/api/v1/suppliers/" + id_to_string(s.parties().supplier_b); };
  auto distributor_b = [](TestServer& s) { return "/api/v1/distributors/" + id_to_string(s.parties().distributor_b); };

  return {
      {"GET", "/", path("/"), none, expect(200, 200, 200, 200, 200, 200, 200)},
      {"GET", "/healthz", path("/healthz"), none, expect(200, 200, 200, 200, 200, 200, 200)},
      {"GET", "/readyz", path("/readyz"), none, expect(200, 200, 200, 200, 200, 200, 200)},
      {"GET", "/metrics", path("/metrics"), none, expect(200, 200, 200, 200, 200, 200, 200)},
      {"GET", "/api/openapi.json", path("/api/openapi.json"), none, expect(200, 200, 200, 200, 200, 200, 200)},
      {"POST", "/api/v1/auth/login", path("/api/v1/auth/login"),
       // A new unknown email each time, so the per-account back-off never turns these 401s into 429s.
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"email":"nobody)" + std::to_string(++counter) + R"(@test.daifa","password":"wrong-password"})";
       },
       expect(401, 401, 401, 401, 401, 401, 401)},
      {"POST", "/api/v1/auth/logout", path("/api/v1/auth/logout"), none, expect(401, 204, 204, 204, 204, 204, 204)},
      {"GET", "/api/v1/auth/me", path("/api/v1/auth/me"), none, expect(401, 200, 200, 200, 200, 200, 200)},
      {"GET", "/api/v1/users", path("/api/v1/users"), none, expect(401, 200, 403, 403, 403, 403, 403)},
      {"POST", "/api/v1/users", path("/api/v1/users"), unique_user, expect(401, 201, 403, 403, 403, 403, 403)},
      {"GET", "/api/v1/tokens", path("/api/v1/tokens"), none, expect(401, 200, 200, 200, 200, 200, 200)},
      {"POST", "/api/v1/tokens", path("/api/v1/tokens"),
       [](TestServer&, HttpClient&) { return std::string(R"({"name":"probe"})"); }, expect(401, 201, 201, 201, 201, 201, 201)},
      // Another user's token: nobody else can see or revoke it.
      {"DELETE", "/api/v1/tokens/{id}",
       [](TestServer& s) {
         auto c = s.signed_in("supplier_b");
         return "/api/v1/tokens/" + std::string(c.post("/api/v1/tokens", R"({"name":"theirs"})").json().at("id").as_string());
       },
       none, expect(401, 404, 404, 404, 404, 404, 404)},
      {"GET", "/api/v1/suppliers", path("/api/v1/suppliers"), none, expect(401, 200, 200, 200, 200, 200, 403)},
      {"POST", "/api/v1/suppliers", path("/api/v1/suppliers"), unique_supplier, expect(401, 201, 201, 403, 403, 403, 403)},
      {"GET", "/api/v1/suppliers/{id}", supplier_b, none, expect(401, 200, 200, 200, 200, 404, 403)},
      // A supplier user edits its own shipping templates only: another supplier's record is not there.
      {"PATCH", "/api/v1/suppliers/{id}", supplier_b, patch_body("suppliers"), expect(401, 200, 200, 403, 403, 404, 403)},
      {"GET", "/api/v1/suppliers/{id}/scorecard",
       [](TestServer& s) { return "/api/v1/suppliers/" + id_to_string(s.parties().supplier_b) + "/scorecard"; }, none,
       expect(401, 200, 200, 200, 200, 404, 403)},
      // The fulfilment alert scan ("check now"); fulfilment_alerts_test.cc checks what it raises.
      {"POST", "/api/v1/alerts/scan", path("/api/v1/alerts/scan"), none, expect(401, 200, 200, 403, 403, 403, 403)},
      {"GET", "/api/v1/distributors", path("/api/v1/distributors"), none, expect(401, 200, 200, 200, 200, 403, 200)},
      {"POST", "/api/v1/distributors", path("/api/v1/distributors"), unique_distributor,
       expect(401, 201, 201, 403, 403, 403, 403)},
      {"GET", "/api/v1/distributors/{id}", distributor_b, none, expect(401, 200, 200, 200, 200, 403, 404)},
      {"PATCH", "/api/v1/distributors/{id}", distributor_b, patch_body("distributors"),
       expect(401, 200, 200, 403, 403, 403, 403)},
  };
}

namespace {

std::vector<Probe> all_probes() {
  std::vector<Probe> all;
  for (auto part : {platform_probes, product_probes, offer_probes, channel_probes, order_probes, report_probes, notify_probes,
                    feed_probes}) {
    for (auto& p : part()) all.push_back(std::move(p));
  }
  return all;
}

class Access : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
};

TEST_P(Access, EveryRouteHasARowAndEveryRoleGetsItsAnswer) {
  auto table = all_probes();
  for (const auto& route : server_.api().routes()) {
    bool listed = std::any_of(table.begin(), table.end(), [&](const Probe& p) {
      return p.method == route.method && p.pattern == route.pattern;
    });
    EXPECT_TRUE(listed) << route.method << " " << route.pattern << " has no row in the access table";
  }
  auto owner = server_.with_token("owner");
  // Bearer tokens, so that logout probes do not end the sessions the other probes use.
  std::map<std::string_view, HttpClient> clients;
  clients.emplace("anonymous", HttpClient(server_.port()));
  for (std::string_view who : kWho) {
    if (who != "anonymous") clients.emplace(who, server_.with_token(who));
  }
  for (auto& probe : table) {
    for (std::string_view who : kWho) {
      std::string target = probe.target(server_);
      std::string body = probe.body ? probe.body(server_, owner) : "";
      auto r = clients.at(who).request(probe.method, target, body, probe.headers);
      EXPECT_EQ(r.status, probe.expected.at(who)) << who << " " << probe.method << " " << target << " → " << r.body;
    }
  }
}

TEST_P(Access, ASupplierSeesOnlyItsOwnRows) {
  auto c = server_.signed_in("supplier");
  auto suppliers = c.get("/api/v1/suppliers").json().at("items").as_array();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(suppliers[0].at("id").as_string(), id_to_string(server_.parties().supplier_a));
  auto offers = c.get("/api/v1/offers").json().at("items").as_array();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].at("id").as_string(), id_to_string(server_.parties().offer_a));
  // Asking for the other supplier's offers by filter finds nothing rather than leaking them.
  auto filtered = c.get("/api/v1/offers?supplier_id=" + id_to_string(server_.parties().supplier_b));
  EXPECT_TRUE(filtered.json().at("items").as_array().empty());
  EXPECT_EQ(c.get("/api/v1/suppliers/" + id_to_string(server_.parties().supplier_a)).status, 200);
}

TEST_P(Access, ADistributorSeesOnlyItself) {
  auto c = server_.signed_in("distributor");
  auto list = c.get("/api/v1/distributors").json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("id").as_string(), id_to_string(server_.parties().distributor_a));
}

TEST_P(Access, StaffSeeEveryone) {
  auto c = server_.signed_in("agent");
  EXPECT_EQ(c.get("/api/v1/suppliers").json().at("items").as_array().size(), 2u);
  EXPECT_EQ(c.get("/api/v1/distributors").json().at("items").as_array().size(), 2u);
  auto channels = server_.signed_in("operator").get("/api/v1/channels").json().at("items").as_array();
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_FALSE(channels[0].as_object().contains("secret"));  // write-only
  EXPECT_TRUE(channels[0].at("has_secret").as_bool());
}

INSTANTIATE_TEST_SUITE_P(Backends, Access, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
