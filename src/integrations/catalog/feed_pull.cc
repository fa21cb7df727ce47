#include "integrations/catalog/feed_pull.h"

#include "app/catalog/offers.h"
#include "integrations/catalog/offer_rows.h"
#include "integrations/spreadsheet/table_reader.h"

namespace daifa::integrations {

HttpGetOptions feed_http_options(const app::App& app) {
  const app::AppConfig& c = app.config();
  return HttpGetOptions{c.feed_timeout_ms, c.feed_max_bytes, c.feed_allow_private_hosts};
}

app::FeedDownload download_feed(const SupplierFeed& feed, const HttpGetOptions& options, Timestamp started_at) {
  app::FeedDownload d;
  d.started_at = started_at;
  d.table = feed.format != FeedFormat::json;
  HttpGetResult got = http_get(
      feed.url,
      {"Accept: " + std::string(feed.format == FeedFormat::json ? "application/json"
                                : feed.format == FeedFormat::xlsx
                                    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                    : "text/csv") + ", */*;q=0.5",
       "User-Agent: Daifa-feed/1"},
      options);
  d.http_status = got.status;
  d.body_bytes = static_cast<std::int64_t>(got.body.size());
  if (got.status == 0) {
    d.error_code = got.too_large ? "too_large" : got.blocked ? "blocked_address" : "fetch_failed";
    d.error = got.error;
    return d;
  }
  if (got.status != 200) {
    d.error_code = "http_status";
    d.error = "the feed's server answered HTTP " + std::to_string(got.status) + " (expected 200)";
    return d;
  }
  OfferRows rows = d.table ? offer_rows_from_table(read_table(got.body), app::kMaxImportRows)
                           : offer_rows_from_json(got.body, app::kMaxImportRows);
  if (rows.failure) {
    const Failure& f = *rows.failure;
    d.error_code = f.errors.empty() ? std::string(to_string(f.status)) : f.errors.front().code;
    d.error = f.detail;
    for (const FieldError& e : f.errors) d.error += "; " + e.field + ": " + e.message;
    return d;
  }
  d.rows = std::move(rows.rows);
  d.row_numbers = std::move(rows.row_numbers);
  return d;
}

Outcome<store::FeedRun> pull_feed(app::App& app, const Scope& scope, Id feed_id, FeedRunCause cause) {
  auto feed = app::get_feed(app, scope, feed_id);
  if (!feed) return fail(Status::not_found, "no such feed");
  // The fetch happens before the command: the writer never waits on the network.
  const app::FeedDownload download = download_feed(*feed, feed_http_options(app), app.now());
  return app.store().writer().run(
      [&](store::Tx& tx) { return app::apply_feed_download(tx, app, scope, feed_id, cause, download); });
}

}  // namespace daifa::integrations
