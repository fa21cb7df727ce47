// Supplier feeds over HTTP, on both stores: a feed served from 127.0.0.1 is pulled by the job runner (driven
// with run_once and the test clock, never a sleep) or at once, applied by the rules of POST /offers/sync to
// its own supplier's offers only, and recorded with a per-row report; feed_late is raised once per late
// spell. Shipping templates (运费模板) are edited with the supplier.
#include <gtest/gtest.h>

#include <mutex>

#include "app/jobs.h"
#include "integrations/catalog/feed_pull.h"
#include "integrations/jobs/job_runner.h"
#include "integrations/loopback_server.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) { return std::string(v.as_string()); }

class Feeds : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");
  HttpClient supplier_ = server_.signed_in("supplier");  // bound to supplier a
  std::mutex mu_;
  int status_ = 200;
  std::string body_;
  int served_ = 0;
  LoopbackServer feed_server_{[this](int fd) {
    auto req = read_http_request(fd);
    std::lock_guard lock(mu_);
    ++served_;
    send_all(fd, http_response(status_, status_ == 200 ? "OK" : "Error", body_));
  }};

  void serve(int status, std::string body) {
    std::lock_guard lock(mu_);
    status_ = status;
    body_ = std::move(body);
  }
  int served() {
    std::lock_guard lock(mu_);
    return served_;
  }
  std::string sku(Id supplier) const { return "S-" + id_to_string(supplier); }

  integrations::JobRunner runner() {
    integrations::JobRunnerOptions options;
    options.fulfilment_scan_every_ms = 0;
    return integrations::JobRunner(server_.app(), options);
  }

  json::value create_feed(HttpClient& c, const std::string& fields) {
    auto r = c.post("/api/v1/supplier-feeds",
                    R"({"name":"库存价格","url":")" + feed_server_.url("http", "/feed") + R"(",)" + fields + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  json::value offer(Id id) { return owner_.get("/api/v1/offers/" + id_to_string(id)).json(); }
};

TEST_P(Feeds, TheScheduledPullAppliesTheSuppliersOwnOffersAndReportsEachRow) {
  const Party& p = server_.parties();
  serve(200, "supplier_sku,stock,cost\n" + sku(p.supplier_a) + ",25,26.00\n" + sku(p.supplier_b) + ",5,\nNOPE,1,\n");
  json::value feed = create_feed(supplier_, R"("format":"csv","pull_every_minutes":60)");
  EXPECT_EQ(str(feed.at("supplier_id")), id_to_string(p.supplier_a));  // the supplier's own by default
  EXPECT_EQ(feed.at("fresh_within_minutes").as_int64(), 180);
  EXPECT_TRUE(feed.at("last_outcome").is_null());
  const std::string id = str(feed.at("id"));

  const std::string journal_path = "/api/v1/stock-journal?offer_id=" + id_to_string(p.offer_a);
  const std::size_t journal_before = owner_.get(journal_path).json().at("items").as_array().size();
  auto jobs = runner();
  EXPECT_EQ(jobs.run_once(), 1u);  // the first pull is due at once
  EXPECT_EQ(served(), 1);
  json::value after = owner_.get("/api/v1/supplier-feeds/" + id).json();
  EXPECT_EQ(after.at("last_outcome").as_string(), "ok");
  EXPECT_EQ(after.at("last_success_at"), after.at("last_pull_at"));
  EXPECT_FALSE(after.at("late").as_bool());
  auto run = owner_.get("/api/v1/supplier-feeds/" + id + "/runs/" + str(after.at("last_run_id")));
  ASSERT_EQ(run.status, 200) << run.body;
  json::value r = run.json();
  EXPECT_EQ(r.at("cause").as_string(), "schedule");
  EXPECT_EQ(r.at("http_status").as_int64(), 200);
  EXPECT_EQ(r.at("rows").as_int64(), 3);
  EXPECT_EQ(r.at("applied").as_int64(), 1);
  EXPECT_EQ(r.at("refused").as_int64(), 2);
  const json::array& report = r.at("report").as_array();
  ASSERT_EQ(report.size(), 3u);
  EXPECT_EQ(report[0].at("row").as_int64(), 2);
  EXPECT_EQ(report[0].at("status").as_string(), "applied");
  // Another supplier's SKU is as unknown to this feed as a made-up one: a feed changes its own offers only.
  EXPECT_EQ(report[1].at("status").as_string(), "refused");
  EXPECT_EQ(report[1].at("error").at("code").as_string(), "unknown_supplier_sku");
  EXPECT_EQ(report[2].at("row").as_int64(), 4);
  EXPECT_EQ(offer(p.offer_a).at("stock").as_int64(), 25);
  EXPECT_EQ(offer(p.offer_a).at("cost").at("amount").as_int64(), 2600);
  EXPECT_EQ(offer(p.offer_b).at("stock").as_int64(), 10);
  auto journal = owner_.get(journal_path).json().at("items").as_array();
  ASSERT_EQ(journal.size(), journal_before + 2);  // stock and cost, newest first
  EXPECT_EQ(journal[0].at("reason").as_string(), "feed");
  EXPECT_EQ(journal[0].at("actor").as_string(), "feed:" + id);

  // Not due again before its interval; then the identical feed changes nothing.
  EXPECT_EQ(jobs.run_once(), 0u);
  server_.clock().advance_ms(60 * 60'000);
  EXPECT_EQ(jobs.run_once(), 1u);
  EXPECT_EQ(served(), 2);
  auto runs = supplier_.get("/api/v1/supplier-feeds/" + id + "/runs").json().at("items").as_array();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].at("applied").as_int64(), 0);
  EXPECT_EQ(runs[0].at("unchanged").as_int64(), 1);
  EXPECT_FALSE(runs[0].as_object().contains("report"));
  EXPECT_EQ(owner_.get(journal_path).json().at("items").as_array().size(), journal_before + 2);
}

