#pragma once
// Use cases of orders and purchase orders (issue #5): intake, review, reservation, routing, purchase
// orders, changes before shipping, and the supplier's answers. Every write records, in its transaction,
// the history rows of the moves it made, the ledger postings of the money it moved and the outbox events
// of what happened.
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/common/outcome.h"
#include "domain/orders/order.h"
#include "store/orders/ledger_repo.h"
#include "store/orders/order_repo.h"
#include "store/orders/shipment_repo.h"

namespace daifa::app {

// Who acts, as history and the journal record it ("owner@…", "supplier:123", "webhook:shopify").
struct Actor {
  std::string name;
};

struct IntakeResult {
  Order order;
  bool created = false;  // false: the channel sent this order before; this is the one kept then
};
// Accepts a valid order (always: a failing review only holds it). The draft's channel must be visible to
// `scope` (a distributor: its own channels). Fails with invalid_fields naming every bad field.
Outcome<IntakeResult> intake_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, OrderDraft draft);

// A channel's signed delivery that is not an order Daifa can take (no SKU, an unknown currency…): kept as an
// outbox event (`channel.order_refused`) with the reasons, for a person to see, while the channel is
// answered 2xx — a platform that keeps getting errors stops delivering the shop's orders altogether.
Id record_refused_delivery(store::Tx& tx, App& app, Id channel_id, std::string_view platform,
                           std::string_view external_hint, const FieldErrors& errors);

std::optional<Order> get_order(App& app, const Scope& scope, Id id);
store::Page<Order> list_orders(App& app, const Scope& scope, const store::OrderFilter& filter,
                               const store::PageRequest& page);
// Nullopt when the order is not visible to `scope`.
std::optional<std::vector<store::HistoryRow>> order_history(App& app, const Scope& scope, Id id);
std::optional<std::vector<store::Posting>> order_postings(App& app, const Scope& scope, Id id);

// on_hold → routed → purchased, skipping review (a person looked). state_conflict when the order is not
// on hold, or when it still cannot be routed (nothing changes then).
Outcome<Order> approve_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                             const std::string& note);
// Before shipping: releases reserved stock, cancels open POs, reverses the order's ledger entries.
Outcome<Order> cancel_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                            const std::string& reason);
// 催发货: counted on the order and on its POs the supplier has yet to ship.
Outcome<Order> urge_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                          const std::string& note);

struct OrderPatch {
  std::optional<ShippingAddress> shipping_address;  // before shipping
  std::optional<std::vector<DraftLine>> lines;      // only while received or on hold (nothing reserved yet)
  std::optional<std::string> note;
};
Outcome<Order> update_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                            std::int64_t expected_version, const OrderPatch& patch);

std::optional<PurchaseOrder> get_purchase_order(App& app, const Scope& scope, Id id);
store::Page<PurchaseOrder> list_purchase_orders(App& app, const Scope& scope,
                                                const store::PurchaseOrderFilter& filter,
                                                const store::PageRequest& page);
// The supplier's answers (staff may record them too). A rejection re-routes its lines to the next best
// offer of another supplier, or holds the order with out_of_stock when there is none.
Outcome<PurchaseOrder> accept_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id);
Outcome<PurchaseOrder> reject_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                                             const std::string& reason);
// Creates the PO's shipment and starts following it (app/orders/shipments.h). Shipping the same PO again
// with the same carrier and number changes nothing.
Outcome<PurchaseOrder> ship_purchase_order(store::Tx& tx, App& app, const Scope& scope, const Actor& actor, Id id,
                                           const std::string& carrier, const std::string& tracking_number);

struct TrialBalance {
  std::vector<store::AccountBalance> accounts;
  std::vector<Id> unbalanced_entries;
  bool balanced = true;  // every entry sums to zero and so does the whole
};
TrialBalance trial_balance(App& app);
store::Page<store::Posting> list_postings(App& app, const store::PostingFilter& filter,
                                          const store::PageRequest& page);

Outcome<store::BlacklistEntry> add_blacklist(store::Tx& tx, App& app, const Actor& actor, std::string kind,
                                             std::string value, std::string note);
store::Page<store::BlacklistEntry> list_blacklist(App& app, const store::PageRequest& page);
Outcome<bool> remove_blacklist(store::Tx& tx, Id id);

}  // namespace daifa::app
