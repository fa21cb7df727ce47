#include "app/catalog/feeds.h"

#include <boost/json.hpp>

#include "app/catalog/offers.h"
#include "app/jobs.h"
#include "store/catalog/alert_repo.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::app {
namespace json = boost::json;

namespace {

// The per-row report as the API shows it: a table's rows like POST /imports/offers, a JSON feed's items
// like POST /offers/sync.
std::string report_json(const SyncReport& report, bool table) {
  json::array rows;
  rows.reserve(report.results.size());
  for (const SyncResult& r : report.results) {
    json::object o;
    o[table ? "row" : "index"] = r.index;
    o["supplier_sku"] = r.supplier_sku;
    o["status"] = to_string(r.status);
    if (r.error) {
      std::string field = r.error->field;
      if (!table) {
        const std::string at = "items[" + std::to_string(r.index) + "]";
        field = field.empty() ? at : at + "." + field;
      }
      o["error"] = json::object{{"field", field}, {"code", r.error->code}, {"message", r.error->message}};
    }
    rows.push_back(std::move(o));
  }
  return json::serialize(rows);
}

}  // namespace

Outcome<SupplierFeed> create_feed(store::Tx& tx, App& app, const Scope& scope, SupplierFeed f) {
  FieldErrors errors = validate(f);
  if (!store::find_supplier(tx.conn(), scope, f.supplier_id)) {
    errors.push_back({"supplier_id", "unknown_supplier", "no supplier has this id"});
  }
  if (!errors.empty()) return fail(Status::invalid_fields, "the feed has invalid fields", std::move(errors));
  const Timestamp now = app.now();
  f.id = app.new_id();
  f.version = 1;
  f.created_at = f.updated_at = f.watch_from = now;
  f.last_pull_at = f.last_success_at = std::nullopt;
  f.last_outcome = std::nullopt;
  f.last_run_id = std::nullopt;
  f.failures = 0;
  store::insert_feed(tx.conn(), f);
  if (f.active) schedule_job(tx, app, kJobFeedPull, f.id, now);
  return f;
}

Outcome<SupplierFeed> update_feed(store::Tx& tx, App& app, const Scope& scope, Id id, std::int64_t expected_version,
                                  const std::function<void(SupplierFeed&)>& patch) {
  auto current = store::find_feed(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such feed");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the feed was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  SupplierFeed next = *current;
  patch(next);
  next.id = current->id;
  next.supplier_id = current->supplier_id;
  FieldErrors errors = validate(next);
  if (!errors.empty()) return fail(Status::invalid_fields, "the feed has invalid fields", std::move(errors));
  const Timestamp now = app.now();
  const bool reactivated = next.active && !current->active;
  if (reactivated) next.watch_from = now;  // a paused feed was not late while paused
  next.updated_at = now;
  if (!store::update_feed(tx.conn(), scope, next, expected_version)) {
    return fail(Status::version_conflict, "the feed was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  if (next.active) {
    const bool source_changed = next.url != current->url || next.format != current->format;
    // schedule_job keeps the earlier time when the pull is already scheduled.
    schedule_job(tx, app, kJobFeedPull, next.id,
                 reactivated || source_changed ? now : next_feed_pull(next, now, 0));
  }
  return next;
}

std::optional<SupplierFeed> get_feed(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_feed(c, scope, id); });
}

store::Page<SupplierFeed> list_feeds(App& app, const Scope& scope, const store::FeedFilter& filter,
                                     const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_feeds(c, scope, filter, page); });
}

Outcome<store::Page<store::FeedRun>> list_feed_runs(App& app, const Scope& scope, Id feed_id,
                                                    const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) -> Outcome<store::Page<store::FeedRun>> {
    if (!store::find_feed(c, scope, feed_id)) return fail(Status::not_found, "no such feed");
    return store::list_feed_runs(c, feed_id, page);
  });
}

