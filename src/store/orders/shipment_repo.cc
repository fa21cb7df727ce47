#include "store/orders/shipment_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "s.id, s.order_id, s.purchase_order_id, s.supplier_id, s.carrier, s.tracking_number, s.parcels, s.status, "
    "s.created_at, s.updated_at";

Shipment shipment_from(const Row& r) {
  return Shipment{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.text(4), r.text(5), r.i64(6), r.text(7),
                  Timestamp{r.i64(8)}, Timestamp{r.i64(9)}};
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
  sql += " ORDER BY s.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Shipment> rows;
  for (const Row& r : c.exec(sql, params).rows) rows.push_back(shipment_from(r));
  return make_page(std::move(rows), page, [](const Shipment& s) { return s.id; });
}

}  // namespace daifa::store
