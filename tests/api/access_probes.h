#pragma once
// The per-role access table, one part per capability (access_probes_<capability>.cc); access_test.cc joins
// them and fails for any route of the server that has no row.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/test_server.h"

namespace daifa::testing {

inline constexpr std::array<std::string_view, 7> kWho{"anonymous", "owner",    "operator",   "agent",
                                                      "finance",   "supplier", "distributor"};

struct Probe {
  std::string method;
  std::string pattern;
  std::function<std::string(TestServer&)> target;                   // the path to call, built from seeded data
  std::function<std::string(TestServer&, HttpClient& owner)> body;  // may be empty
  std::map<std::string_view, int> expected;                         // the status for each of kWho
  daifa::http::Headers headers;                                     // e.g. Content-Type of a non-JSON body
};

inline std::map<std::string_view, int> expect(int anonymous, int owner, int operator_, int agent, int finance,
                                              int supplier, int distributor) {
  return {{"anonymous", anonymous}, {"owner", owner},       {"operator", operator_}, {"agent", agent},
          {"finance", finance},     {"supplier", supplier}, {"distributor", distributor}};
}

inline std::function<std::string(TestServer&)> fixed_path(std::string p) {
  return [p](TestServer&) { return p; };
}

std::vector<Probe> platform_probes();  // platform, accounts, suppliers, distributors (access_test.cc)
std::vector<Probe> product_probes();   // access_probes_products.cc: products, images, compliance words
std::vector<Probe> offer_probes();     // access_probes_offers.cc
std::vector<Probe> channel_probes();   // access_probes_channels.cc
std::vector<Probe> order_probes();     // access_probes_orders.cc: orders, purchase orders, blacklist, ledger
std::vector<Probe> report_probes();    // access_probes_reports.cc: the dashboard

std::vector<Probe> notify_probes();
std::vector<Probe> feed_probes();      // access_probes_feeds.cc: supplier feeds and their pulls    // access_probes_notify.cc: webhooks, customer messages

}  // namespace daifa::testing
