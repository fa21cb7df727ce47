#include "app/orders/orders.h"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "domain/common/validation.h"
#include "domain/orders/ledger.h"
#include "domain/orders/review.h"
#include "domain/orders/routing.h"
#include "store/catalog/channel_repo.h"
#include "store/catalog/offer_repo.h"
#include "app/orders/work.h"

namespace daifa::app {
namespace json = boost::json;
using namespace detail;  // Work and the small helpers every order use case shares
namespace {

constexpr std::int64_t kDuplicateWindowMs = 10 * 60 * 1000;  // the same customer and lines within 10 minutes

// ---- routing plan -------------------------------------------------------------------------------------

struct LinePlan {
  std::size_t index = 0;  // into Order::lines
  std::optional<store::OfferCandidate> offer;
  std::string reason;
};
struct Plan {
  std::vector<LinePlan> lines;
  std::vector<HoldReason> holds;  // unknown_sku, currency_mismatch, out_of_stock: why a line has no offer
  std::int64_t routed_cost_minor = 0;  // Σ cost × quantity + each supplier's shipping once
};

// Routes the given lines of `o` (no side effects). `excluded[line_no]` are suppliers that refused that line.
Plan plan_routes(store::Connection& c, const Order& o, const std::vector<std::size_t>& indices,
                 const std::map<std::int64_t, std::set<Id>>& excluded) {
  std::vector<std::string> skus;
  for (std::size_t i : indices) skus.push_back(o.lines[i].sku);
  std::vector<store::SkuOffers> found = store::find_route_candidates(c, skus);
  auto offers_of = [&](const std::string& sku) -> const store::SkuOffers* {
    for (const auto& s : found) if (s.sku == sku) return &s;
    return nullptr;
  };
  Plan plan;
  std::vector<RouteLine> route_lines;
  std::vector<std::vector<const store::OfferCandidate*>> sources;  // route candidate → offer, per line
  std::set<HoldReason> holds;
  std::vector<bool> explained;  // the line's hold is already named (unknown SKU, other currency)
  for (std::size_t i : indices) {
    const OrderLine& line = o.lines[i];
    const store::SkuOffers* s = offers_of(line.sku);
    RouteLine rl{line.sku, line.quantity, {}};
    std::vector<const store::OfferCandidate*> src;
    auto ex = excluded.find(line.line_no);
    bool any_same_currency = false;
    const bool unknown = !s || !s->known;
    if (s) {
      for (const auto& offer : s->offers) {
        if (ex != excluded.end() && ex->second.count(offer.supplier_id)) continue;
        const bool same = offer.currency == o.total.currency.code();
        any_same_currency = any_same_currency || same;
        rl.candidates.push_back(RouteCandidate{offer.offer_id, offer.supplier_id, offer.unit_cost_minor,
                                               offer.shipping_minor, offer.available, offer.lead_time_days, 5'000,
                                               offer.active, same});
        src.push_back(&offer);
      }
    }
    const bool other_currency = !unknown && !rl.candidates.empty() && !any_same_currency;
    if (unknown) holds.insert(HoldReason::unknown_sku);
    if (other_currency) holds.insert(HoldReason::currency_mismatch);
    explained.push_back(unknown || other_currency);
    route_lines.push_back(std::move(rl));
    sources.push_back(std::move(src));
  }
  std::vector<LineRoute> routes = route_order(route_lines);
  std::map<Id, std::int64_t> shipping_by_supplier;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    LinePlan lp{indices[k], std::nullopt, routes[k].reason};
    if (routes[k].chosen) {
      for (const auto* offer : sources[k]) {
        if (offer->offer_id == routes[k].chosen->offer_id) lp.offer = *offer;
      }
      plan.routed_cost_minor += lp.offer->unit_cost_minor * route_lines[k].quantity;
      auto& ship = shipping_by_supplier[lp.offer->supplier_id];
      ship = std::max(ship, lp.offer->shipping_minor);
    } else if (!explained[k]) {
      holds.insert(HoldReason::out_of_stock);
    }
    plan.lines.push_back(std::move(lp));
  }
  for (const auto& [supplier, ship] : shipping_by_supplier) plan.routed_cost_minor += ship;
  plan.holds.assign(holds.begin(), holds.end());
  return plan;
}

// Reserves the plan's stock and makes one purchase order per supplier, updating the order's lines.
// False (and nothing reserved) when an offer no longer has the units: stock moved since the plan was read.
bool place(store::Connection& c, Work& w, App& app, Order& o, const Plan& plan, std::vector<PurchaseOrder>& pos) {
  std::map<Id, std::int64_t> by_offer;  // ordered by id: rows are locked in one order on every node
  for (const LinePlan& lp : plan.lines) by_offer[lp.offer->offer_id] += o.lines[lp.index].quantity;
  std::vector<std::pair<Id, std::int64_t>> done;
  for (const auto& [offer, quantity] : by_offer) {
    if (!store::reserve_stock(c, offer, quantity)) {
      for (const auto& [o2, q2] : done) store::release_stock(c, o2, q2);
      return false;
    }
    done.emplace_back(offer, quantity);
  }
  std::map<Id, PurchaseOrder> by_supplier;
  for (const LinePlan& lp : plan.lines) {
    const store::OfferCandidate& offer = *lp.offer;
    OrderLine& line = o.lines[lp.index];
    auto [it, fresh] = by_supplier.try_emplace(offer.supplier_id);
    PurchaseOrder& po = it->second;
    if (fresh) {
      po.id = app.new_id();
      po.order_id = o.id;
      po.supplier_id = offer.supplier_id;
      po.status = PoStatus::placed;
      po.cost_total = Money{0, o.total.currency};
      po.shipping_cost = Money{0, o.total.currency};
      po.payment = offer.payment_terms == PaymentTerms::prepaid ? PoPayment::prepaid : PoPayment::credit;
      // Distributors' parcels and blind-ship orders go out in neutral packaging with no inserts.
      po.neutral_packaging = po.no_inserts = o.blind_ship || o.distributor_id.has_value();
      po.ship_to = o.shipping_address;
      po.created_at = po.updated_at = w.now();
    }
    po.lines.push_back(PoLine{line.line_no, line.sku, offer.supplier_sku, offer.offer_id, line.quantity,
                              offer.unit_cost_minor});
    po.cost_total.amount_minor += offer.unit_cost_minor * line.quantity;
    po.shipping_cost.amount_minor = std::max(po.shipping_cost.amount_minor, offer.shipping_minor);
    line.offer_id = offer.offer_id;
    line.supplier_id = offer.supplier_id;
    line.purchase_order_id = po.id;
    line.unit_cost_minor = offer.unit_cost_minor;
    line.reserved = line.quantity;
    line.route_reason = lp.reason;
  }
  for (auto& [supplier, po] : by_supplier) {
    w.po_move(po, "", "placed",
              "placed with supplier " + id_to_string(supplier) + ": " + std::to_string(po.lines.size()) + " line(s), " +
                  (po.payment == PoPayment::prepaid ? "paid on acceptance" : "on credit"));
    w.event("purchase_order.placed", po_event(po));
    pos.push_back(std::move(po));
  }
  return true;
}

// Units a line holds go back to its offer.
void release_line(store::Connection& c, OrderLine& line) {
  if (line.reserved > 0 && line.offer_id) store::release_stock(c, *line.offer_id, line.reserved);
  line.reserved = 0;
}

// Reverses every entry of the order (or of one PO) that is not yet reversed.
void reverse_entries(store::Connection& c, Work& w, const Order& o, std::optional<Id> po_id, const std::string& memo) {
  std::vector<store::Posting> postings = store::postings_of_order(c, o.id);
  std::set<Id> reversed;
  for (const auto& p : postings) if (p.reverses_entry_id) reversed.insert(*p.reverses_entry_id);
  std::map<Id, std::vector<store::Posting>> entries;
  for (auto& p : postings) {
    if (p.reverses_entry_id || reversed.count(p.entry_id)) continue;
    if (po_id && p.purchase_order_id != po_id) continue;
    entries[p.entry_id].push_back(p);
  }
  for (const auto& [entry, rows] : entries) {
    std::vector<LedgerLine> lines;
    std::vector<std::string> accounts;  // LedgerLine holds views: keep the names alive
    accounts.reserve(rows.size());
    for (const auto& p : rows) accounts.push_back(p.account);
    for (std::size_t i = 0; i < rows.size(); ++i) lines.push_back({accounts[i], -rows[i].amount_minor});
    w.post(lines, *Currency::parse(rows.front().currency), o.id, rows.front().purchase_order_id,
           memo + " (reverses " + rows.front().memo + ")", entry);
  }
}

Failure not_on_hold(const Order& o) {
  return fail(Status::state_conflict,
              "the order is " + std::string(to_string(o.status)) + "; only an order on hold can be approved");
}

// Suppliers that refused each line: those of the order's rejected POs.
std::map<std::int64_t, std::set<Id>> refusals(const std::vector<PurchaseOrder>& pos) {
  std::map<std::int64_t, std::set<Id>> out;
  for (const auto& po : pos) {
    if (po.status != PoStatus::rejected) continue;
    for (const auto& l : po.lines) out[l.order_line_no].insert(po.supplier_id);
  }
  return out;
}

}  // namespace

