#include "domain/catalog/pricing.h"

#include <algorithm>
#include <string>

#include "domain/common/validation.h"

namespace daifa {
namespace {

constexpr std::int64_t kFullBp = 10'000;
using Wide = __int128;

std::optional<std::int64_t> narrow(Wide v) {
  if (v < 0 || v > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

Wide ceil_div(Wide a, Wide b) { return (a + b - 1) / b; }

// The smallest price p with p × (1 − fee − margin) ≥ landed + fixed, i.e. p ≥ (landed + fixed) × 10⁴ / (10⁴ − fee − margin).
std::optional<std::int64_t> price_for_margin(std::int64_t landed, std::int64_t fixed, std::int64_t fee_bp,
                                             std::int64_t margin_bp) {
  std::int64_t keep = kFullBp - fee_bp - margin_bp;
  if (keep <= 0) return std::nullopt;
  return narrow(ceil_div((Wide{landed} + fixed) * kFullBp, keep));
}

std::int64_t fee_on(std::int64_t price, const PricingRule& r) {
  return static_cast<std::int64_t>(ceil_div(Wide{price} * r.channel_fee_bp, kFullBp)) + r.channel_fee_fixed_minor;
}

std::optional<std::int64_t> round_up(std::int64_t price, PriceRounding rounding, int minor_digits) {
  if (rounding == PriceRounding::none) return price;
  std::int64_t unit = 1;
  for (int i = 0; i < minor_digits; ++i) unit *= 10;
  // x.99 / x.90 with 2 digits; with 0 digits both mean "ends in 9".
  std::int64_t ending = minor_digits == 0 ? 9 : (rounding == PriceRounding::up_to_99 ? unit - 1 : unit - unit / 10);
  std::int64_t step = minor_digits == 0 ? 10 : unit;
  std::int64_t base = price - price % step;
  Wide candidate = Wide{base} + ending;
  if (candidate < price) candidate += step;
  return narrow(candidate);
}

}  // namespace

std::string_view to_string(PricingMode m) { return m == PricingMode::markup ? "markup" : "target_margin"; }
std::optional<PricingMode> parse_pricing_mode(std::string_view t) {
  if (t == "markup") return PricingMode::markup;
  if (t == "target_margin") return PricingMode::target_margin;
  return std::nullopt;
}
std::string_view to_string(PriceRounding r) {
  return r == PriceRounding::none ? "none" : r == PriceRounding::up_to_99 ? "x.99" : "x.9";
}
std::optional<PriceRounding> parse_price_rounding(std::string_view t) {
  if (t == "none") return PriceRounding::none;
  if (t == "x.99") return PriceRounding::up_to_99;
  if (t == "x.9") return PriceRounding::up_to_9;
  return std::nullopt;
}

FieldErrors validate(const PricingRule& r, std::string_view prefix) {
  FieldErrors errors;
  std::string p(prefix);
  check_range(errors, p + ".value_bp", r.value_bp, 0, r.mode == PricingMode::markup ? 100'000 : 9'000);
  check_range(errors, p + ".channel_fee_bp", r.channel_fee_bp, 0, 5'000);
  check_range(errors, p + ".channel_fee_fixed", r.channel_fee_fixed_minor, 0, 100'000'000);
  check_range(errors, p + ".min_margin_bp", r.min_margin_bp, 0, 9'000);
  if (errors.empty()) {
    std::int64_t margin = r.mode == PricingMode::target_margin ? r.value_bp : 0;
    if (r.channel_fee_bp + std::max(margin, r.min_margin_bp) >= kFullBp) {
      errors.push_back({p + ".channel_fee_bp", "no_price_possible",
                        "channel fee plus margin must stay below 100 % of the price"});
    }
  }
  return errors;
}

std::optional<PriceQuote> quote_price(const PricingRule& r, std::int64_t landed, int minor_digits) {
  if (landed < 0) return std::nullopt;
  std::optional<std::int64_t> price;
  if (r.mode == PricingMode::markup) {
    auto before_fees = narrow(ceil_div(Wide{landed} * (kFullBp + r.value_bp), kFullBp));
    if (!before_fees) return std::nullopt;
    // Gross up so that the channel's fee comes out of the price, not out of the markup.
    price = price_for_margin(*before_fees, r.channel_fee_fixed_minor, r.channel_fee_bp, 0);
  } else {
    price = price_for_margin(landed, r.channel_fee_fixed_minor, r.channel_fee_bp, r.value_bp);
  }
  if (!price) return std::nullopt;
  PriceQuote q;
  auto floor_price = price_for_margin(landed, r.channel_fee_fixed_minor, r.channel_fee_bp, r.min_margin_bp);
  if (!floor_price) return std::nullopt;
  if (*floor_price > *price) {
    price = floor_price;
    q.raised_to_min_margin = true;
  }
  // The fee is rounded up in the channel's favour, so a price can miss the minimum margin by a fraction of a
  // minor unit; check the final, rounded price and step up until it holds (a few steps at most).
  auto meets_floor = [&](std::int64_t p) {
    return Wide{p - landed - fee_on(p, r)} * kFullBp >= Wide{r.min_margin_bp} * p;
  };
  for (int step = 0;; ++step) {
    price = round_up(*price, r.rounding, minor_digits);
    if (!price || step > 1000) return std::nullopt;
    if (meets_floor(*price)) break;
    ++*price;
  }
  q.price_minor = *price;
  q.fee_minor = fee_on(q.price_minor, r);
  q.margin_minor = q.price_minor - landed - q.fee_minor;
  q.margin_bp = q.price_minor == 0 ? 0 : static_cast<std::int64_t>(Wide{q.margin_minor} * kFullBp / q.price_minor);
  return q;
}

std::int64_t published_stock(const std::vector<std::int64_t>& offer_stocks, std::int64_t buffer) {
  std::int64_t total = 0;
  for (std::int64_t s : offer_stocks) total += std::max<std::int64_t>(s, 0);
  return std::max<std::int64_t>(total - std::max<std::int64_t>(buffer, 0), 0);
}

}  // namespace daifa
