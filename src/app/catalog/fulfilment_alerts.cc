#include "app/catalog/fulfilment_alerts.h"

#include <boost/json.hpp>

#include "domain/catalog/scorecard.h"
#include "store/catalog/alert_repo.h"

namespace daifa::app {
namespace json = boost::json;

namespace {

Alert new_alert(App& app, AlertKind kind, Id supplier_id, Timestamp now) {
  Alert a;
  a.id = app.new_id();
  a.kind = kind;
  a.supplier_id = supplier_id;
  a.raised_at = now;
  return a;
}

json::object shipment_detail(const store::ShipmentAlertFacts& s) {
  return json::object{{"shipment_id", id_to_string(s.shipment_id)},
                      {"purchase_order_id", id_to_string(s.purchase_order_id)},
                      {"order_id", id_to_string(s.order_id)},
                      {"carrier", s.carrier},
                      {"tracking_number", s.tracking_number},
                      {"status", s.status}};
}

int raise_late_shipping(store::Connection& c, App& app, Timestamp now) {
  int raised = 0;
  for (const store::LateShippingFacts& po : store::late_shipping_candidates(c)) {
    const Timestamp due = ship_deadline(po.accepted_at, po.lead_time_days);
    if (now <= due) continue;
    Alert a = new_alert(app, AlertKind::late_shipping, po.supplier_id, now);
    a.purchase_order_id = po.purchase_order_id;
    a.message = "purchase order " + id_to_string(po.purchase_order_id) + " was accepted " +
                format_rfc3339(po.accepted_at) + " and is not shipped within its lead time of " +
                std::to_string(po.lead_time_days) + " day(s), due " + format_rfc3339(due);
    a.detail_json = json::serialize(json::object{{"purchase_order_id", id_to_string(po.purchase_order_id)},
                                                 {"order_id", id_to_string(po.order_id)},
                                                 {"accepted_at", format_rfc3339(po.accepted_at)},
                                                 {"lead_time_days", po.lead_time_days},
                                                 {"due_at", format_rfc3339(due)},
                                                 {"since", format_rfc3339(due)}});
    raised += store::raise_alert(c, a) ? 1 : 0;
  }
  return raised;
}

int raise_stuck_parcels(store::Connection& c, App& app, Timestamp now, const FulfilmentAlertPolicy& policy) {
  int raised = 0;
  const Timestamp quiet_since{now.unix_ms - policy.stuck_after_days * kDayMs};
  for (const store::ShipmentAlertFacts& s : store::stuck_shipment_candidates(c, quiet_since)) {
    Alert a = new_alert(app, AlertKind::stuck_parcel, s.supplier_id, now);
    a.shipment_id = s.shipment_id;
    a.purchase_order_id = s.purchase_order_id;
    a.message = "parcel " + s.carrier + " " + s.tracking_number + " (shipment " + id_to_string(s.shipment_id) +
                ") has had no tracking event since " + format_rfc3339(s.since) + ", more than " +
                std::to_string(policy.stuck_after_days) + " day(s)";
    json::object d = shipment_detail(s);
    d["since"] = format_rfc3339(s.since);
    d["stuck_after_days"] = policy.stuck_after_days;
    a.detail_json = json::serialize(d);
    raised += store::raise_alert(c, a) ? 1 : 0;
  }
  return raised;
}

int raise_exceptions(store::Connection& c, App& app, Timestamp now) {
  int raised = 0;
  for (const store::ShipmentAlertFacts& s : store::exception_shipment_candidates(c)) {
    Alert a = new_alert(app, AlertKind::shipment_exception, s.supplier_id, now);
    a.shipment_id = s.shipment_id;
    a.purchase_order_id = s.purchase_order_id;
    a.message = "parcel " + s.carrier + " " + s.tracking_number + " (shipment " + id_to_string(s.shipment_id) +
                ") is " + (s.status == "returned" ? "returned to the sender" : "in exception") + " since " +
                format_rfc3339(s.since);
    json::object d = shipment_detail(s);
    d["since"] = format_rfc3339(s.since);
    a.detail_json = json::serialize(d);
    raised += store::raise_alert(c, a) ? 1 : 0;
  }
  return raised;
}

}  // namespace

int scan_fulfilment_alerts(store::Tx& tx, App& app, const FulfilmentAlertPolicy& policy) {
  const Timestamp now = app.now();
  store::Connection& c = tx.conn();
  return raise_late_shipping(c, app, now) + raise_stuck_parcels(c, app, now, policy) + raise_exceptions(c, app, now);
}

}  // namespace daifa::app