Outcome<IntakeResult> intake_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, OrderDraft draft) {
  store::Connection& c = tx.conn();
  FieldErrors errors = validate_order_draft(draft);
  auto channel = store::find_channel(c, draft.channel_id);
  const bool visible = channel && (scope.is_staff() || (scope.role == Role::distributor && scope.distributor_id &&
                                                        channel->distributor_id == scope.distributor_id));
  if (!visible) errors.insert(errors.begin(), {"channel_id", "unknown_channel", "no channel has this id"});
  if (!errors.empty()) return fail(Status::invalid_fields, "the order has invalid fields", std::move(errors));

  if (auto existing = store::find_order_id_by_external(c, draft.channel_id, draft.external_id)) {
    auto o = store::find_order(c, Scope{}, *existing);
    if (!o) return fail(Status::internal, "the order vanished");
    return IntakeResult{std::move(*o), false};
  }

  Work w(app, actor);
  Order o;
  o.id = app.new_id();
  o.channel_id = draft.channel_id;
  o.distributor_id = channel->distributor_id;
  o.external_id = draft.external_id;
  o.customer = draft.customer;
  o.shipping_address = draft.shipping_address;
  const Currency currency = draft.lines.front().unit_price.currency;
  o.total = order_total(draft);
  o.shipping_fee = draft.shipping_fee.value_or(Money{0, currency});
  o.goods_total = Money{o.total.amount_minor - o.shipping_fee.amount_minor, currency};
  o.payment_method = draft.payment_method;
  o.paid = draft.payment_method == PaymentMethod::cod ? Money{0, currency} : draft.paid.value_or(o.total);
  o.blind_ship = draft.blind_ship;
  o.note = draft.note;
  o.created_at = o.updated_at = w.now();
  o.version = 1;
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    OrderLine l;
    l.line_no = static_cast<std::int64_t>(i);
    l.sku = draft.lines[i].sku;
    l.quantity = draft.lines[i].quantity;
    l.unit_price = draft.lines[i].unit_price;
    o.lines.push_back(std::move(l));
  }
  w.order_move(o, "", "received", "received from channel " + channel->name + " (" + std::string(to_string(channel->kind)) + ")");

  std::vector<std::size_t> all(o.lines.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  Plan plan = plan_routes(c, o, all, {});

  ReviewFacts facts;
  facts.address = o.shipping_address;
  facts.cash_on_delivery = o.payment_method == PaymentMethod::cod;
  facts.order_total = o.total;
  const std::string phone = o.shipping_address.phone;
  if (facts.cash_on_delivery) facts.customer_open_cod_minor = store::open_cod_minor(c, phone, o.id);
  facts.blacklist_match = store::blacklist_match(c, normalize_phone(phone), o.shipping_address.name,
                                                 normalize_address(o.shipping_address)) ||
                          (!o.customer.phone.empty() && o.customer.phone != phone &&
                           store::blacklist_match(c, normalize_phone(o.customer.phone), o.customer.name, ""));
  const std::string dup_key = duplicate_key(draft);
  facts.recent_similar_orders =
      static_cast<int>(store::count_recent_duplicates(c, dup_key, w.now() + (-kDuplicateWindowMs), o.id));
  if (plan.holds.empty()) facts.routed_cost_minor = plan.routed_cost_minor;
  std::vector<HoldReason> holds = review(app.config().review, facts);
  holds.insert(holds.end(), plan.holds.begin(), plan.holds.end());
  std::sort(holds.begin(), holds.end());
  holds.erase(std::unique(holds.begin(), holds.end()), holds.end());

  std::vector<PurchaseOrder> pos;
  if (holds.empty() && !place(c, w, app, o, plan, pos)) holds.push_back(HoldReason::out_of_stock);
  if (!holds.empty()) {
    for (const LinePlan& lp : plan.lines) o.lines[lp.index].route_reason = lp.reason;
    o.status = OrderStatus::on_hold;
    o.hold_reasons = holds;
    w.order_move(o, "received", "on_hold", "review: " + join_hold_reasons(holds, ", "));
  } else {
    w.order_move(o, "received", "routed",
                 "routed " + std::to_string(o.lines.size()) + " line(s) to " + std::to_string(pos.size()) + " supplier(s)");
    o.status = OrderStatus::purchased;
    w.order_move(o, "routed", "purchased", std::to_string(pos.size()) + " purchase order(s) placed");
  }
  store::insert_order(c, o, dup_key);
  store::insert_order_lines(c, o.id, o.lines);
  for (const PurchaseOrder& po : pos) store::insert_purchase_order(c, po);
  w.post(sale_postings(o), currency, o.id, std::nullopt, "sale " + o.external_id);
  w.event("order.created", order_event(o));
  if (o.status == OrderStatus::on_hold) {
    json::object e = order_event(o);
    json::array reasons;
    for (HoldReason r : o.hold_reasons) reasons.push_back(json::string(to_string(r)));
    e["hold_reasons"] = std::move(reasons);
    w.event("order.held", std::move(e));
  }
  w.flush(c);
  return IntakeResult{std::move(o), true};
}