TEST_P(Feeds, PullNowRecordsFailuresWithTheirReasonAndChangesNothing) {
  const Party& p = server_.parties();
  auto operator_ = server_.signed_in("operator");
  json::value feed = create_feed(operator_, R"("supplier_id":")" + id_to_string(p.supplier_b) +
                                                R"(","format":"json","pull_every_minutes":30,"fresh_within_minutes":90)");
  const std::string pull = "/api/v1/supplier-feeds/" + str(feed.at("id")) + "/pull";

  serve(200, R"({"items":[{"supplier_sku":")" + sku(p.supplier_b) + R"(","stock":-3},{"supplier_sku":")" +
                 sku(p.supplier_b) + R"(","stock":7}]})");
  auto ok = operator_.post(pull, "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  json::value run = ok.json();
  EXPECT_EQ(run.at("cause").as_string(), "manual");
  EXPECT_EQ(run.at("outcome").as_string(), "ok");
  EXPECT_EQ(run.at("refused").as_int64(), 2);  // a negative stock, and the same SKU again
  EXPECT_EQ(run.at("report").at(0).at("error").at("field").as_string(), "items[0].stock");
  EXPECT_EQ(run.at("report").at(1).at("error").at("code").as_string(), "duplicate_item");
  EXPECT_EQ(offer(p.offer_b).at("stock").as_int64(), 10);

  serve(200, R"([{"supplier_sku":")" + sku(p.supplier_b) + R"(","stock":7}])");
  EXPECT_EQ(operator_.post(pull, "").json().at("applied").as_int64(), 1);
  EXPECT_EQ(offer(p.offer_b).at("stock").as_int64(), 7);

  server_.clock().advance_ms(60'000);
  for (auto [status, body, code] : {std::tuple{503, std::string("busy"), "http_status"},
                                    std::tuple{200, std::string("{not json"), "malformed_json"},
                                    std::tuple{200, std::string(R"({"rows":[]})"), "must_be_array"}}) {
    serve(status, body);
    json::value failed = operator_.post(pull, "").json();
    EXPECT_EQ(failed.at("outcome").as_string(), "failed");
    EXPECT_EQ(failed.at("error").at("code").as_string(), code) << failed;
    EXPECT_EQ(offer(p.offer_b).at("stock").as_int64(), 7);
  }
  json::value now = operator_.get("/api/v1/supplier-feeds/" + str(feed.at("id"))).json();
  EXPECT_EQ(now.at("last_outcome").as_string(), "failed");
  EXPECT_EQ(now.at("failures").as_int64(), 3);
  EXPECT_NE(now.at("last_success_at"), now.at("last_pull_at"));
}

TEST_P(Feeds, ALateFeedRaisesOneAlertPerLateSpell) {
  serve(503, "down");
  json::value feed = create_feed(supplier_, R"("format":"csv","pull_every_minutes":60,"fresh_within_minutes":120)");
  const std::string id = str(feed.at("id"));
  auto jobs = runner();
  EXPECT_EQ(jobs.run_once(), 1u);  // fails: recorded, tried again sooner than the interval
  auto job = app::find_job(server_.app(), app::kJobFeedPull, *parse_id(id));
  ASSERT_TRUE(job);
  EXPECT_EQ(job->run_at.unix_ms - server_.clock().now().unix_ms, 5 * 60'000);

  auto scan = [&] { return owner_.post("/api/v1/alerts/scan", "").json().at("raised").as_int64(); };
  EXPECT_EQ(scan(), 0);
  server_.clock().advance_ms(120 * 60'000 + 1);
  EXPECT_EQ(scan(), 1);
  EXPECT_EQ(scan(), 0);  // once, not every scan
  auto alerts = supplier_.get("/api/v1/alerts?kind=feed_late").json().at("items").as_array();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(str(alerts[0].at("feed_id")), id);
  EXPECT_EQ(alerts[0].at("detail").at("last_outcome").as_string(), "failed");
  EXPECT_TRUE(server_.signed_in("supplier_b").get("/api/v1/alerts?kind=feed_late").json().at("items").as_array().empty());
  auto ack = owner_.post("/api/v1/alerts/" + str(alerts[0].at("id")) + "/acknowledge", "");
  EXPECT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(scan(), 0);  // acknowledged: the same spell raises nothing new

  // A success ends the spell; late again later is a new alert.
  serve(200, "supplier_sku,stock\n" + sku(server_.parties().supplier_a) + ",9\n");
  EXPECT_EQ(supplier_.post("/api/v1/supplier-feeds/" + id + "/pull", "").json().at("outcome").as_string(), "ok");
  EXPECT_EQ(scan(), 0);
  server_.clock().advance_ms(120 * 60'000 + 1);
  EXPECT_EQ(scan(), 1);
  EXPECT_EQ(owner_.get("/api/v1/alerts?feed_id=" + id).json().at("items").as_array().size(), 2u);

  // A paused feed is never late, and its job stops.
  json::value current = supplier_.get("/api/v1/supplier-feeds/" + id).json();
  auto paused = supplier_.patch("/api/v1/supplier-feeds/" + id,
                                R"({"active":false,"version":)" + std::to_string(current.at("version").as_int64()) + "}");
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_FALSE(paused.json().at("late").as_bool());
}

TEST_P(Feeds, EachPartySeesOnlyItsOwnFeedsAndBadSettingsNameTheirFields) {
  const Party& p = server_.parties();
  json::value feed = create_feed(supplier_, R"("format":"xlsx","pull_every_minutes":60)");
  const std::string path = "/api/v1/supplier-feeds/" + str(feed.at("id"));
  auto other = server_.signed_in("supplier_b");
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.get(path + "/runs").status, 404);
  EXPECT_EQ(other.post(path + "/pull", "").status, 404);
  EXPECT_EQ(other.patch(path, R"({"name":"x","version":1})").status, 404);
  EXPECT_TRUE(other.get("/api/v1/supplier-feeds").json().at("items").as_array().empty());
  EXPECT_EQ(server_.signed_in("distributor").get("/api/v1/supplier-feeds").status, 403);
  EXPECT_EQ(server_.signed_in("agent").get(path).status, 403);
  EXPECT_EQ(server_.signed_in("finance").get(path).status, 200);

  // Another supplier's id is as unknown as a made-up one.
  auto theirs = supplier_.post("/api/v1/supplier-feeds",
                               R"({"supplier_id":")" + id_to_string(p.supplier_b) +
                                   R"(","name":"x","url":"https://erp.example.com/f.csv","format":"csv","pull_every_minutes":60})");
  EXPECT_EQ(theirs.status, 422);
  EXPECT_NE(theirs.body.find("unknown_supplier"), std::string::npos);

  auto bad = owner_.post("/api/v1/supplier-feeds",
                         R"({"supplier_id":")" + id_to_string(p.supplier_a) +
                             R"(","name":"","url":"ftp://x","format":"csv","pull_every_minutes":1})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"\"name\"", "\"url\"", "\"pull_every_minutes\""}) {
    EXPECT_NE(bad.body.find(field), std::string::npos) << field << " in " << bad.body;
  }
  auto format = owner_.patch(path, R"({"format":"txt","version":1})");
  EXPECT_EQ(format.status, 422);
  EXPECT_NE(format.body.find("unknown_format"), std::string::npos);
  auto narrow = owner_.patch(path, R"({"fresh_within_minutes":30,"version":1})");
  EXPECT_EQ(narrow.status, 422);
  EXPECT_NE(narrow.body.find("below_interval"), std::string::npos);
  EXPECT_EQ(owner_.patch(path, R"({"name":"改名","version":7})").status, 409);
  EXPECT_EQ(owner_.get("/api/v1/supplier-feeds").json().at("items").as_array().size(), 1u);
}

