#include <gtest/gtest.h>

#include <random>

#include "domain/catalog/pricing.h"

namespace daifa {
namespace {

TEST(Pricing, MarkupThenChannelFeeGrossedUp) {
  PricingRule r;
  r.mode = PricingMode::markup;
  r.value_bp = 5'000;  // +50 %
  auto q = quote_price(r, 4'000, 2);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->price_minor, 6'000);
  r.channel_fee_bp = 500;  // 5 % commission comes out of the price
  q = quote_price(r, 4'000, 2);
  EXPECT_EQ(q->price_minor, 6'316);  // ceil(6000 / 0.95)
  EXPECT_EQ(q->fee_minor, 316);
  EXPECT_EQ(q->margin_minor, 2'000);
}

TEST(Pricing, TargetMarginAfterFees) {
  PricingRule r;
  r.mode = PricingMode::target_margin;
  r.value_bp = 3'000;        // 30 % margin
  r.channel_fee_bp = 1'000;  // 10 % fee
  auto q = quote_price(r, 6'000, 2);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->price_minor, 10'000);  // 6000 / (1 − 0.1 − 0.3)
  EXPECT_EQ(q->margin_bp, 3'000);
}

TEST(Pricing, RoundsUpToX99AndX9) {
  PricingRule r;
  r.value_bp = 0;
  r.rounding = PriceRounding::up_to_99;
  EXPECT_EQ(quote_price(r, 5'723, 2)->price_minor, 5'799);
  EXPECT_EQ(quote_price(r, 5'799, 2)->price_minor, 5'799);
  EXPECT_EQ(quote_price(r, 5'800, 2)->price_minor, 5'899);
  r.rounding = PriceRounding::up_to_9;
  EXPECT_EQ(quote_price(r, 5'723, 2)->price_minor, 5'790);
  EXPECT_EQ(quote_price(r, 5'795, 2)->price_minor, 5'890);
  EXPECT_EQ(quote_price(r, 5'790, 2)->price_minor, 5'790);
  EXPECT_EQ(quote_price(r, 1'234, 0)->price_minor, 1'239);  // JPY: ends in 9
}

TEST(Pricing, MinimumMarginRaisesThePrice) {
  PricingRule r;
  r.value_bp = 1'000;  // +10 % markup only
  r.channel_fee_bp = 800;
  r.min_margin_bp = 2'000;
  auto q = quote_price(r, 10'000, 2);
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->raised_to_min_margin);
  EXPECT_GE(q->margin_bp, 2'000);
}

TEST(Pricing, RulesThatCannotPriceAreRefused) {
  PricingRule r;
  r.mode = PricingMode::target_margin;
  r.value_bp = 6'000;
  r.channel_fee_bp = 4'000;
  EXPECT_FALSE(validate(r, "pricing_rule").empty());
  EXPECT_FALSE(quote_price(r, 1'000, 2));
  r.value_bp = -1;
  auto errors = validate(r, "pricing_rule");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "pricing_rule.value_bp");
}

// Seeded simulation: for any valid rule and cost, the quote honours the minimum margin after fees, ends as
// the rounding demands, never undercuts the landed cost, and never falls when the cost rises.
TEST(Pricing, PropertiesHoldForRandomRulesAndCosts) {
  std::mt19937_64 rng(20261124);
  for (int i = 0; i < 20'000; ++i) {
    PricingRule r;
    r.mode = rng() % 2 ? PricingMode::markup : PricingMode::target_margin;
    r.value_bp = static_cast<std::int64_t>(rng() % (r.mode == PricingMode::markup ? 30'000 : 6'000));
    r.channel_fee_bp = static_cast<std::int64_t>(rng() % 2'500);
    r.channel_fee_fixed_minor = static_cast<std::int64_t>(rng() % 300);
    r.min_margin_bp = static_cast<std::int64_t>(rng() % 4'000);
    r.rounding = static_cast<PriceRounding>(rng() % 3);
    if (!validate(r, "r").empty()) continue;
    std::int64_t landed = static_cast<std::int64_t>(rng() % 2'000'000);
    auto q = quote_price(r, landed, 2);
    ASSERT_TRUE(q) << i;
    EXPECT_GE(q->price_minor, landed) << i;
    EXPECT_EQ(q->margin_minor, q->price_minor - landed - q->fee_minor) << i;
    EXPECT_GE(__int128{q->margin_minor} * 10'000, __int128{r.min_margin_bp} * q->price_minor) << i;
    if (r.rounding == PriceRounding::up_to_99) EXPECT_EQ(q->price_minor % 100, 99) << i;
    if (r.rounding == PriceRounding::up_to_9) EXPECT_EQ(q->price_minor % 100, 90) << i;
    auto dearer = quote_price(r, landed + 1 + static_cast<std::int64_t>(rng() % 1'000), 2);
    ASSERT_TRUE(dearer);
    EXPECT_GE(dearer->price_minor, q->price_minor) << i;
  }
}

TEST(Pricing, PublishedStockSubtractsTheBufferAndNeverGoesNegative) {
  EXPECT_EQ(published_stock({10, 5, 0}, 3), 12);
  EXPECT_EQ(published_stock({2}, 5), 0);
  EXPECT_EQ(published_stock({}, 0), 0);
}

}  // namespace
}  // namespace daifa