Id record_refused_delivery(store::Tx& tx, App& app, Id channel_id, std::string_view platform,
                           std::string_view external_hint, const FieldErrors& errors) {
  json::array reasons;
  for (const FieldError& e : errors) {
    reasons.push_back(json::object{{"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  const Id id = app.new_id();
  json::object payload{{"event_id", id_to_string(id)},
                       {"type", "channel.order_refused"},
                       {"at", format_rfc3339(app.now())},
                       {"channel_id", id_to_string(channel_id)},
                       {"platform", platform},
                       {"external_id", external_hint},
                       {"errors", std::move(reasons)}};
  store::insert_outbox(tx.conn(), {store::OutboxEvent{id, "channel.order_refused", json::serialize(payload), app.now()}});
  return id;
}

std::optional<Order> get_order(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_order(c, scope, id); });
}

store::Page<Order> list_orders(App& app, const Scope& scope, const store::OrderFilter& filter,
                               const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_orders(c, scope, filter, page); });
}

std::optional<std::vector<store::HistoryRow>> order_history(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) -> std::optional<std::vector<store::HistoryRow>> {
    if (!store::find_order(c, scope, id)) return std::nullopt;
    return store::order_history(c, id);
  });
}

std::optional<std::vector<store::Posting>> order_postings(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) -> std::optional<std::vector<store::Posting>> {
    if (!store::find_order(c, scope, id)) return std::nullopt;
    return store::postings_of_order(c, id);
  });
}

