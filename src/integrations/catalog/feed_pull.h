#pragma once
// Pulling a supplier feed: GET its URL (libcurl, integrations/outbound_http), read the body as its format
// says (CSV/XLSX through read_table, JSON items), and apply it with app::apply_feed_download — the rules
// of POST /offers/sync and of the offer import. Used by the supplier_feed_pull job and by "pull now".
#include "app/app.h"
#include "app/catalog/feeds.h"
#include "domain/catalog/supplier_feed.h"
#include "domain/common/outcome.h"
#include "integrations/outbound_http.h"

namespace daifa::integrations {

// The HTTP limits in force for feeds, from the app's settings (AppConfig::feed_*).
HttpGetOptions feed_http_options(const app::App& app);

// Fetches and reads the feed; never touches the store. A failure is in the download's error_code:
// fetch_failed, blocked_address, too_large, http_status (not 200), or the reader's code (malformed_csv,
// missing_column, malformed_json, too_many_rows…).
app::FeedDownload download_feed(const SupplierFeed& feed, const HttpGetOptions& options, Timestamp started_at);

// The whole pull as one call: the feed (not_found unless `scope` sees it), its download, and the command
// that applies and records it. Returns the run (ok or failed).
Outcome<store::FeedRun> pull_feed(app::App& app, const Scope& scope, Id feed_id, FeedRunCause cause);

}  // namespace daifa::integrations
