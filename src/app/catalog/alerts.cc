#include "app/catalog/alerts.h"

#include <limits>

#include <boost/json.hpp>

namespace daifa::app {
namespace json = boost::json;

namespace {

json::object money_json(const Money& m) { return json::object{{"amount", m.amount_minor}, {"currency", m.currency.code()}}; }

// The numbers behind an alert, per kind, as the API shows them in `detail`.
std::string detail_of(const DueAlert& due, const OfferChangeFacts& f) {
  json::object d;
  switch (due.kind) {
    case AlertKind::out_of_stock:
      d["old_stock"] = f.before ? json::value(f.before->stock) : json::value(nullptr);
      d["stock"] = f.after.stock;
      break;
    case AlertKind::cost_up:
      d["old_cost"] = f.before ? json::value(money_json(f.before->cost)) : json::value(nullptr);
      d["cost"] = money_json(f.after.cost);
      d["rise_bp"] = due.observed == std::numeric_limits<std::int64_t>::max() ? json::value(nullptr)
                                                                              : json::value(due.observed);
      d["threshold_bp"] = due.limit;
      break;
    case AlertKind::margin_below_floor:
      d["price"] = money_json(f.price);
      d["cost"] = money_json(f.after.cost);
      d["shipping_cost"] = money_json(f.after.shipping_cost);
      d["margin_bp"] = due.observed;
      d["floor_bp"] = due.limit;
      break;
    case AlertKind::feed_late:
    case AlertKind::late_shipping:
    case AlertKind::stuck_parcel:
    case AlertKind::shipment_exception: break;  // not raised by an offer change
  }
  return json::serialize(d);
}

}  // namespace

OfferAlertPolicy alert_policy(const App&) { return OfferAlertPolicy{}; }

int raise_due_alerts(store::Tx& tx, App& app, const OfferChangeFacts& facts, const OfferAlertPolicy& policy) {
  int raised = 0;
  for (const DueAlert& due : alerts_due(facts.before, facts.after, facts.price, policy)) {
    Alert a;
    a.raised_at = app.now();
    a.id = app.new_id();
    a.kind = due.kind;
    a.supplier_id = facts.supplier_id;
    a.offer_id = facts.offer_id;
    a.sku = facts.sku;
    a.message = facts.sku + ": " + due.message;
    a.detail_json = detail_of(due, facts);
    raised += store::raise_alert(tx.conn(), a) ? 1 : 0;
  }
  return raised;
}

store::Page<Alert> list_alerts(App& app, const Scope& scope, const store::AlertFilter& filter,
                               const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_alerts(c, scope, filter, page); });
}

Outcome<Alert> acknowledge_alert(store::Tx& tx, App& app, const Scope& scope, Id id) {
  auto current = store::find_alert(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such alert");
  if (current->status == AlertStatus::open) {
    const Timestamp now = app.now();
    if (!store::acknowledge_alert(tx.conn(), scope, id, scope.user_id, now)) {
      return fail(Status::state_conflict, "the alert changed meanwhile; reload it");
    }
    current->status = AlertStatus::acknowledged;
    current->acknowledged_at = now;
    current->acknowledged_by = scope.user_id;
  }
  return *current;
}

}  // namespace daifa::app