Outcome<Order> approve_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                             const std::string& note) {
  store::Connection& c = tx.conn();
  auto o = store::find_order(c, scope, id);
  if (!o) return fail(Status::not_found, "no such order");
  if (o->status != OrderStatus::on_hold) return not_on_hold(*o);
  Work w(app, actor);
  std::vector<PurchaseOrder> existing = store::purchase_orders_of(c, o->id);
  std::vector<std::size_t> unrouted;
  for (std::size_t i = 0; i < o->lines.size(); ++i) {
    if (!o->lines[i].purchase_order_id || o->lines[i].reserved == 0) unrouted.push_back(i);
  }
  std::vector<PurchaseOrder> pos;
  if (!unrouted.empty()) {
    Plan plan = plan_routes(c, *o, unrouted, refusals(existing));
    if (!plan.holds.empty()) {
      return fail(Status::state_conflict, "the order still cannot be routed (" + join_hold_reasons(plan.holds, ", ") +
                                              "): " + plan.lines.front().reason);
    }
    if (!place(c, w, app, *o, plan, pos)) {
      return fail(Status::state_conflict, "the order still cannot be routed (out_of_stock): stock moved; try again");
    }
  }
  const std::string why = "approved" + (note.empty() ? std::string() : ": " + note);
  w.order_move(*o, "on_hold", "routed", why + " (held for " + join_hold_reasons(o->hold_reasons, ", ") + ")");
  w.order_move(*o, "routed", "purchased", std::to_string(pos.size()) + " purchase order(s) placed");
  o->status = OrderStatus::purchased;
  o->hold_reasons.clear();
  for (std::size_t i : unrouted) store::update_order_line_route(c, o->id, o->lines[i]);
  for (const PurchaseOrder& po : pos) store::insert_purchase_order(c, po);
  save_order(c, *o, w.now());
  w.event("order.approved", order_event(*o));
  w.flush(c);
  return std::move(*o);
}

