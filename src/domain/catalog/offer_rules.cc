#include "domain/catalog/offer_rules.h"

#include <array>
#include <limits>
#include <utility>

#include "domain/common/validation.h"

namespace daifa {
namespace {

constexpr std::array kAlertKinds{std::pair{AlertKind::out_of_stock, std::string_view("out_of_stock")},
                                 std::pair{AlertKind::cost_up, std::string_view("cost_up")},
                                 std::pair{AlertKind::margin_below_floor, std::string_view("margin_below_floor")},
                                 std::pair{AlertKind::feed_late, std::string_view("feed_late")},
                                 std::pair{AlertKind::late_shipping, std::string_view("late_shipping")},
                                 std::pair{AlertKind::stuck_parcel, std::string_view("stuck_parcel")},
                                 std::pair{AlertKind::shipment_exception, std::string_view("shipment_exception")}};

// Quantities and amounts: never negative, never absurdly large. "negative" gets its own code, since a
// negative stock is the mistake integrations actually make.
void check_amount(FieldErrors& errors, std::string_view field, std::int64_t value, std::int64_t max) {
  if (value < 0) {
    errors.push_back({std::string(field), "negative", "must not be negative"});
  } else if (value > max) {
    errors.push_back({std::string(field), "out_of_range", "must be at most " + std::to_string(max)});
  }
}

// a * b / c rounded toward zero. Exact for the sizes validated money takes (a * b fits easily); past
// that, divides first and loses only precision, never overflows.
std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t c) {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return product / c;
  return a / c * b;
}

std::string format_bp(std::int64_t bp) {  // 1250 → "12.50 %"
  return format_decimal_minor(bp, 2) + " %";
}

}  // namespace

std::string_view to_string(AlertKind k) {
  for (auto& [v, s] : kAlertKinds) if (v == k) return s;
  return "out_of_stock";
}

std::optional<AlertKind> parse_alert_kind(std::string_view text) {
  for (auto& [v, s] : kAlertKinds) if (s == text) return v;
  return std::nullopt;
}

std::string_view to_string(AlertStatus s) { return s == AlertStatus::open ? "open" : "acknowledged"; }

std::optional<AlertStatus> parse_alert_status(std::string_view text) {
  if (text == "open") return AlertStatus::open;
  if (text == "acknowledged") return AlertStatus::acknowledged;
  return std::nullopt;
}

std::string_view to_string(JournalField f) { return f == JournalField::stock ? "stock" : "cost"; }

std::optional<JournalField> parse_journal_field(std::string_view text) {
  if (text == "stock") return JournalField::stock;
  if (text == "cost") return JournalField::cost;
  return std::nullopt;
}

std::string_view to_string(SyncStatus s) {
  switch (s) {
    case SyncStatus::applied: return "applied";
    case SyncStatus::unchanged: return "unchanged";
    case SyncStatus::refused: return "refused";
  }
  return "refused";
}

std::string format_money(const Money& m) {
  return format_decimal_minor(m.amount_minor, m.currency.minor_digits()) + " " + std::string(m.currency.code());
}

FieldErrors validate_offer(const Offer& o, const Currency& price_currency) {
  FieldErrors errors;
  check_text(errors, "supplier_sku", o.supplier_sku, 1, kMaxSupplierSkuChars);
  check_amount(errors, "cost", o.cost.amount_minor, kMaxCostMinor);
  check_amount(errors, "shipping_cost", o.shipping_cost.amount_minor, kMaxCostMinor);
  check_amount(errors, "stock", o.stock, kMaxStock);
  check_amount(errors, "lead_time_days", o.lead_time_days, kMaxLeadTimeDays);
  // Converting currencies is refused: an offer is costed in the currency its variant is priced in.
  if (!(o.cost.currency == price_currency)) {
    errors.push_back({"cost", "currency_mismatch",
                      "must be in " + std::string(price_currency.code()) + ", the currency of the variant's price"});
  }
  if (!(o.shipping_cost.currency == o.cost.currency)) {
    errors.push_back({"shipping_cost", "currency_mismatch", "must be in the currency of the cost"});
  }
  return errors;
}

