#pragma once
// The rules of supplier offers: what a valid offer is, what a stock or cost change means (the journal
// rows it must leave), and when it raises an alert (out of stock, cost up beyond a threshold, margin
// below the floor). Pure functions on values, so that every threshold is unit-tested without a store.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog/product.h"
#include "domain/common/money.h"
#include "domain/common/status.h"

namespace daifa {

constexpr std::size_t kMaxSyncItems = 1000;             // items per sync call or import file chunk
constexpr std::int64_t kMaxStock = 1'000'000'000;       // a larger figure is a typo, not a warehouse
constexpr std::int64_t kMaxLeadTimeDays = 365;
constexpr std::int64_t kMaxCostMinor = 100'000'000'000;  // a billion units of a 2-digit currency
constexpr std::size_t kMaxSupplierSkuChars = 64;

// Thresholds in basis points (1 bp = 0.01 %), so that no rule needs floating point.
struct OfferAlertPolicy {
  std::int64_t cost_up_threshold_bp = 1000;  // a cost rise of more than 10 % raises cost_up
  std::int64_t margin_floor_bp = 1500;       // price − cost − shipping below 15 % of the price raises margin_below_floor
};

// The first four concern an offer; the fulfilment alerts (app/catalog/fulfilment_alerts.h) concern a
// purchase order (late_shipping) or a shipment (stuck_parcel, shipment_exception).
enum class AlertKind : int {
  out_of_stock = 0,
  cost_up = 1,
  margin_below_floor = 2,
  feed_late = 3,
  late_shipping = 4,
  stuck_parcel = 5,
  shipment_exception = 6,
};
std::string_view to_string(AlertKind k);
std::optional<AlertKind> parse_alert_kind(std::string_view text);

enum class AlertStatus : int { open = 0, acknowledged = 1 };
std::string_view to_string(AlertStatus s);
std::optional<AlertStatus> parse_alert_status(std::string_view text);

// A stored alert. While one is open for a subject (offer, purchase order, shipment or feed) and kind, the same
// condition raises no second one.
struct Alert {
  Id id = 0;
  AlertKind kind = AlertKind::out_of_stock;
  AlertStatus status = AlertStatus::open;
  Id supplier_id = 0;
  std::optional<Id> offer_id;
  std::optional<Id> purchase_order_id;  // late_shipping
  std::optional<Id> shipment_id;        // stuck_parcel, shipment_exception
  std::optional<Id> feed_id;            // feed_late: the supplier feed
  std::string sku;
  std::string message;      // a sentence for people, e.g. "cost up 12.50 % (25.00 → 28.13 CNY)"
  std::string detail_json;  // the numbers behind it, per kind (see alerts in the API document)
  Timestamp raised_at;
  std::optional<Timestamp> acknowledged_at;
  std::optional<Id> acknowledged_by;  // a user id
};

enum class JournalField : int { stock = 0, cost = 1 };
std::string_view to_string(JournalField f);
std::optional<JournalField> parse_journal_field(std::string_view text);

// One row of the change journal: append-only, written in the transaction of the change.
struct JournalEntry {
  Id id = 0;
  Id offer_id = 0;
  std::string sku;
  JournalField field = JournalField::stock;
  std::optional<std::int64_t> old_value;  // null for the opening row of a new offer; cost in minor units
  std::int64_t new_value = 0;
  std::string reason;  // "sync", "edit", "created", "import:offers.csv", ...
  std::string actor;   // a user's email, "supplier:<id>", "import:<file>", ...
  Timestamp at;
  std::optional<Currency> currency;  // of a cost row (the offer's), filled on read
};

// What the rules look at: the parts of an offer that stock/cost changes and alerts concern.
struct OfferState {
  std::int64_t stock = 0;
  Money cost{0, *Currency::parse("CNY")};
  Money shipping_cost{0, *Currency::parse("CNY")};
  bool active = true;
};

// Every rule a whole offer must satisfy (not the references to supplier and SKU, which need the store);
// each broken rule names its field. `price` is the variant's price: costs must be in its currency.
FieldErrors validate_offer(const Offer& o, const Currency& price_currency);

// The margin in basis points of the price: (price − cost − shipping) / price. Nullopt when the price is
// zero or the currencies differ (margins are never computed across currencies).
std::optional<std::int64_t> margin_bp(const Money& price, const Money& cost, const Money& shipping_cost);
// How much the cost rose, in basis points of the old cost; nullopt when it did not rise. A rise from 0 is
// reported as INT64_MAX (infinitely many percent).
std::optional<std::int64_t> cost_rise_bp(std::int64_t old_cost_minor, std::int64_t new_cost_minor);

struct DueAlert {
  AlertKind kind = AlertKind::out_of_stock;
  std::int64_t observed = 0;  // out_of_stock: the stock (0); cost_up: the rise in bp; margin: the margin in bp
  std::int64_t limit = 0;     // out_of_stock: 0; cost_up: the threshold in bp; margin: the floor in bp
  std::string message;
};

// The alerts a change from `before` (nullopt for a new offer) to `after` makes due, given the variant's
// price. An inactive offer raises none: nobody buys from it. Only a change raises an alert: stock that
// stays 0 or a margin that stays low (cost and shipping unchanged) raise nothing new.
std::vector<DueAlert> alerts_due(const std::optional<OfferState>& before, const OfferState& after, const Money& price,
                                 const OfferAlertPolicy& policy);

// The journal rows (field, old, new) a change makes: one per field whose value changed; a new offer
// (before == nullopt) gets an opening row for each with old = null.
struct FieldChange {
  JournalField field = JournalField::stock;
  std::optional<std::int64_t> old_value;
  std::int64_t new_value = 0;
};
std::vector<FieldChange> journal_changes(const std::optional<OfferState>& before, const OfferState& after);

// One item of a sync push or an import row: the new stock and/or cost for one supplier SKU.
struct SyncItem {
  std::string supplier_sku;
  std::optional<std::int64_t> stock;
  std::optional<Money> cost;
  FieldErrors errors;  // problems found while reading the item (field names relative to the item)
};

enum class SyncStatus : int { applied = 0, unchanged = 1, refused = 2 };
std::string_view to_string(SyncStatus s);

// Checks an item's values on their own (before the offer is looked up). Appends to item.errors.
void check_sync_item(SyncItem& item);

// Applies an item to the offer's current state: the refusal (currency of another offer, …) or the new state.
struct SyncDecision {
  SyncStatus status = SyncStatus::unchanged;
  OfferState after;
  std::optional<FieldError> error;
};
SyncDecision decide_sync(const OfferState& current, const SyncItem& item);

// "25.00 CNY"
std::string format_money(const Money& m);

}  // namespace daifa