Outcome<Order> cancel_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                            const std::string& reason) {
  store::Connection& c = tx.conn();
  auto o = store::find_order(c, scope, id);
  if (!o) return fail(Status::not_found, "no such order");
  if (o->status == OrderStatus::cancelled) return std::move(*o);  // cancelling twice changes nothing
  if (!before_shipping(o->status)) {
    return fail(Status::state_conflict, "the order is " + std::string(to_string(o->status)) +
                                            "; only an order that has not shipped can be cancelled");
  }
  Work w(app, actor);
  std::vector<PurchaseOrder> pos = store::purchase_orders_of(c, o->id);
  for (PurchaseOrder& po : pos) {
    if (po.status == PoStatus::shipped || po.status == PoStatus::delivered) {
      return fail(Status::state_conflict, "purchase order " + id_to_string(po.id) + " has shipped; the order can "
                                          "no longer be cancelled");
    }
  }
  for (OrderLine& line : o->lines) {
    if (line.reserved == 0) continue;
    release_line(c, line);
    store::update_order_line_route(c, o->id, line);
  }
  for (PurchaseOrder& po : pos) {
    if (!can_move(po.status, PoStatus::cancelled)) continue;
    const std::string from(to_string(po.status));
    po.status = PoStatus::cancelled;
    save_po(c, po, w.now());
    w.po_move(po, from, "cancelled", "order cancelled: " + reason);
    w.event("purchase_order.cancelled", po_event(po));
  }
  reverse_entries(c, w, *o, std::nullopt, "cancel " + o->external_id);
  w.order_move(*o, to_string(o->status), "cancelled", reason);
  o->status = OrderStatus::cancelled;
  save_order(c, *o, w.now());
  w.event("order.cancelled", order_event(*o));
  w.flush(c);
  return std::move(*o);
}

Outcome<Order> urge_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                          const std::string& note) {
  store::Connection& c = tx.conn();
  auto o = store::find_order(c, scope, id);
  if (!o) return fail(Status::not_found, "no such order");
  if (o->status != OrderStatus::purchased && o->status != OrderStatus::partially_shipped) {
    return fail(Status::state_conflict, "the order is " + std::string(to_string(o->status)) +
                                            "; only an order waiting for its suppliers to ship can be urged");
  }
  Work w(app, actor);
  const std::string why = "urged (催发货)" + (note.empty() ? std::string() : ": " + note);
  for (PurchaseOrder& po : store::purchase_orders_of(c, o->id)) {
    if (po.status != PoStatus::placed && po.status != PoStatus::accepted) continue;
    ++po.urge_count;
    po.last_urged_at = w.now();
    po.last_urge_note = note;
    save_po(c, po, w.now());
    w.po_move(po, to_string(po.status), to_string(po.status), why);
    w.event("purchase_order.urged", po_event(po));
  }
  ++o->urge_count;
  o->last_urged_at = w.now();
  w.order_move(*o, to_string(o->status), to_string(o->status), why);
  save_order(c, *o, w.now());
  w.flush(c);
  return std::move(*o);
}

