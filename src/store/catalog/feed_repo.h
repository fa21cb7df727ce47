#pragma once
// Supplier feeds and the record of their pulls. Staff see all; a supplier user only its own supplier's
// feeds and runs; a distributor none.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/catalog/supplier_feed.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

// One pull of a feed: what came and what it did. `report_json` is the per-row report (a JSON array).
struct FeedRun {
  Id id = 0;
  Id feed_id = 0;
  Id supplier_id = 0;
  FeedRunCause cause = FeedRunCause::schedule;
  Timestamp started_at;
  Timestamp finished_at;
  FeedOutcome outcome = FeedOutcome::ok;
  std::int64_t http_status = 0;  // 0 when no answer came
  std::int64_t body_bytes = 0;
  std::string error_code;  // "" for ok; e.g. fetch_failed, http_status, too_large, malformed_csv, missing_column
  std::string error;
  std::int64_t row_count = 0, applied = 0, unchanged = 0, refused = 0;
  std::string report_json = "[]";
};

inline constexpr std::int64_t kFeedRunsKept = 20;  // per feed; older runs are dropped when a new one is recorded

struct FeedFilter {
  std::optional<Id> supplier_id;
  std::optional<bool> active;
};

void insert_feed(Connection& c, const SupplierFeed& f);
std::optional<SupplierFeed> find_feed(Connection& c, const Scope& scope, Id id);
Page<SupplierFeed> list_feeds(Connection& c, const Scope& scope, const FeedFilter& filter, const PageRequest& page);
// Stores the settings of `f` (name, url, format, intervals, active, watch_from) with version
// expected_version + 1 when the stored version is expected_version and the row is in scope.
bool update_feed(Connection& c, const Scope& scope, const SupplierFeed& f, std::int64_t expected_version);
// Every active feed (the late scan; no scope: a system job).
std::vector<SupplierFeed> active_feeds(Connection& c);

// Records a run, updates the feed's last_* columns and failure count (not its version: a pull is not an
// edit), and drops the feed's runs beyond the newest kFeedRunsKept.
void record_feed_run(Connection& c, const FeedRun& run);
Page<FeedRun> list_feed_runs(Connection& c, Id feed_id, const PageRequest& page);  // scope: via find_feed
std::optional<FeedRun> find_feed_run(Connection& c, Id feed_id, Id run_id);

}  // namespace daifa::store
