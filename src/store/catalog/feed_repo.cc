#include "store/catalog/feed_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, supplier_id, name, url, format, pull_every_minutes, fresh_within_minutes, active, watch_from, last_pull_at, "
    "last_success_at, last_outcome, last_run_id, failures, version, created_at, updated_at";

constexpr std::string_view kRunColumns =
    "id, feed_id, supplier_id, cause, started_at, finished_at, outcome, http_status, body_bytes, error_code, error, "
    "row_count, applied, unchanged, refused";

std::optional<Timestamp> opt_time(const Row& r, std::size_t i) {
  if (auto v = r.opt_i64(i)) return Timestamp{*v};
  return std::nullopt;
}

SupplierFeed feed_from(const Row& r) {
  SupplierFeed f;
  f.id = r.i64(0);
  f.supplier_id = r.i64(1);
  f.name = r.text(2);
  f.url = r.text(3);
  f.format = parse_feed_format(r.text(4)).value_or(FeedFormat::csv);
  f.pull_every_minutes = r.i64(5);
  f.fresh_within_minutes = r.i64(6);
  f.active = r.flag(7);
  f.watch_from = Timestamp{r.i64(8)};
  f.last_pull_at = opt_time(r, 9);
  f.last_success_at = opt_time(r, 10);
  if (auto o = r.opt_text(11)) f.last_outcome = *o == "ok" ? FeedOutcome::ok : FeedOutcome::failed;
  f.last_run_id = r.opt_i64(12);
  f.failures = r.i64(13);
  f.version = r.i64(14);
  f.created_at = Timestamp{r.i64(15)};
  f.updated_at = Timestamp{r.i64(16)};
  return f;
}

FeedRun run_from(const Row& r, bool with_report) {
  FeedRun run;
  run.id = r.i64(0);
  run.feed_id = r.i64(1);
  run.supplier_id = r.i64(2);
  run.cause = r.text(3) == "manual" ? FeedRunCause::manual : FeedRunCause::schedule;
  run.started_at = Timestamp{r.i64(4)};
  run.finished_at = Timestamp{r.i64(5)};
  run.outcome = r.text(6) == "ok" ? FeedOutcome::ok : FeedOutcome::failed;
  run.http_status = r.i64(7);
  run.body_bytes = r.i64(8);
  run.error_code = r.text(9);
  run.error = r.text(10);
  run.row_count = r.i64(11);
  run.applied = r.i64(12);
  run.unchanged = r.i64(13);
  run.refused = r.i64(14);
  if (with_report) run.report_json = r.text(15);
  return run;
}

bool restrict(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.role == Role::distributor) return false;
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return false;
    sql += " AND supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
  }
  return true;
}

}  // namespace

void insert_feed(Connection& c, const SupplierFeed& f) {
  c.exec("INSERT INTO supplier_feeds (" + std::string(kColumns) +
             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0, ?, ?, ?)",
         {f.id, f.supplier_id, f.name, f.url, std::string(to_string(f.format)), f.pull_every_minutes,
          f.fresh_within_minutes, std::int64_t{f.active}, f.watch_from.unix_ms, f.version, f.created_at.unix_ms,
          f.updated_at.unix_ms});
}

std::optional<SupplierFeed> find_feed(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM supplier_feeds WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return feed_from(r.rows[0]);
}

Page<SupplierFeed> list_feeds(Connection& c, const Scope& scope, const FeedFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM supplier_feeds WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params)) return {};
  if (filter.supplier_id) {
    sql += " AND supplier_id = ?";
    params.emplace_back(*filter.supplier_id);
  }
  if (filter.active) {
    sql += " AND active = ?";
    params.emplace_back(std::int64_t{*filter.active});
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<SupplierFeed> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(feed_from(row));
  return make_page(std::move(rows), page, [](const SupplierFeed& f) { return f.id; });
}

bool update_feed(Connection& c, const Scope& scope, const SupplierFeed& f, std::int64_t expected_version) {
  std::string sql =
      "UPDATE supplier_feeds SET name = ?, url = ?, format = ?, pull_every_minutes = ?, fresh_within_minutes = ?, "
      "active = ?, watch_from = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?";
  std::vector<Value> params{f.name, f.url, std::string(to_string(f.format)), f.pull_every_minutes,
                            f.fresh_within_minutes, std::int64_t{f.active}, f.watch_from.unix_ms,
                            expected_version + 1, f.updated_at.unix_ms, f.id, expected_version};
  if (!restrict(scope, sql, params)) return false;
  return c.exec(sql, params).affected == 1;
}

std::vector<SupplierFeed> active_feeds(Connection& c) {
  std::vector<SupplierFeed> out;
  for (const Row& r : c.exec("SELECT " + std::string(kColumns) + " FROM supplier_feeds WHERE active = 1 ORDER BY id").rows) {
    out.push_back(feed_from(r));
  }
  return out;
}

void record_feed_run(Connection& c, const FeedRun& run) {
  c.exec("INSERT INTO supplier_feed_runs (" + std::string(kRunColumns) +
             ", report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {run.id, run.feed_id, run.supplier_id, std::string(to_string(run.cause)), run.started_at.unix_ms,
          run.finished_at.unix_ms, std::string(to_string(run.outcome)), run.http_status, run.body_bytes,
          run.error_code, run.error, run.row_count, run.applied, run.unchanged, run.refused, run.report_json});
  const bool ok = run.outcome == FeedOutcome::ok;
  c.exec("UPDATE supplier_feeds SET last_pull_at = ?, last_outcome = ?, last_run_id = ?, "
         "last_success_at = CASE WHEN ? = 1 THEN ? ELSE last_success_at END, "
         "failures = CASE WHEN ? = 1 THEN 0 ELSE failures + 1 END WHERE id = ?",
         {run.finished_at.unix_ms, std::string(to_string(run.outcome)), run.id, std::int64_t{ok},
          run.finished_at.unix_ms, std::int64_t{ok}, run.feed_id});
  // The runs beyond the newest kFeedRunsKept: their reports are what grows.
  c.exec("DELETE FROM supplier_feed_runs WHERE feed_id = ? AND id < (SELECT id FROM supplier_feed_runs "
         "WHERE feed_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
         {run.feed_id, run.feed_id, kFeedRunsKept - 1});
}

Page<FeedRun> list_feed_runs(Connection& c, Id feed_id, const PageRequest& page) {
  std::vector<FeedRun> rows;
  for (const Row& r : c.exec("SELECT " + std::string(kRunColumns) +
                                 " FROM supplier_feed_runs WHERE feed_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                             {feed_id, page.before_id.value_or(INT64_MAX), page.limit + 1})
                          .rows) {
    rows.push_back(run_from(r, false));
  }
  return make_page(std::move(rows), page, [](const FeedRun& r) { return r.id; });
}

std::optional<FeedRun> find_feed_run(Connection& c, Id feed_id, Id run_id) {
  Result r = c.exec("SELECT " + std::string(kRunColumns) + ", report FROM supplier_feed_runs WHERE feed_id = ? AND id = ?",
                    {feed_id, run_id});
  if (r.empty()) return std::nullopt;
  return run_from(r.rows[0], true);
}

}  // namespace daifa::store