TEST_P(Feeds, LoopbackAndPrivateAddressesAreRefusedUnlessAllowed) {
  SupplierFeed f;
  f.url = feed_server_.url("http", "/feed");
  integrations::HttpGetOptions options;
  options.allow_private_hosts = false;
  app::FeedDownload d = integrations::download_feed(f, options, server_.clock().now());
  EXPECT_EQ(d.error_code, "blocked_address");
  EXPECT_EQ(served(), 0);
  options.allow_private_hosts = true;
  options.max_bytes = 10;
  serve(200, "supplier_sku,stock\nA,1\nB,2\n");
  EXPECT_EQ(integrations::download_feed(f, options, server_.clock().now()).error_code, "too_large");
}

TEST_P(Feeds, ShippingTemplatesAreEditedWithTheSupplier) {
  const std::string a = "/api/v1/suppliers/" + id_to_string(server_.parties().supplier_a);
  auto version = [&] { return std::to_string(owner_.get(a).json().at("version").as_int64()); };
  const std::string templates = R"([
    {"name":"包邮","kind":"flat","fee":{"amount":0,"currency":"CNY"}},
    {"name":"按重","kind":"by_weight","first_weight_g":1000,"first_fee":{"amount":800,"currency":"CNY"},
     "step_weight_g":500,"step_fee":{"amount":300,"currency":"CNY"}},
    {"name":"偏远","kind":"by_region","default":{"kind":"flat","fee":{"amount":600,"currency":"CNY"}},
     "regions":[{"provinces":["新疆","西藏自治区"],"rate":{"kind":"flat","fee":{"amount":2500,"currency":"CNY"}}}],
     "excluded_provinces":["香港"]}])";
  auto saved = owner_.patch(a, R"({"shipping_templates":)" + templates + R"(,"version":)" + version() + "}");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().at("shipping_templates"), json::parse(templates));
  EXPECT_EQ(owner_.get(a).json().at("shipping_templates"), json::parse(templates));
  EXPECT_FALSE(server_.signed_in("agent").get(a).json().as_object().contains("shipping_templates"));

  auto bad = owner_.patch(a, R"({"shipping_templates":[{"name":"按重","kind":"by_weight","first_weight_g":0,
      "first_fee":{"amount":800,"currency":"CNY"},"step_weight_g":500,"step_fee":{"amount":300,"currency":"USD"}},
      {"name":"按重","kind":"flat","fee":{"amount":1,"currency":"CNY"}}],"version":)" + version() + "}");
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"shipping_templates[0].first_weight_g", "shipping_templates[0].step_fee.currency",
                            "shipping_templates[1].name"}) {
    EXPECT_NE(bad.body.find(field), std::string::npos) << field << " in " << bad.body;
  }
  auto unknown = owner_.patch(a, R"({"shipping_templates":[{"name":"x","kind":"by_area"}],"version":)" + version() + "}");
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("shipping_templates[0].kind"), std::string::npos) << unknown.body;
  EXPECT_EQ(owner_.get(a).json().at("shipping_templates").as_array().size(), 3u);  // nothing written

  // The supplier keeps its own templates and nothing else of its record; another's is not there.
  auto mine = supplier_.patch(a, R"({"shipping_templates":[],"version":)" + version() + "}");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_TRUE(mine.json().at("shipping_templates").as_array().empty());
  auto renamed = supplier_.patch(a, R"({"name":"改名","version":)" + version() + "}");
  EXPECT_EQ(renamed.status, 422);
  EXPECT_NE(renamed.body.find("not_allowed_for_role"), std::string::npos);
  EXPECT_EQ(supplier_.patch("/api/v1/suppliers/" + id_to_string(server_.parties().supplier_b),
                            R"({"shipping_templates":[],"version":1})").status,
            404);
  EXPECT_EQ(supplier_.patch(a, R"({"shipping_templates":[],"version":1})").status, 409);  // stale
}

INSTANTIATE_TEST_SUITE_P(Backends, Feeds, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