std::optional<std::int64_t> margin_bp(const Money& price, const Money& cost, const Money& shipping_cost) {
  if (price.amount_minor <= 0 || !(price.currency == cost.currency) || !(price.currency == shipping_cost.currency)) {
    return std::nullopt;
  }
  // All three are bounded (≤ 1e11 each), so the sum cannot overflow.
  std::int64_t margin = price.amount_minor - cost.amount_minor - shipping_cost.amount_minor;
  return mul_div(margin, 10'000, price.amount_minor);
}

std::optional<std::int64_t> cost_rise_bp(std::int64_t old_cost_minor, std::int64_t new_cost_minor) {
  if (new_cost_minor <= old_cost_minor) return std::nullopt;
  if (old_cost_minor <= 0) return std::numeric_limits<std::int64_t>::max();
  return mul_div(new_cost_minor - old_cost_minor, 10'000, old_cost_minor);
}

std::vector<DueAlert> alerts_due(const std::optional<OfferState>& before, const OfferState& after, const Money& price,
                                 const OfferAlertPolicy& policy) {
  std::vector<DueAlert> due;
  if (!after.active) return due;
  // Out of stock: the stock reaches 0 (a new offer listed with no stock counts too).
  if (after.stock == 0 && (!before || before->stock != 0 || !before->active)) {
    std::string was = before ? " (was " + std::to_string(before->stock) + ")" : "";
    due.push_back({AlertKind::out_of_stock, 0, 0, "out of stock" + was});
  }
  // Cost up: compared with the previous cost, beyond the threshold.
  if (before) {
    auto rise = cost_rise_bp(before->cost.amount_minor, after.cost.amount_minor);
    if (rise && *rise > policy.cost_up_threshold_bp) {
      std::string pct = *rise == std::numeric_limits<std::int64_t>::max() ? "from zero" : format_bp(*rise);
      due.push_back({AlertKind::cost_up, *rise, policy.cost_up_threshold_bp,
                     "cost up " + pct + " (" + format_money(before->cost) + " → " + format_money(after.cost) +
                         "), above the " + format_bp(policy.cost_up_threshold_bp) + " threshold"});
    }
  }
  // Margin below the floor: checked when what the margin depends on (cost, shipping) changed.
  bool costs_changed = !before || before->cost != after.cost || before->shipping_cost != after.shipping_cost ||
                       !before->active;
  if (costs_changed) {
    auto margin = margin_bp(price, after.cost, after.shipping_cost);
    if (margin && *margin < policy.margin_floor_bp) {
      due.push_back({AlertKind::margin_below_floor, *margin, policy.margin_floor_bp,
                     "margin " + format_bp(*margin) + " of the price " + format_money(price) + " (cost " +
                         format_money(after.cost) + " + shipping " + format_money(after.shipping_cost) +
                         ") is below the " + format_bp(policy.margin_floor_bp) + " floor"});
    }
  }
  return due;
}

std::vector<FieldChange> journal_changes(const std::optional<OfferState>& before, const OfferState& after) {
  std::vector<FieldChange> changes;
  if (!before || before->stock != after.stock) {
    changes.push_back({JournalField::stock, before ? std::optional(before->stock) : std::nullopt, after.stock});
  }
  if (!before || before->cost.amount_minor != after.cost.amount_minor) {
    changes.push_back({JournalField::cost, before ? std::optional(before->cost.amount_minor) : std::nullopt,
                       after.cost.amount_minor});
  }
  return changes;
}

void check_sync_item(SyncItem& item) {
  check_text(item.errors, "supplier_sku", item.supplier_sku, 1, kMaxSupplierSkuChars);
  if (!item.stock && !item.cost && item.errors.empty()) {
    item.errors.push_back({"stock", "required", "give stock, cost or both"});
  }
  if (item.stock) check_amount(item.errors, "stock", *item.stock, kMaxStock);
  if (item.cost) check_amount(item.errors, "cost", item.cost->amount_minor, kMaxCostMinor);
}

SyncDecision decide_sync(const OfferState& current, const SyncItem& item) {
  SyncDecision d;
  d.after = current;
  if (!item.errors.empty()) {
    d.status = SyncStatus::refused;
    d.error = item.errors.front();
    return d;
  }
  if (item.cost && !(item.cost->currency == current.cost.currency)) {
    d.status = SyncStatus::refused;
    d.error = FieldError{"cost", "currency_mismatch",
                         "must be in " + std::string(current.cost.currency.code()) + ", the currency of this offer"};
    return d;
  }
  if (item.stock) d.after.stock = *item.stock;
  if (item.cost) d.after.cost = *item.cost;
  bool changed = d.after.stock != current.stock || d.after.cost != current.cost;
  d.status = changed ? SyncStatus::applied : SyncStatus::unchanged;
  return d;
}

}  // namespace daifa
