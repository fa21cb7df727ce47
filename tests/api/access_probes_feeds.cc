// Access rows for supplier feeds and their pulls; see access_probes.h. Managers manage all; a supplier user
// only its own supplier's feeds (the probed feed is supplier b's: 404); finance reads; agents and
// distributors get 403.
#include "access_probes.h"

#include "app/catalog/feeds.h"

namespace daifa::testing {
namespace {

struct FeedSeed {
  std::string feed;
  std::string run;
};

const FeedSeed& seed(TestServer& s) {
  // Per server; a later test's server may reuse an address, so a cached seed counts only if its row is there.
  static std::map<TestServer*, FeedSeed> seeds;
  auto it = seeds.find(&s);
  if (it != seeds.end()) {
    Id id = *parse_id(it->second.feed);
    bool there = s.store().reads().read([&](store::Connection& c) {
      return !c.exec("SELECT 1 FROM supplier_feeds WHERE id = ?", {id}).empty();
    });
    if (there) return it->second;
  }
  FeedSeed out;
  s.store().writer().run([&](store::Tx& tx) {
    SupplierFeed f;
    f.supplier_id = s.parties().supplier_b;
    f.name = "probe";
    f.url = "http://127.0.0.1:9/feed";  // nothing listens there: a pull fails at once, recorded
    f.pull_every_minutes = 60;
    f.fresh_within_minutes = 180;
    auto feed = app::create_feed(tx, s.app(), Scope{}, f);
    app::FeedDownload failed;
    failed.started_at = s.clock().now();
    failed.error_code = "fetch_failed";
    failed.error = "probe";
    auto run = app::apply_feed_download(tx, s.app(), Scope{}, feed->id, FeedRunCause::manual, failed);
    out.feed = id_to_string(feed->id);
    out.run = id_to_string(run->id);
  });
  return seeds[&s] = out;
}

}  // namespace

std::vector<Probe> feed_probes() {
  auto feed = [](TestServer& s) { return "/api/v1/supplier-feeds/" + seed(s).feed; };
  int counter = 0;
  return {
      {"GET", "/api/v1/supplier-feeds", fixed_path("/api/v1/supplier-feeds"), {},
       expect(401, 200, 200, 403, 200, 200, 403)},
      // Supplier a's feed: the supplier user's own.
      {"POST", "/api/v1/supplier-feeds", fixed_path("/api/v1/supplier-feeds"),
       [counter](TestServer& s, HttpClient&) mutable {
         return R"({"supplier_id":")" + id_to_string(s.parties().supplier_a) + R"(","name":"F)" +
                std::to_string(++counter) +
                R"(","url":"http://127.0.0.1:9/f.csv","format":"csv","pull_every_minutes":60})";
       },
       expect(401, 201, 201, 403, 403, 201, 403)},
      {"GET", "/api/v1/supplier-feeds/{id}", feed, {}, expect(401, 200, 200, 403, 200, 404, 403)},
      {"PATCH", "/api/v1/supplier-feeds/{id}", feed,
       [feed](TestServer& s, HttpClient& owner) {
         auto current = owner.get(feed(s));
         return R"({"name":"probe","version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
       },
       expect(401, 200, 200, 403, 403, 404, 403)},
      {"POST", "/api/v1/supplier-feeds/{id}/pull", [feed](TestServer& s) { return feed(s) + "/pull"; }, {},
       expect(401, 200, 200, 403, 403, 404, 403)},
      {"GET", "/api/v1/supplier-feeds/{id}/runs", [feed](TestServer& s) { return feed(s) + "/runs"; }, {},
       expect(401, 200, 200, 403, 200, 404, 403)},
      {"GET", "/api/v1/supplier-feeds/{id}/runs/{run_id}",
       [feed](TestServer& s) { return feed(s) + "/runs/" + seed(s).run; }, {},
       expect(401, 200, 200, 403, 200, 404, 403)},
  };
}

}  // namespace daifa::testing