Outcome<Order> update_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                            std::int64_t expected_version, const OrderPatch& patch) {
  store::Connection& c = tx.conn();
  auto o = store::find_order(c, scope, id);
  if (!o) return fail(Status::not_found, "no such order");
  if (o->version != expected_version) {
    return fail(Status::version_conflict, "the order was changed by someone else (now version " +
                                              std::to_string(o->version) + "); reload and retry");
  }
  if ((patch.shipping_address || patch.lines) && !before_shipping(o->status)) {
    return fail(Status::state_conflict, "the order is " + std::string(to_string(o->status)) +
                                            "; its address and lines can change only before shipping");
  }
  if (patch.lines && o->status != OrderStatus::received && o->status != OrderStatus::on_hold) {
    return fail(Status::state_conflict, "the order is " + std::string(to_string(o->status)) +
                                            "; its lines can change only before purchase (received or on_hold)");
  }
  // The same checks as intake, on the order as it would become.
  OrderDraft draft;
  draft.external_id = o->external_id;
  draft.customer = o->customer;
  draft.shipping_address = patch.shipping_address.value_or(o->shipping_address);
  draft.shipping_fee = o->shipping_fee;
  draft.payment_method = o->payment_method;
  draft.note = patch.note.value_or(o->note);
  if (patch.lines) {
    draft.lines = *patch.lines;
  } else {
    for (const OrderLine& l : o->lines) draft.lines.push_back(DraftLine{l.sku, l.quantity, l.unit_price});
  }
  FieldErrors errors = validate_order_draft(draft);
  if (!errors.empty()) return fail(Status::invalid_fields, "the change has invalid fields", std::move(errors));

  Work w(app, actor);
  std::vector<std::string> changed;
  if (patch.shipping_address) {
    o->shipping_address = *patch.shipping_address;
    changed.push_back("address");
    if (o->status == OrderStatus::on_hold) {
      auto& r = o->hold_reasons;
      r.erase(std::remove(r.begin(), r.end(), HoldReason::address_incomplete), r.end());
      if (!missing_address_fields(o->shipping_address).empty()) r.push_back(HoldReason::address_incomplete);
      std::sort(r.begin(), r.end());
    }
  }
  if (patch.lines) {
    o->lines.clear();
    for (std::size_t i = 0; i < patch.lines->size(); ++i) {
      OrderLine l;
      l.line_no = static_cast<std::int64_t>(i);
      l.sku = (*patch.lines)[i].sku;
      l.quantity = (*patch.lines)[i].quantity;
      l.unit_price = (*patch.lines)[i].unit_price;
      o->lines.push_back(std::move(l));
    }
    store::replace_order_lines(c, o->id, o->lines);
    const Money total = order_total(draft);
    if (!(total == o->total)) {
      // The sale's amounts changed: reverse the old sale entry and post the new one.
      reverse_entries(c, w, *o, std::nullopt, "lines changed " + o->external_id);
      o->total = total;
      o->goods_total = Money{total.amount_minor - o->shipping_fee.amount_minor, total.currency};
      if (o->payment_method == PaymentMethod::prepaid) o->paid.amount_minor = std::min(o->paid.amount_minor, total.amount_minor);
      w.post(sale_postings(*o), total.currency, o->id, std::nullopt, "sale " + o->external_id + " (lines changed)");
    }
    changed.push_back("lines");
  }
  if (patch.note) {
    o->note = *patch.note;
    changed.push_back("note");
  }
  if (changed.empty()) return std::move(*o);
  std::string what;
  for (const auto& s : changed) what += (what.empty() ? "" : ", ") + s;
  w.order_move(*o, to_string(o->status), to_string(o->status), "changed: " + what);
  save_order(c, *o, w.now());
  w.event("order.updated", order_event(*o));
  w.flush(c);
  return std::move(*o);
}

std::optional<PurchaseOrder> get_purchase_order(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_purchase_order(c, scope, id); });
}

store::Page<PurchaseOrder> list_purchase_orders(App& app, const Scope& scope,
                                                const store::PurchaseOrderFilter& filter,
                                                const store::PageRequest& page) {
  return app.store().reads().read(
      [&](store::Connection& c) { return store::list_purchase_orders(c, scope, filter, page); });
}


Outcome<PurchaseOrder> accept_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id) {
  store::Connection& c = tx.conn();
  auto po = store::find_purchase_order(c, scope, id);
  if (!po) return fail(Status::not_found, "no such purchase order");
  if (po->status == PoStatus::accepted) return std::move(*po);  // accepting twice changes nothing
  if (!can_move(po->status, PoStatus::accepted)) return po_conflict(*po, "accepted");
  Work w(app, actor);
  po->status = PoStatus::accepted;
  save_po(c, *po, w.now());
  w.po_move(*po, "placed", "accepted", "accepted by the supplier");
  const Currency cur = po->cost_total.currency;
  w.post(po_acceptance_postings(*po), cur, po->order_id, po->id, "payable PO " + id_to_string(po->id));
  if (po->payment == PoPayment::prepaid) {
    w.post(po_payment_postings(*po), cur, po->order_id, po->id, "paid PO " + id_to_string(po->id) + " (prepaid terms)");
  }
  w.event("purchase_order.accepted", po_event(*po));
  w.flush(c);
  return std::move(*po);
}

