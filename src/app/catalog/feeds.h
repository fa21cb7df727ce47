#pragma once
// Supplier feeds: the URLs Daifa pulls for a supplier's stock and costs, on a schedule (the persisted job
// supplier_feed_pull, run by integrations/jobs/job_runner) or at once ("pull now"). What a pull fetched
// and read (integrations/catalog/feed_pull) is applied here through import_offers — the very code of
// POST /offers/sync and of the CSV/XLSX import — to the feed's supplier's offers only, and recorded as a
// run with its per-row report. A feed not pulled successfully within its freshness window raises a
// feed_late alert, once per late spell (scan_feed_alerts, run with the fulfilment scan).
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/catalog/offer_rules.h"
#include "domain/catalog/supplier_feed.h"
#include "domain/common/outcome.h"
#include "store/catalog/feed_repo.h"

namespace daifa::app {

// A feed's body, fetched and read into rows, before it is applied. error_code is set when it could not be
// fetched or read (the run is then recorded as failed and no offer changes).
struct FeedDownload {
  Timestamp started_at;
  std::int64_t http_status = 0;
  std::int64_t body_bytes = 0;
  std::string error_code;
  std::string error;
  std::vector<SyncItem> rows;
  std::vector<std::size_t> row_numbers;  // a table's row numbers (header = 1), or a JSON array's positions
  bool table = true;                     // rows of a CSV/XLSX table, else items of a JSON array
};

// Creates a feed of `input.supplier_id` (which `scope` must see: else 422 unknown_supplier) and schedules
// its first pull at once.
Outcome<SupplierFeed> create_feed(store::Tx& tx, App& app, const Scope& scope, SupplierFeed input);
// Applies `patch` to the settings if `expected_version` is current. Re-activating restarts the freshness
// clock; a new URL or format, or a re-activation, is pulled at once.
Outcome<SupplierFeed> update_feed(store::Tx& tx, App& app, const Scope& scope, Id id, std::int64_t expected_version,
                                  const std::function<void(SupplierFeed&)>& patch);
std::optional<SupplierFeed> get_feed(App& app, const Scope& scope, Id id);
store::Page<SupplierFeed> list_feeds(App& app, const Scope& scope, const store::FeedFilter& filter,
                                     const store::PageRequest& page);
Outcome<store::Page<store::FeedRun>> list_feed_runs(App& app, const Scope& scope, Id feed_id,
                                                    const store::PageRequest& page);
Outcome<store::FeedRun> get_feed_run(App& app, const Scope& scope, Id feed_id, Id run_id);

// The feed as the job runner sees it (no scope: a system job); nullopt when it is gone.
std::optional<SupplierFeed> feed_to_pull(App& app, Id feed_id);

// Applies a download to the feed's supplier's offers (through import_offers) and records the run; one
// command. not_found when `scope` does not see the feed. The run is returned, ok or failed.
Outcome<store::FeedRun> apply_feed_download(store::Tx& tx, App& app, const Scope& scope, Id feed_id,
                                            FeedRunCause cause, const FeedDownload& download);

// Raises a feed_late alert for every active feed past its freshness window that has not had one for this
// spell (open, or raised after the window ended); returns how many. Call inside a write transaction.
int scan_feed_alerts(store::Tx& tx, App& app);

}  // namespace daifa::app
