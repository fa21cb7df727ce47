#include "store/catalog/alert_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, kind, status, supplier_id, offer_id, sku, message, detail, raised_at, acknowledged_at, acknowledged_by, "
    "purchase_order_id, shipment_id, feed_id";

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
  a.purchase_order_id = r.opt_i64(11);
  a.shipment_id = r.opt_i64(12);
  a.feed_id = r.opt_i64(13);
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
  // The partial unique indexes alerts_open_once* (kind, subject) WHERE status = 'open' are the
  // de-duplication (0011).
  Result r = c.exec("INSERT INTO alerts (" + std::string(kColumns) +
                        ") VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?) ON CONFLICT DO NOTHING",
                    {a.id, std::string(to_string(a.kind)), a.supplier_id, opt(a.offer_id), a.sku, a.message,
                     a.detail_json, a.raised_at.unix_ms, opt(a.purchase_order_id), opt(a.shipment_id),
                     opt(a.feed_id)});
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
  if (filter.purchase_order_id) {
    sql += " AND purchase_order_id = ?";
    params.emplace_back(*filter.purchase_order_id);
  }
  if (filter.shipment_id) {
    sql += " AND shipment_id = ?";
    params.emplace_back(*filter.shipment_id);
  }
  if (filter.feed_id) {
    sql += " AND feed_id = ?";
    params.emplace_back(*filter.feed_id);
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

std::vector<LateShippingFacts> late_shipping_candidates(Connection& c) {
  // Accepted POs (partial index purchase_orders_accepted), when they were accepted, and the longest lead time
  // of their lines' offers; without those that already had a late_shipping alert (a PO is late once).
  Result r = c.exec(
      "SELECT p.id, p.supplier_id, p.order_id, MAX(h.at), "
      "(SELECT MAX(f.lead_time_days) FROM purchase_order_lines l JOIN offers f ON f.id = l.offer_id "
      "WHERE l.purchase_order_id = p.id) "
      "FROM purchase_orders p JOIN order_history h ON h.order_id = p.order_id AND h.purchase_order_id = p.id "
      "AND h.to_status = 'accepted' "
      "WHERE p.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.purchase_order_id = p.id "
      "AND a.kind = 'late_shipping') "
      "GROUP BY p.id, p.supplier_id, p.order_id ORDER BY p.id",
      {});
  std::vector<LateShippingFacts> out;
  for (const Row& row : r.rows) {
    out.push_back(LateShippingFacts{row.i64(0), row.i64(1), row.i64(2), Timestamp{row.i64(3)}, row.opt_i64(4).value_or(0)});
  }
  return out;
}

std::vector<ShipmentAlertFacts> stuck_shipment_candidates(Connection& c, Timestamp quiet_since) {
  // Open parcels (index shipments_open) whose last scan, or creation when none came, is older than
  // `quiet_since`; without those alerted already for this quiet spell (open, or raised after its start).
  Result r = c.exec(
      "SELECT s.id, s.supplier_id, s.order_id, s.purchase_order_id, s.status, s.carrier, s.tracking_number, "
      "COALESCE(s.last_event_at, s.created_at) FROM shipments s "
      "WHERE s.status IN ('label_created', 'in_transit') AND COALESCE(s.last_event_at, s.created_at) < ? "
      "AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.shipment_id = s.id AND a.kind = 'stuck_parcel' "
      "AND (a.status = 'open' OR a.raised_at >= COALESCE(s.last_event_at, s.created_at))) ORDER BY s.id",
      {quiet_since.unix_ms});
  std::vector<ShipmentAlertFacts> out;
  for (const Row& row : r.rows) {
    out.push_back(ShipmentAlertFacts{row.i64(0), row.i64(1), row.i64(2), row.i64(3), row.text(4), row.text(5),
                                     row.text(6), Timestamp{row.i64(7)}});
  }
  return out;
}

bool feed_alerted_since(Connection& c, Id feed_id, Timestamp since) {
  return !c.exec("SELECT 1 FROM alerts WHERE feed_id = ? AND kind = 'feed_late' AND (status = 'open' OR raised_at >= ?) "
                 "LIMIT 1",
                 {feed_id, since.unix_ms})
              .empty();
}

std::vector<ShipmentAlertFacts> exception_shipment_candidates(Connection& c) {
  // Parcels in exception or returned; without those alerted since their status last changed.
  Result r = c.exec(
      "SELECT s.id, s.supplier_id, s.order_id, s.purchase_order_id, s.status, s.carrier, s.tracking_number, "
      "s.updated_at FROM shipments s WHERE s.status IN ('exception', 'returned') "
      "AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.shipment_id = s.id AND a.kind = 'shipment_exception' "
      "AND (a.status = 'open' OR a.raised_at >= s.updated_at)) ORDER BY s.id",
      {});
  std::vector<ShipmentAlertFacts> out;
  for (const Row& row : r.rows) {
    out.push_back(ShipmentAlertFacts{row.i64(0), row.i64(1), row.i64(2), row.i64(3), row.text(4), row.text(5),
                                     row.text(6), Timestamp{row.i64(7)}});
  }
  return out;
}

}  // namespace daifa::store
