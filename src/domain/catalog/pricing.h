#pragma once
// Listing prices from supplier costs. All arithmetic is integer: money in minor units, rates in basis
// points (1 bp = 0.01 %), rounding always upwards so that a rounded price never earns less than the rule.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/common/money.h"
#include "domain/common/status.h"

namespace daifa {

enum class PricingMode : int {
  markup = 0,         // price before fees = landed cost × (1 + value)
  target_margin = 1,  // margin after fees = value of the price
};
enum class PriceRounding : int {
  none = 0,
  up_to_99 = 1,  // 57.23 → 57.99, 58.00 → 58.99 (whole units end in .99)
  up_to_9 = 2,   // 57.23 → 57.90, 57.95 → 58.90 (ends in .90)
};

std::string_view to_string(PricingMode m);
std::optional<PricingMode> parse_pricing_mode(std::string_view text);
std::string_view to_string(PriceRounding r);
std::optional<PriceRounding> parse_price_rounding(std::string_view text);

struct PricingRule {
  PricingMode mode = PricingMode::markup;
  std::int64_t value_bp = 10'000;        // markup 100 % or margin 100.00 %… see mode; 0..100'000 (markup), 0..9'000 (margin)
  std::int64_t channel_fee_bp = 0;       // the channel's commission on the price, 0..5'000
  std::int64_t channel_fee_fixed_minor = 0;  // a fixed fee per order line, in the price's currency
  PriceRounding rounding = PriceRounding::none;
  std::int64_t min_margin_bp = 0;        // the price is raised until margin after fees reaches this, 0..9'000
};

FieldErrors validate(const PricingRule& rule, std::string_view prefix);

struct PriceQuote {
  std::int64_t price_minor = 0;
  std::int64_t fee_minor = 0;     // channel fee on that price (rounded up)
  std::int64_t margin_minor = 0;  // price − landed cost − fee
  std::int64_t margin_bp = 0;     // margin / price, in basis points (floored)
  bool raised_to_min_margin = false;
};

// The price for a landed cost (supplier cost + shipping) under `rule`. Minor digits drive rounding
// (x.99 needs a currency with 2 digits; with 0 digits, rounding goes to the next whole unit ending in 9).
// nullopt when the rule cannot produce a price (fees + margin ≥ 100 %, or overflow).
std::optional<PriceQuote> quote_price(const PricingRule& rule, std::int64_t landed_cost_minor, int minor_digits);

// Stock a channel may sell: the sum of sourceable offers' stock less the channel's buffer, never negative.
std::int64_t published_stock(const std::vector<std::int64_t>& offer_stocks, std::int64_t buffer);

}  // namespace daifa
