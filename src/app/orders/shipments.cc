#include "app/orders/shipments.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/json.hpp>

#include "app/crypto.h"
#include "app/jobs.h"
#include "app/orders/work.h"
#include "domain/common/validation.h"

namespace daifa::app {
namespace json = boost::json;
using namespace detail;  // Work and the helpers the order use cases share

namespace {

json::object shipment_event(const store::Shipment& s, const std::optional<TrackingScan>& latest) {
  json::object e{{"shipment_id", id_to_string(s.id)},
                 {"order_id", id_to_string(s.order_id)},
                 {"purchase_order_id", id_to_string(s.purchase_order_id)},
                 {"carrier", s.carrier},
                 {"tracking_number", s.tracking_number},
                 {"status", s.status}};
  if (latest) {
    e["latest_event"] = json::object{{"at", format_rfc3339(latest->at)}, {"text", latest->text}};
  } else {
    e["latest_event"] = nullptr;
  }
  return e;
}

// The shipment's PO is delivered; the order too once every live PO is and every parcel has arrived.
void deliver(store::Connection& c, Work& w, const store::Shipment& s) {
  auto po = store::find_purchase_order(c, Scope{}, s.purchase_order_id);
  if (po && po->status == PoStatus::shipped && can_move(po->status, PoStatus::delivered)) {
    po->status = PoStatus::delivered;
    save_po(c, *po, w.now());
    w.po_move(*po, "shipped", "delivered", "parcel " + s.carrier + " " + s.tracking_number + " delivered");
    w.event("purchase_order.delivered", po_event(*po));
  }
  auto o = store::find_order(c, Scope{}, s.order_id);
  if (!o || !can_move(o->status, OrderStatus::delivered)) return;
  for (const PurchaseOrder& p : store::purchase_orders_of(c, o->id)) {
    if (p.status != PoStatus::rejected && p.status != PoStatus::cancelled && p.status != PoStatus::delivered) return;
  }
  for (const store::Shipment& other : store::shipments_of_order(c, o->id)) {
    if (other.id != s.id && other.status != "delivered") return;
  }
  w.order_move(*o, to_string(o->status), "delivered", "every parcel delivered");
  o->status = OrderStatus::delivered;
  save_order(c, *o, w.now());
  w.event("order.delivered", order_event(*o));
}

TrackingApplied apply_to(store::Connection& c, App& app, const Actor& actor, store::Shipment s,
                         const TrackingReport& report) {
  Work w(app, actor);
  std::vector<store::TrackingEventRow> rows;
  rows.reserve(report.scans.size());
  std::optional<TrackingScan> latest;
  for (const TrackingScan& scan : report.scans) {
    rows.push_back(store::TrackingEventRow{app.new_id(), s.id, scan.at, scan.text, report.source, w.now()});
    if (!latest || scan.at > latest->at) latest = scan;
  }
  TrackingApplied out;
  out.new_scans = store::insert_tracking_events(c, rows);
  const ShipmentStatus current = parse_shipment_status(s.status).value_or(ShipmentStatus::in_transit);
  const ShipmentStatus next = next_shipment_status(current, report.status, !report.scans.empty());
  std::optional<Timestamp> last_event_at = s.last_event_at;
  if (latest && (!last_event_at || latest->at > *last_event_at)) last_event_at = latest->at;
  out.status_changed = next != current;
  if (!out.status_changed && out.new_scans == 0 && last_event_at == s.last_event_at) {
    out.shipment = std::move(s);
    return out;
  }
  s.status = std::string(to_string(next));
  s.last_event_at = last_event_at;
  s.updated_at = w.now();
  if (next == ShipmentStatus::delivered && !s.delivered_at) s.delivered_at = latest ? latest->at : w.now();
  store::update_shipment_tracking(c, s);
  if (out.status_changed) {
    w.event("shipment." + s.status, shipment_event(s, latest));
    if (next == ShipmentStatus::delivered) deliver(c, w, s);
  }
  w.flush(c);
  out.shipment = std::move(s);
  return out;
}

std::string lower_trimmed(std::string_view text) {
  std::string out(trim_spaces(text));
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

std::string tracking_company(std::string_view carrier) {
  return kuaidi100_company(carrier).value_or(lower_trimmed(carrier));
}

namespace detail {

void follow_shipment(store::Connection& c, App& app, const store::Shipment& s) {
  const std::string company = tracking_company(s.carrier);
  const auto& polled = app.config().polled_carriers;
  const Timestamp now = app.now();
  if (std::find(polled.begin(), polled.end(), company) != polled.end()) {
    store::schedule_job(c, app.new_id(), kJobTrackingPoll, s.id, now + app.config().tracking_poll_interval_ms, now);
    return;
  }
  store::TrackingSubscription sub{s.id, company, s.tracking_number, random_token(18), "pending", "", now, now};
  if (store::insert_tracking_subscription(c, sub)) {
    store::schedule_job(c, app.new_id(), kJobKuaidi100Subscribe, s.id, now, now);
  }
}

}  // namespace detail

namespace {
std::optional<ShipmentView> shipment_view(store::Connection& c, const Scope& scope, Id id) {
  auto s = store::find_shipment(c, scope, id);
  if (!s) return std::nullopt;
  auto events = store::tracking_events_of(c, {s->id});
  return ShipmentView{std::move(*s), std::move(events[id])};
}
}  // namespace

std::optional<ShipmentView> get_shipment(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return shipment_view(c, scope, id); });
}

std::optional<ShipmentView> get_shipment_in(store::Tx& tx, const Scope& scope, Id id) {
  return shipment_view(tx.conn(), scope, id);
}

store::Page<ShipmentView> list_shipments(App& app, const Scope& scope, const store::ShipmentFilter& filter,
                                         const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) {
    store::Page<store::Shipment> shipments = store::list_shipments(c, scope, filter, page);
    std::vector<Id> ids;
    for (const auto& s : shipments.items) ids.push_back(s.id);
    auto events = store::tracking_events_of(c, ids);
    store::Page<ShipmentView> out;
    out.next_before_id = shipments.next_before_id;
    for (auto& s : shipments.items) {
      const Id id = s.id;
      out.items.push_back(ShipmentView{std::move(s), std::move(events[id])});
    }
    return out;
  });
}

