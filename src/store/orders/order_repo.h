#pragma once
// Orders, their lines, purchase orders and the order history. Scoped: staff see everything; a distributor
// only the orders of its own channels; a supplier no order, only its own purchase orders.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/catalog/supplier.h"
#include "domain/orders/order.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

// ---- intake -----------------------------------------------------------------------------------------

std::optional<Id> find_order_id_by_external(Connection& c, Id channel_id, std::string_view external_id);

// One offer of a SKU, with what routing and purchasing need of it and of its supplier.
struct OfferCandidate {
  Id offer_id = 0;
  Id supplier_id = 0;
  std::string supplier_sku;
  std::int64_t unit_cost_minor = 0;
  std::int64_t shipping_minor = 0;
  std::string currency;
  std::int64_t available = 0;  // stock - reserved
  std::int64_t lead_time_days = 0;
  bool active = true;
  PaymentTerms payment_terms = PaymentTerms::prepaid;
  bool supplier_blind_ship = false;
};
struct SkuOffers {
  std::string sku;
  bool known = false;  // a catalog variant has this SKU
  std::vector<OfferCandidate> offers;
};
// For each distinct SKU asked (in the order given): whether it is known, and its offers in id order
// (SQLite: one lookup per SKU; PostgreSQL: one statement).
std::vector<SkuOffers> find_route_candidates(Connection& c, const std::vector<std::string>& skus);

// True when the phone, the name or the normalized address is on the blacklist.
bool blacklist_match(Connection& c, std::string_view phone, std::string_view name, std::string_view address);
// Orders with this duplicate key created at or after `since` (see duplicate_key()), other than `except`.
std::int64_t count_recent_duplicates(Connection& c, std::string_view dup_key, Timestamp since, Id except);
// Unpaid COD of orders still open (not cancelled, delivered or completed) shipping to this phone.
std::int64_t open_cod_minor(Connection& c, std::string_view phone, Id except);

// Reservation: a conditional increment, so that reserved never exceeds stock on any store under any
// concurrency. False (and nothing changed) when the offer is inactive or lacks the units.
bool reserve_stock(Connection& c, Id offer_id, std::int64_t quantity);
void release_stock(Connection& c, Id offer_id, std::int64_t quantity);
// A shipped PO's units leave the supplier's stock and the reservation together. Returns the stock
// before and after, for the journal.
std::pair<std::int64_t, std::int64_t> consume_stock(Connection& c, Id offer_id, std::int64_t quantity);

void insert_order(Connection& c, const Order& o, std::string_view dup_key);
void insert_order_lines(Connection& c, Id order_id, const std::vector<OrderLine>& lines);
// Replaces every line (an edit before purchase): deletes and inserts.
void replace_order_lines(Connection& c, Id order_id, const std::vector<OrderLine>& lines);
void update_order_line_route(Connection& c, Id order_id, const OrderLine& line);
void insert_purchase_order(Connection& c, const PurchaseOrder& po);

// ---- reads ------------------------------------------------------------------------------------------

std::optional<Order> find_order(Connection& c, const Scope& scope, Id id);
struct OrderFilter {
  std::optional<OrderStatus> status;
  std::optional<Id> channel_id;
  std::optional<HoldReason> hold_reason;
  std::string external_id;  // exact; empty = any
  std::string phone;        // the customer's, normalized (normalize_phone); empty = any
  std::optional<Timestamp> created_since;   // created at or after
  std::optional<Timestamp> created_before;  // created before
};
Page<Order> list_orders(Connection& c, const Scope& scope, const OrderFilter& filter, const PageRequest& page);

// Stores status, hold reasons, address, note, urge fields and totals of `o` as version expected + 1, and its
// duplicate key as the order now stands.
bool update_order(Connection& c, const Order& o, std::int64_t expected_version);

std::optional<PurchaseOrder> find_purchase_order(Connection& c, const Scope& scope, Id id);
struct PurchaseOrderFilter {
  std::optional<Id> supplier_id;
  std::optional<Id> order_id;
  std::optional<PoStatus> status;
  std::optional<Timestamp> created_since;   // created at or after
  std::optional<Timestamp> created_before;  // created before
};
Page<PurchaseOrder> list_purchase_orders(Connection& c, const Scope& scope, const PurchaseOrderFilter& filter,
                                         const PageRequest& page);
// Every PO of an order (for the app's transitions), oldest first, unscoped.
std::vector<PurchaseOrder> purchase_orders_of(Connection& c, Id order_id);
bool update_purchase_order(Connection& c, const PurchaseOrder& po, std::int64_t expected_version);

// ---- history ----------------------------------------------------------------------------------------

struct HistoryRow {
  Id id = 0;
  Id order_id = 0;
  std::optional<Id> purchase_order_id;
  std::string from_status;  // empty for the first row
  std::string to_status;
  std::string actor;
  std::string reason;
  Timestamp at;
};
void insert_history(Connection& c, const std::vector<HistoryRow>& rows);
// Oldest first.
std::vector<HistoryRow> order_history(Connection& c, Id order_id);

// ---- blacklist --------------------------------------------------------------------------------------

struct BlacklistEntry {
  Id id = 0;
  std::string kind;  // phone | name | address
  std::string value;
  std::string note;
  std::string created_by;
  Timestamp created_at;
};
void insert_blacklist(Connection& c, const BlacklistEntry& e);  // unique_violation when already listed
Page<BlacklistEntry> list_blacklist(Connection& c, const PageRequest& page);
bool delete_blacklist(Connection& c, Id id);

}  // namespace daifa::store