Outcome<PurchaseOrder> reject_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                                             const std::string& reason) {
  store::Connection& c = tx.conn();
  auto po = store::find_purchase_order(c, scope, id);
  if (!po) return fail(Status::not_found, "no such purchase order");
  if (!can_move(po->status, PoStatus::rejected)) return po_conflict(*po, "rejected");
  auto o = store::find_order(c, Scope{}, po->order_id);
  if (!o) return fail(Status::internal, "the purchase order's order is missing");
  Work w(app, actor);
  po->status = PoStatus::rejected;
  po->reject_reason = reason;
  save_po(c, *po, w.now());
  w.po_move(*po, "placed", "rejected", "rejected by supplier " + id_to_string(po->supplier_id) + ": " + reason);
  w.event("purchase_order.rejected", po_event(*po));

  // Its lines go back to routing, without the suppliers that refused them.
  std::vector<std::size_t> lines;
  for (std::size_t i = 0; i < o->lines.size(); ++i) {
    OrderLine& line = o->lines[i];
    if (line.purchase_order_id != po->id) continue;
    release_line(c, line);
    line.offer_id.reset();
    line.supplier_id.reset();
    line.purchase_order_id.reset();
    line.unit_cost_minor.reset();
    lines.push_back(i);
  }
  std::vector<PurchaseOrder> all = store::purchase_orders_of(c, o->id);
  for (auto& p : all) if (p.id == po->id) p.status = PoStatus::rejected;
  Plan plan = plan_routes(c, *o, lines, refusals(all));
  std::vector<PurchaseOrder> pos;
  const std::string why = "supplier " + id_to_string(po->supplier_id) + " rejected purchase order " +
                          id_to_string(po->id) + ": " + reason;
  if (plan.holds.empty() && place(c, w, app, *o, plan, pos)) {
    w.order_move(*o, to_string(o->status), to_string(o->status),
                 why + "; re-routed to " + std::to_string(pos.size()) + " new purchase order(s)");
    for (const PurchaseOrder& p : pos) store::insert_purchase_order(c, p);
  } else {
    for (const LinePlan& lp : plan.lines) o->lines[lp.index].route_reason = lp.reason;
    const std::string from(to_string(o->status));
    o->hold_reasons = plan.holds.empty() ? std::vector<HoldReason>{HoldReason::out_of_stock} : plan.holds;
    w.order_move(*o, from, "on_hold", why + "; no other offer can serve: " + join_hold_reasons(o->hold_reasons, ", "));
    o->status = OrderStatus::on_hold;
    w.event("order.held", order_event(*o));
  }
  for (std::size_t i : lines) store::update_order_line_route(c, o->id, o->lines[i]);
  save_order(c, *o, w.now());
  w.flush(c);
  return std::move(*po);
}