Outcome<TrackingApplied> apply_tracking(store::Tx& tx, App& app, const Scope& scope, const Actor& actor,
                                        Id shipment_id, const TrackingReport& report) {
  auto s = store::find_shipment(tx.conn(), scope, shipment_id);
  if (!s) return fail(Status::not_found, "no such shipment");
  return apply_to(tx.conn(), app, actor, std::move(*s), report);
}

// (company, number) → the subscription's parcel and salt, which never change once written: nothing to
// invalidate. Only subscriptions found are remembered (one made later is read then). Bounded: when full it
// starts over, so a server following more parcels than that reads the store for some pushes again.
class PushSubscriptions {
 public:
  static constexpr std::size_t kMaxEntries = 200'000;

  std::optional<PushSubscription> find(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void remember(std::string key, PushSubscription s) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.insert_or_assign(std::move(key), std::move(s));
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, PushSubscription> entries_;
};

std::shared_ptr<PushSubscriptions> make_push_subscriptions() { return std::make_shared<PushSubscriptions>(); }

std::optional<PushSubscription> push_subscription(App& app, std::string_view company, std::string_view number) {
  std::string key = std::to_string(company.size());  // the length first: no two pairs make one key
  key.push_back(':');
  key.append(company).append(number);
  if (auto known = app.push_subscriptions().find(key)) return known;
  auto found = app.store().reads().read(
      [&](store::Connection& c) { return store::find_tracking_subscription(c, company, number); });
  if (!found) return std::nullopt;
  PushSubscription s{found->shipment_id, std::move(found->salt)};
  app.push_subscriptions().remember(std::move(key), s);
  return s;
}

Outcome<TrackingApplied> apply_tracking_push(store::Tx& tx, App& app, Id shipment_id, const std::string& push_key,
                                             bool finished, const TrackingReport& report) {
  store::Connection& c = tx.conn();
  auto s = store::find_shipment(c, Scope{}, shipment_id);
  if (!s) return fail(Status::not_found, "no such shipment");
  if (!store::record_tracking_push(c, push_key, shipment_id, app.now())) {
    TrackingApplied same;
    same.shipment = std::move(*s);
    same.duplicate = true;
    return same;
  }
  TrackingApplied applied = apply_to(c, app, Actor{"carrier:" + report.source}, std::move(*s), report);
  if (finished) store::set_tracking_subscription_state(c, shipment_id, "closed", "", app.now());
  return applied;
}

std::optional<TrackingTask> tracking_task(App& app, Id shipment_id) {
  return app.store().reads().read([&](store::Connection& c) -> std::optional<TrackingTask> {
    auto s = store::find_shipment(c, Scope{}, shipment_id);
    if (!s) return std::nullopt;
    TrackingTask task;
    task.company = tracking_company(s->carrier);
    task.subscription = store::tracking_subscription_of(c, shipment_id);
    if (auto o = store::find_order(c, Scope{}, s->order_id)) task.receiver_phone = o->shipping_address.phone;
    task.shipment = std::move(*s);
    return task;
  });
}

void set_tracking_subscription_state(App& app, Id shipment_id, std::string_view state, std::string_view error) {
  const Timestamp now = app.now();
  app.store().writer().run([&](store::Tx& tx) {
    store::set_tracking_subscription_state(tx.conn(), shipment_id, state, error, now);
  });
}

}  // namespace daifa::app
