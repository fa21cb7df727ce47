#include "store/orders/shipment_repo.h"

#include "store/common/sql_text.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "s.id, s.order_id, s.purchase_order_id, s.supplier_id, s.carrier, s.tracking_number, s.parcels, s.status, "
    "s.created_at, s.updated_at, s.last_event_at, s.delivered_at";

std::optional<Timestamp> opt_time(const Row& r, std::size_t i) {
  if (auto v = r.opt_i64(i)) return Timestamp{*v};
  return std::nullopt;
}
Value time_value(const std::optional<Timestamp>& t) { return t ? Value(t->unix_ms) : Value(nullptr); }

Shipment shipment_from(const Row& r) {
  return Shipment{r.i64(0),  r.i64(1),  r.i64(2), r.i64(3), r.text(4), r.text(5), r.i64(6), r.text(7),
                  Timestamp{r.i64(8)}, Timestamp{r.i64(9)}, opt_time(r, 10), opt_time(r, 11)};
}

constexpr std::string_view kSubscriptionColumns =
    "shipment_id, company, number, salt, state, last_error, created_at, updated_at";

TrackingSubscription subscription_from(const Row& r) {
  return TrackingSubscription{r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                              Timestamp{r.i64(6)}, Timestamp{r.i64(7)}};
}

// Staff: all. Supplier: its own. Distributor: its orders' (through the order). False when none is visible.
bool restrict(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.is_staff()) return true;
  if (scope.role == Role::supplier && scope.supplier_id) {
    sql += " AND s.supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
    return true;
  }
  if (scope.role == Role::distributor && scope.distributor_id) {
    sql += " AND o.distributor_id = ?";
    params.emplace_back(*scope.distributor_id);
    return true;
  }
  return false;
}

}  // namespace

void insert_shipment(Connection& c, const Shipment& s) {
  c.exec("INSERT INTO shipments (id, order_id, purchase_order_id, supplier_id, carrier, tracking_number, parcels, "
         "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {s.id, s.order_id, s.purchase_order_id, s.supplier_id, s.carrier, s.tracking_number, s.parcels, s.status,
          s.created_at.unix_ms, s.updated_at.unix_ms});
}

std::optional<Shipment> find_shipment(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return shipment_from(r.rows[0]);
}

Page<Shipment> list_shipments(Connection& c, const Scope& scope, const ShipmentFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params)) return {};
  if (filter.order_id) {
    sql += " AND s.order_id = ?";
    params.emplace_back(*filter.order_id);
  }
  if (filter.purchase_order_id) {
    sql += " AND s.purchase_order_id = ?";
    params.emplace_back(*filter.purchase_order_id);
  }
  if (filter.status) {
    sql += " AND s.status = ?";
    params.emplace_back(*filter.status);
  }
  if (filter.tracking_number) {
    sql += " AND s.tracking_number = ?";
    params.emplace_back(*filter.tracking_number);
  }
  sql += " ORDER BY s.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Shipment> rows;
  for (const Row& r : c.exec(sql, params).rows) rows.push_back(shipment_from(r));
  return make_page(std::move(rows), page, [](const Shipment& s) { return s.id; });
}

std::vector<Shipment> shipments_of_order(Connection& c, Id order_id) {
  std::vector<Shipment> out;
  for (const Row& r : c.exec("SELECT " + std::string(kColumns) + " FROM shipments s WHERE s.order_id = ? ORDER BY s.id",
                             {order_id})
                          .rows) {
    out.push_back(shipment_from(r));
  }
  return out;
}

void update_shipment_tracking(Connection& c, const Shipment& s) {
  c.exec("UPDATE shipments SET status = ?, last_event_at = ?, delivered_at = ?, updated_at = ? WHERE id = ?",
         {s.status, time_value(s.last_event_at), time_value(s.delivered_at), s.updated_at.unix_ms, s.id});
}

std::size_t insert_tracking_events(Connection& c, const std::vector<TrackingEventRow>& rows) {
  if (rows.empty()) return 0;
  std::vector<Value> params;
  params.reserve(rows.size() * 6);
  for (const TrackingEventRow& e : rows) {
    params.emplace_back(e.id);
    params.emplace_back(e.shipment_id);
    params.emplace_back(e.at.unix_ms);
    params.emplace_back(e.text);
    params.emplace_back(e.source);
    params.emplace_back(e.recorded_at.unix_ms);
  }
  Result r = c.exec("INSERT INTO tracking_events (id, shipment_id, at, text, source, recorded_at) VALUES " +
                        values_placeholders(6, rows.size()) + " ON CONFLICT DO NOTHING",
                    params);
  return static_cast<std::size_t>(r.affected);
}

std::map<Id, std::vector<TrackingEventRow>> tracking_events_of(Connection& c, const std::vector<Id>& shipment_ids) {
  std::map<Id, std::vector<TrackingEventRow>> out;
  if (shipment_ids.empty()) return out;
  std::vector<Value> params(shipment_ids.begin(), shipment_ids.end());
  Result r = c.exec("SELECT id, shipment_id, at, text, source, recorded_at FROM tracking_events WHERE shipment_id IN (" +
                        in_placeholders(shipment_ids.size()) + ") ORDER BY shipment_id, at, id",
                    params);
  for (const Row& row : r.rows) {
    out[row.i64(1)].push_back(TrackingEventRow{row.i64(0), row.i64(1), Timestamp{row.i64(2)}, row.text(3),
                                               row.text(4), Timestamp{row.i64(5)}});
  }
  return out;
}

bool insert_tracking_subscription(Connection& c, const TrackingSubscription& s) {
  return c.exec("INSERT INTO tracking_subscriptions (" + std::string(kSubscriptionColumns) +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
         {s.shipment_id, s.company, s.number, s.salt, s.state, s.last_error, s.created_at.unix_ms,
          s.updated_at.unix_ms}).affected == 1;
}

std::optional<TrackingSubscription> find_tracking_subscription(Connection& c, std::string_view company,
                                                               std::string_view number) {
  Result r = c.exec("SELECT " + std::string(kSubscriptionColumns) +
                        " FROM tracking_subscriptions WHERE company = ? AND number = ?",
                    {std::string(company), std::string(number)});
  if (r.empty()) return std::nullopt;
  return subscription_from(r.rows[0]);
}

std::optional<TrackingSubscription> tracking_subscription_of(Connection& c, Id shipment_id) {
  Result r = c.exec("SELECT " + std::string(kSubscriptionColumns) + " FROM tracking_subscriptions WHERE shipment_id = ?",
                    {shipment_id});
  if (r.empty()) return std::nullopt;
  return subscription_from(r.rows[0]);
}

void set_tracking_subscription_state(Connection& c, Id shipment_id, std::string_view state,
                                     std::string_view last_error, Timestamp at) {
  c.exec("UPDATE tracking_subscriptions SET state = ?, last_error = ?, updated_at = ? WHERE shipment_id = ?",
         {std::string(state), std::string(last_error), at.unix_ms, shipment_id});
}

bool record_tracking_push(Connection& c, std::string_view push_key, Id shipment_id, Timestamp at) {
  Result r = c.exec("INSERT INTO tracking_pushes (push_key, shipment_id, received_at) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    {std::string(push_key), shipment_id, at.unix_ms});
  return r.affected == 1;
}

}  // namespace daifa::store
