#include "domain/orders/review.h"

#include <algorithm>
#include <cctype>

namespace daifa {
namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

// A Chinese mobile number has 11 digits starting with 1; a landline has an area code (0xx…) and 10–12
// digits. Elsewhere any 5 to 20 digits will do.
bool usable_phone(const std::string& phone, bool china) {
  std::string digits = normalize_phone(phone);
  if (!china) return digits.size() >= 5 && digits.size() <= 20;
  if (digits.size() == 11 && digits[0] == '1') return true;
  return digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
}

}  // namespace

std::string normalize_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  bool had_plus = phone.find('+') != std::string_view::npos;
  if (digits.rfind("0086", 0) == 0) digits.erase(0, 4);
  else if (had_plus && digits.rfind("86", 0) == 0 && digits.size() == 13) digits.erase(0, 2);
  return digits;
}

std::string normalize_address(const ShippingAddress& a) {
  std::string all = a.country + a.province + a.city + a.district + a.line1;
  std::string out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto c = static_cast<unsigned char>(all[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    // Drop the common full-width separators (，。、 and the ideographic space); keep every other character.
    std::string_view rest(all.data() + i, all.size() - i);
    bool separator = false;
    for (std::string_view sep : {"\xEF\xBC\x8C", "\xE3\x80\x82", "\xE3\x80\x81", "\xE3\x80\x80", "\xEF\xBC\x88", "\xEF\xBC\x89"}) {
      if (rest.substr(0, sep.size()) == sep) {
        i += sep.size() - 1;
        separator = true;
        break;
      }
    }
    if (!separator) out.push_back(all[i]);
  }
  return out;
}

std::vector<std::string> missing_address_fields(const ShippingAddress& a) {
  bool china = a.country == "CN";
  std::vector<std::string> missing;
  if (blank(a.name)) missing.push_back("name");
  if (!usable_phone(a.phone, china)) missing.push_back("phone");
  if (china) {
    if (blank(a.province)) missing.push_back("province");
    if (blank(a.city)) missing.push_back("city");
    if (blank(a.district)) missing.push_back("district");
    if (blank(a.line1)) missing.push_back("line1");
  } else {
    if (blank(a.city)) missing.push_back("city");
    if (blank(a.line1)) missing.push_back("line1");
    if (blank(a.postal_code)) missing.push_back("postal_code");
  }
  return missing;
}

std::vector<HoldReason> review(const ReviewPolicy& policy, const ReviewFacts& f) {
  std::vector<HoldReason> reasons;
  if (!missing_address_fields(f.address).empty()) reasons.push_back(HoldReason::address_incomplete);
  if (f.blacklist_match) reasons.push_back(HoldReason::blacklisted);
  if (f.cash_on_delivery &&
      (f.order_total.amount_minor > policy.cod_limit_per_order_minor ||
       f.customer_open_cod_minor + f.order_total.amount_minor > policy.cod_limit_per_customer_minor)) {
    reasons.push_back(HoldReason::cod_limit);
  }
  if (f.routed_cost_minor) {
    // Integer comparison of margin / revenue against the floor, in basis points.
    __int128 margin = __int128{f.order_total.amount_minor} - *f.routed_cost_minor;
    if (margin * 10'000 < __int128{policy.margin_floor_bp} * f.order_total.amount_minor) {
      reasons.push_back(HoldReason::margin_below_floor);
    }
  }
  if (f.recent_similar_orders > 0) reasons.push_back(HoldReason::duplicate_suspected);
  std::sort(reasons.begin(), reasons.end());
  return reasons;
}

}  // namespace daifa
