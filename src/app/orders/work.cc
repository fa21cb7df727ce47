#include "app/orders/work.h"

namespace daifa::app::detail {

json::object order_event(const Order& o) {
  json::object e{{"order_id", id_to_string(o.id)},
                 {"channel_id", id_to_string(o.channel_id)},
                 {"external_id", o.external_id},
                 {"status", to_string(o.status)}};
  e["distributor_id"] = o.distributor_id ? json::value(id_to_string(*o.distributor_id)) : nullptr;
  return e;
}

json::object po_event(const PurchaseOrder& po) {
  return json::object{{"purchase_order_id", id_to_string(po.id)},
                      {"order_id", id_to_string(po.order_id)},
                      {"supplier_id", id_to_string(po.supplier_id)},
                      {"status", to_string(po.status)}};
}

void save_order(store::Connection& c, Order& o, Timestamp now) {
  o.updated_at = now;
  if (!store::update_order(c, o, o.version)) {
    throw store::StoreError(store::ErrorKind::busy, "order " + id_to_string(o.id) + " changed concurrently");
  }
  ++o.version;
}

void save_po(store::Connection& c, PurchaseOrder& po, Timestamp now) {
  po.updated_at = now;
  if (!store::update_purchase_order(c, po, po.version)) {
    throw store::StoreError(store::ErrorKind::busy, "purchase order " + id_to_string(po.id) + " changed concurrently");
  }
  ++po.version;
}

OrderStatus shipping_status(const std::vector<PurchaseOrder>& pos) {
  bool any_open = false, any_shipped = false;
  for (const auto& po : pos) {
    if (po.status == PoStatus::rejected || po.status == PoStatus::cancelled) continue;
    if (po.status == PoStatus::shipped || po.status == PoStatus::delivered) any_shipped = true;
    else any_open = true;
  }
  if (any_shipped && !any_open) return OrderStatus::shipped;
  return any_shipped ? OrderStatus::partially_shipped : OrderStatus::purchased;
}

Failure po_conflict(const PurchaseOrder& po, std::string_view action) {
  return fail(Status::state_conflict, "the purchase order is " + std::string(to_string(po.status)) + "; it cannot be " +
                                          std::string(action));
}

}  // namespace daifa::app::detail