Outcome<store::FeedRun> get_feed_run(App& app, const Scope& scope, Id feed_id, Id run_id) {
  return app.store().reads().read([&](store::Connection& c) -> Outcome<store::FeedRun> {
    if (!store::find_feed(c, scope, feed_id)) return fail(Status::not_found, "no such feed");
    auto run = store::find_feed_run(c, feed_id, run_id);
    if (!run) return fail(Status::not_found, "no such run of this feed");
    return *run;
  });
}

std::optional<SupplierFeed> feed_to_pull(App& app, Id feed_id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_feed(c, Scope{}, feed_id); });
}

Outcome<store::FeedRun> apply_feed_download(store::Tx& tx, App& app, const Scope& scope, Id feed_id,
                                            FeedRunCause cause, const FeedDownload& download) {
  auto feed = store::find_feed(tx.conn(), scope, feed_id);
  if (!feed) return fail(Status::not_found, "no such feed");
  store::FeedRun run;
  run.id = app.new_id();
  run.feed_id = feed->id;
  run.supplier_id = feed->supplier_id;
  run.cause = cause;
  run.started_at = download.started_at;
  run.http_status = download.http_status;
  run.body_bytes = download.body_bytes;
  run.error_code = download.error_code;
  run.error = download.error;
  run.outcome = download.error_code.empty() ? FeedOutcome::ok : FeedOutcome::failed;
  if (run.outcome == FeedOutcome::ok) {
    // The feed speaks for its own supplier only: the sync rules see exactly that supplier's offers.
    const Scope supplier_scope{0, Role::supplier, feed->supplier_id, std::nullopt};
    const ChangeSource source{"feed:" + id_to_string(feed->id), "feed"};
    auto report = import_offers(tx, app, supplier_scope, source, feed->supplier_id, download.rows,
                                download.row_numbers);
    if (!report) {
      run.outcome = FeedOutcome::failed;
      run.error_code = report.failure().errors.empty() ? std::string(to_string(report.failure().status))
                                                       : report.failure().errors.front().code;
      run.error = report.failure().detail;
    } else {
      run.row_count = static_cast<std::int64_t>(report->results.size());
      run.applied = static_cast<std::int64_t>(report->applied);
      run.unchanged = static_cast<std::int64_t>(report->unchanged);
      run.refused = static_cast<std::int64_t>(report->refused);
      run.report_json = report_json(*report, download.table);
    }
  }
  run.finished_at = app.now();
  store::record_feed_run(tx.conn(), run);
  return run;
}

int scan_feed_alerts(store::Tx& tx, App& app) {
  const Timestamp now = app.now();
  store::Connection& c = tx.conn();
  int raised = 0;
  for (const SupplierFeed& f : store::active_feeds(c)) {
    if (!feed_is_late(f, now)) continue;
    const Timestamp due = feed_fresh_until(f);
    if (store::feed_alerted_since(c, f.id, due)) continue;  // this spell had its alert
    Alert a;
    a.id = app.new_id();
    a.kind = AlertKind::feed_late;
    a.supplier_id = f.supplier_id;
    a.feed_id = f.id;
    a.raised_at = now;
    a.message = "feed \"" + f.name + "\" has not been pulled successfully since " +
                (f.last_success_at ? format_rfc3339(*f.last_success_at) : std::string("it was set up")) +
                "; it was due to be fresh within " + std::to_string(f.fresh_within_minutes) + " minute(s), by " +
                format_rfc3339(due);
    json::object d{{"feed_id", id_to_string(f.id)},
                   {"name", f.name},
                   {"fresh_within_minutes", f.fresh_within_minutes},
                   {"due_at", format_rfc3339(due)},
                   {"since", format_rfc3339(due)},
                   {"failures", f.failures}};
    d["last_success_at"] = f.last_success_at ? json::value(format_rfc3339(*f.last_success_at)) : json::value(nullptr);
    d["last_pull_at"] = f.last_pull_at ? json::value(format_rfc3339(*f.last_pull_at)) : json::value(nullptr);
    d["last_outcome"] = f.last_outcome ? json::value(to_string(*f.last_outcome)) : json::value(nullptr);
    a.detail_json = json::serialize(d);
    raised += store::raise_alert(c, a) ? 1 : 0;
  }
  return raised;
}

}  // namespace daifa::app
