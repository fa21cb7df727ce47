#include "domain/orders/order.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "domain/common/validation.h"

namespace daifa {
namespace {

constexpr std::array kPoNames{
    std::pair{PoStatus::placed, std::string_view("placed")},
    std::pair{PoStatus::accepted, std::string_view("accepted")},
    std::pair{PoStatus::rejected, std::string_view("rejected")},
    std::pair{PoStatus::shipped, std::string_view("shipped")},
    std::pair{PoStatus::delivered, std::string_view("delivered")},
    std::pair{PoStatus::cancelled, std::string_view("cancelled")},
};

constexpr std::array kPoMoves{
    std::pair{PoStatus::placed, PoStatus::accepted},   std::pair{PoStatus::placed, PoStatus::rejected},
    std::pair{PoStatus::placed, PoStatus::cancelled},  std::pair{PoStatus::accepted, PoStatus::shipped},
    std::pair{PoStatus::accepted, PoStatus::cancelled}, std::pair{PoStatus::shipped, PoStatus::delivered},
};

// Text fields of an order are checked for UTF-8 and length only; emptiness is review's business.
void optional_text(FieldErrors& errors, const std::string& field, const std::string& value, std::size_t max) {
  if (!value.empty()) check_text(errors, field, value, 0, max);
}

void check_money(FieldErrors& errors, const std::string& field, const Money& m, const Currency& currency) {
  if (m.amount_minor < 0) errors.push_back({field, "must_not_be_negative", "must be 0 or more"});
  if (!(m.currency == currency)) {
    errors.push_back({field + ".currency", "currency_mismatch",
                      "must be " + std::string(currency.code()) + ", the order's currency; Daifa converts none"});
  }
}

}  // namespace

std::string_view to_string(PaymentMethod m) { return m == PaymentMethod::cod ? "cod" : "prepaid"; }

std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
  if (text == "prepaid") return PaymentMethod::prepaid;
  if (text == "cod") return PaymentMethod::cod;
  return std::nullopt;
}

std::string_view to_string(PoStatus s) {
  for (auto& [v, n] : kPoNames) if (v == s) return n;
  return "placed";
}

std::optional<PoStatus> parse_po_status(std::string_view text) {
  for (auto& [v, n] : kPoNames) if (n == text) return v;
  return std::nullopt;
}

bool can_move(PoStatus from, PoStatus to) {
  for (auto& [a, b] : kPoMoves) if (a == from && b == to) return true;
  return false;
}

std::string_view to_string(PoPayment p) { return p == PoPayment::prepaid ? "prepaid" : "credit"; }

FieldErrors validate_order_draft(const OrderDraft& d) {
  FieldErrors errors;
  if (d.external_id.empty()) errors.push_back({"external_id", "required", "is required"});
  else check_text(errors, "external_id", d.external_id, 1, 100);
  optional_text(errors, "customer.name", d.customer.name, 100);
  optional_text(errors, "customer.phone", d.customer.phone, 40);
  if (!d.customer.email.empty()) check_email(errors, "customer.email", d.customer.email);
  const ShippingAddress& a = d.shipping_address;
  optional_text(errors, "shipping_address.name", a.name, 100);
  optional_text(errors, "shipping_address.phone", a.phone, 40);
  if (a.country.size() != 2 || !std::all_of(a.country.begin(), a.country.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    errors.push_back({"shipping_address.country", "must_be_country_code", "must be an ISO 3166-1 code such as CN"});
  }
  optional_text(errors, "shipping_address.province", a.province, 100);
  optional_text(errors, "shipping_address.city", a.city, 100);
  optional_text(errors, "shipping_address.district", a.district, 100);
  optional_text(errors, "shipping_address.line1", a.line1, 300);
  optional_text(errors, "shipping_address.postal_code", a.postal_code, 20);
  optional_text(errors, "note", d.note, 500);
  if (d.lines.empty()) {
    errors.push_back({"lines", "required", "must have at least one line"});
    return errors;
  }
  if (d.lines.size() > kMaxOrderLines) {
    errors.push_back({"lines", "too_many_lines", "must have at most " + std::to_string(kMaxOrderLines) + " lines"});
  }
  const Currency currency = d.lines.front().unit_price.currency;
  __int128 total = 0;
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const DraftLine& l = d.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    if (l.sku.empty()) errors.push_back({at + ".sku", "required", "is required"});
    else check_text(errors, at + ".sku", l.sku, 1, 64);
    check_range(errors, at + ".quantity", l.quantity, 1, kMaxLineQuantity);
    check_money(errors, at + ".unit_price", l.unit_price, currency);
    total += __int128{l.unit_price.amount_minor} * std::max<std::int64_t>(l.quantity, 0);
  }
  if (d.shipping_fee) {
    check_money(errors, "shipping_fee", *d.shipping_fee, currency);
    total += d.shipping_fee->amount_minor;
  }
  if (total > __int128{1} << 53) errors.push_back({"lines", "total_too_large", "the order's total is too large"});
  if (d.paid) {
    check_money(errors, "payment.paid", *d.paid, currency);
    if (d.payment_method == PaymentMethod::cod && d.paid->amount_minor != 0) {
      errors.push_back({"payment.paid", "cod_paid", "a cash-on-delivery order is paid on delivery: must be 0"});
    } else if (d.paid->amount_minor > total) {
      errors.push_back({"payment.paid", "exceeds_total", "must not exceed the order's total"});
    }
  }
  return errors;
}

Money order_total(const OrderDraft& d) {
  Money total{0, d.lines.empty() ? *Currency::parse("CNY") : d.lines.front().unit_price.currency};
  for (const DraftLine& l : d.lines) total.amount_minor += l.unit_price.amount_minor * l.quantity;
  if (d.shipping_fee) total.amount_minor += d.shipping_fee->amount_minor;
  return total;
}

namespace {

// A draft and an order alike: the shipping phone (else the customer's, else the address) and the lines'
// SKUs and quantities in SKU order.
template <class Source>
std::string duplicate_key_of(const Source& s) {
  std::vector<std::pair<std::string_view, std::int64_t>> items;
  items.reserve(s.lines.size());
  for (const auto& l : s.lines) items.emplace_back(l.sku, l.quantity);
  std::sort(items.begin(), items.end());
  const ShippingAddress& address = s.shipping_address;
  std::string phone = normalize_phone(address.phone.empty() ? s.customer.phone : address.phone);
  std::string key = phone.empty() ? normalize_address(address) : phone;
  for (const auto& [sku, quantity] : items) {
    key += '|';
    key += sku;
    key += '*';
    key += std::to_string(quantity);
  }
  return key;
}

}  // namespace

std::string duplicate_key(const OrderDraft& d) { return duplicate_key_of(d); }
std::string duplicate_key(const Order& o) { return duplicate_key_of(o); }

std::pair<std::string, std::string> duplicate_key_phone_range(std::string_view normalized_phone) {
  // '|' follows the phone in every key that has one, and '}' is the character after '|': digits never
  // reach either, so another phone that merely starts with these digits is outside the range.
  return {std::string(normalized_phone) + '|', std::string(normalized_phone) + '}'};
}

}  // namespace daifa
