#pragma once
// Automatic order review (审单): the reasons an order must wait for a person. Pure: the app gathers the
// facts (blacklist matches, the customer's open COD amount, recent similar orders, the routed cost) and
// this decides. A valid order is always accepted; review only decides whether it waits.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/money.h"
#include "domain/orders/order_status.h"

namespace daifa {

struct ShippingAddress {
  std::string name;
  std::string phone;
  std::string country = "CN";  // ISO 3166-1 alpha-2
  std::string province;
  std::string city;
  std::string district;
  std::string line1;
  std::string postal_code;
};

// The fields a carrier needs that are empty or unusable, by name ("district", "phone"…).
// In China: name, phone (a mobile or a landline with area code), province, city, district, line1.
// Elsewhere: name, phone, city, line1, postal_code.
std::vector<std::string> missing_address_fields(const ShippingAddress& a);

// Canonical forms used to match the blacklist and duplicates: a phone keeps its digits without a leading
// +86/0086; an address drops spaces and punctuation and lower-cases ASCII.
std::string normalize_phone(std::string_view phone);
std::string normalize_address(const ShippingAddress& a);

struct ReviewPolicy {
  std::int64_t cod_limit_per_order_minor = 100'000;     // COD orders above ¥1,000 wait for a person
  std::int64_t cod_limit_per_customer_minor = 300'000;  // open (unpaid) COD per customer, this order included
  std::int64_t margin_floor_bp = 1'000;                 // 10 % of the order's revenue
};

struct ReviewFacts {
  ShippingAddress address;
  bool cash_on_delivery = false;
  Money order_total{0, *Currency::parse("CNY")};
  std::int64_t customer_open_cod_minor = 0;  // other unpaid COD orders of the same customer (phone)
  bool blacklist_match = false;              // phone, name or address found on the blacklist
  int recent_similar_orders = 0;             // same customer and same lines within the duplicate window
  std::optional<std::int64_t> routed_cost_minor;  // cost + shipping of the chosen offers, when routed
};

// Every reason that applies, in the enum's order, each at most once.
std::vector<HoldReason> review(const ReviewPolicy& policy, const ReviewFacts& facts);

}  // namespace daifa