Outcome<PurchaseOrder> ship_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                                           const std::string& carrier, const std::string& tracking_number) {
  store::Connection& c = tx.conn();
  auto po = store::find_purchase_order(c, scope, id);
  if (!po) return fail(Status::not_found, "no such purchase order");
  if (po->status == PoStatus::shipped && po->carrier == carrier && po->tracking_number == tracking_number) {
    return std::move(*po);  // the same answer again changes nothing
  }
  if (!can_move(po->status, PoStatus::shipped)) return po_conflict(*po, "shipped (accept it first)");
  auto o = store::find_order(c, Scope{}, po->order_id);
  if (!o) return fail(Status::internal, "the purchase order's order is missing");
  Work w(app, actor);
  po->status = PoStatus::shipped;
  po->carrier = carrier;
  po->tracking_number = tracking_number;
  save_po(c, *po, w.now());
  w.po_move(*po, "accepted", "shipped", "shipped with " + carrier + " " + tracking_number);
  w.event("purchase_order.shipped", po_event(*po));
  // The parcel, followed from here on by its tracking events.
  store::Shipment shipment{app.new_id(), po->order_id, po->id,       po->supplier_id, carrier, tracking_number, 1,
                           "in_transit", w.now(),       w.now()};
  try {
    store::insert_shipment(c, shipment);
  } catch (const store::StoreError& e) {
    if (e.kind() != store::ErrorKind::unique_violation) throw;
    tx.abort();
    return fail(Status::invalid_fields, "this tracking number is already another parcel's",
                {{"tracking_number", "taken", "another shipment of " + carrier + " has this tracking number"}});
  }
  follow_shipment(c, app, shipment);
  w.event("shipment.created", json::object{{"shipment_id", id_to_string(shipment.id)},
                                           {"order_id", id_to_string(shipment.order_id)},
                                           {"purchase_order_id", id_to_string(shipment.purchase_order_id)},
                                           {"carrier", carrier},
                                           {"tracking_number", tracking_number},
                                           {"status", shipment.status}});
  // The shipped units leave the supplier's stock and the reservation, journaled like every stock change.
  std::vector<JournalEntry> journal;
  for (OrderLine& line : o->lines) {
    if (line.purchase_order_id != po->id || line.reserved == 0 || !line.offer_id) continue;
    auto [before, after] = store::consume_stock(c, *line.offer_id, line.reserved);
    JournalEntry j;
    j.id = app.new_id();
    j.offer_id = *line.offer_id;
    j.sku = line.sku;
    j.field = JournalField::stock;
    j.old_value = before;
    j.new_value = after;
    j.reason = "shipped purchase order " + id_to_string(po->id);
    j.actor = actor.name;
    j.at = w.now();
    journal.push_back(std::move(j));
    line.reserved = 0;
    store::update_order_line_route(c, o->id, line);
  }
  store::insert_journal(c, journal);
  std::vector<PurchaseOrder> all = store::purchase_orders_of(c, o->id);
  const OrderStatus next = shipping_status(all);
  if (next != o->status && can_move(o->status, next)) {
    w.order_move(*o, to_string(o->status), to_string(next), "purchase order " + id_to_string(po->id) + " shipped");
    o->status = next;
    save_order(c, *o, w.now());
    w.event(next == OrderStatus::shipped ? "order.shipped" : "order.partially_shipped", order_event(*o));
  }
  w.flush(c);
  return std::move(*po);
}

TrialBalance trial_balance(App& app) {
  return app.store().reads().read([&](store::Connection& c) {
    TrialBalance tb;
    tb.accounts = store::trial_balance(c);
    tb.unbalanced_entries = store::unbalanced_entries(c);
    std::map<std::string, std::int64_t> per_currency;
    for (const auto& a : tb.accounts) per_currency[a.currency] += a.balance_minor;
    tb.balanced = tb.unbalanced_entries.empty();
    for (const auto& [cur, sum] : per_currency) tb.balanced = tb.balanced && sum == 0;
    return tb;
  });
}

store::Page<store::Posting> list_postings(App& app, const store::PostingFilter& filter,
                                          const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_postings(c, filter, page); });
}

Outcome<store::BlacklistEntry> add_blacklist(store::Tx& tx, App& app, const Actor& actor, std::string kind,
                                             std::string value, std::string note) {
  FieldErrors errors;
  if (kind != "phone" && kind != "name" && kind != "address") {
    errors.push_back({"kind", "unknown_kind", "must be phone, name or address"});
  }
  // Stored in the form review compares: phones by their digits, addresses without spaces and punctuation.
  if (kind == "phone") value = normalize_phone(value);
  if (kind == "address") {
    ShippingAddress a;
    a.country.clear();
    a.line1 = value;
    value = normalize_address(a);
  }
  if (value.empty()) errors.push_back({"value", "required", "is required"});
  else check_text(errors, "value", value, 1, 300);
  if (!note.empty()) check_text(errors, "note", note, 0, 300);
  if (!errors.empty()) return fail(Status::invalid_fields, "the blacklist entry has invalid fields", std::move(errors));
  store::BlacklistEntry e{app.new_id(), std::move(kind), std::move(value), std::move(note), actor.name, app.now()};
  try {
    store::insert_blacklist(tx.conn(), e);
  } catch (const store::StoreError& err) {
    if (err.kind() != store::ErrorKind::unique_violation) throw;
    tx.abort();
    return fail(Status::already_exists, "this " + e.kind + " is already on the blacklist",
                {{"value", "already_listed", "is already on the blacklist"}});
  }
  return e;
}

store::Page<store::BlacklistEntry> list_blacklist(App& app, const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_blacklist(c, page); });
}

Outcome<bool> remove_blacklist(store::Tx& tx, Id id) {
  if (!store::delete_blacklist(tx.conn(), id)) return fail(Status::not_found, "no such blacklist entry");
  return true;
}

}  // namespace daifa::app
