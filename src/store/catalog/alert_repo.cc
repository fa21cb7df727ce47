#include "store/catalog/alert_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, kind, status, supplier_id, offer_id, sku, message, detail, raised_at, acknowledged_at, acknowledged_by";

Alert alert_from(const Row& r) {
  Alert a;
  a.id = r.i64(0);
  a.kind = parse_alert_kind(r.text(1)).value_or(AlertKind::out_of_stock);
  a.status = parse_alert_status(r.text(2)).value_or(AlertStatus::open);
  a.supplier_id = r.i64(3);
  a.offer_id = r.opt_i64(4);
  a.sku = r.text(5);
  a.message = r.text(6);
  a.detail_json = r.text(7);
  a.raised_at = Timestamp{r.i64(8)};
  if (auto at = r.opt_i64(9)) a.acknowledged_at = Timestamp{*at};
  a.acknowledged_by = r.opt_i64(10);
  return a;
}

// Appends the scope's restriction. False when the scope may see no alert at all.
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

bool raise_alert(Connection& c, const Alert& a) {
  // The partial unique index alerts_open_once (kind, offer_id) WHERE status = 'open' is the de-duplication.
  Result r = c.exec("INSERT INTO alerts (" + std::string(kColumns) +
                        ") VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT DO NOTHING",
                    {a.id, std::string(to_string(a.kind)), a.supplier_id,
                     a.offer_id ? Value(*a.offer_id) : Value(nullptr), a.sku, a.message, a.detail_json,
                     a.raised_at.unix_ms});
  return r.affected == 1;
}

Page<Alert> list_alerts(Connection& c, const Scope& scope, const AlertFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM alerts WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params)) return {};
  if (filter.kind) {
    sql += " AND kind = ?";
    params.emplace_back(std::string(to_string(*filter.kind)));
  }
  if (filter.status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(to_string(*filter.status)));
  }
  if (filter.offer_id) {
    sql += " AND offer_id = ?";
    params.emplace_back(*filter.offer_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Alert> rows;
  for (const Row& r : c.exec(sql, params).rows) rows.push_back(alert_from(r));
  return make_page(std::move(rows), page, [](const Alert& a) { return a.id; });
}

std::optional<Alert> find_alert(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM alerts WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return alert_from(r.rows[0]);
}

bool acknowledge_alert(Connection& c, const Scope& scope, Id id, Id user_id, Timestamp at) {
  std::string sql =
      "UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND status = 'open'";
  std::vector<Value> params{at.unix_ms, user_id, id};
  if (!restrict(scope, sql, params)) return false;
  return c.exec(sql, params).affected == 1;
}

}  // namespace daifa::store
