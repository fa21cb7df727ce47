#include <gtest/gtest.h>

#include <limits>

#include "domain/catalog/offer_rules.h"

namespace daifa {
namespace {

const Currency kCny = *Currency::parse("CNY");
const Currency kUsd = *Currency::parse("USD");

Money cny(std::int64_t fen) { return Money{fen, kCny}; }

OfferState state(std::int64_t stock, std::int64_t cost, std::int64_t shipping = 500, bool active = true) {
  return OfferState{stock, cny(cost), cny(shipping), active};
}

std::vector<AlertKind> kinds(const std::vector<DueAlert>& due) {
  std::vector<AlertKind> out;
  for (const auto& d : due) out.push_back(d.kind);
  return out;
}

TEST(OfferRules, MarginIsInBasisPointsOfThePrice) {
  EXPECT_EQ(margin_bp(cny(10000), cny(6000), cny(1000)), 3000);  // 100 − 60 − 10 = 30 %
  EXPECT_EQ(margin_bp(cny(10000), cny(9000), cny(2000)), -1000);  // selling at a loss
  EXPECT_EQ(margin_bp(cny(0), cny(1), cny(0)), std::nullopt);     // no price, no margin
  EXPECT_EQ(margin_bp(Money{10000, kUsd}, cny(10), cny(0)), std::nullopt);  // never across currencies
  EXPECT_EQ(margin_bp(cny(3), cny(1), cny(0)), 6666);             // rounds toward zero
}

TEST(OfferRules, CostRiseIsInBasisPointsOfTheOldCost) {
  EXPECT_EQ(cost_rise_bp(2500, 2750), 1000);
  EXPECT_EQ(cost_rise_bp(2500, 2500), std::nullopt);
  EXPECT_EQ(cost_rise_bp(2500, 2000), std::nullopt);
  EXPECT_EQ(cost_rise_bp(0, 1), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(cost_rise_bp(kMaxCostMinor - 1, kMaxCostMinor), 0);  // no overflow at the largest amounts
}

TEST(OfferRules, CostUpIsDueOnlyBeyondTheThreshold) {
  OfferAlertPolicy policy;  // 10 %
  const Money price = cny(100000);
  EXPECT_TRUE(alerts_due(state(5, 2500), state(5, 2750), price, policy).empty()) << "exactly 10 % is not beyond";
  auto due = alerts_due(state(5, 2500), state(5, 2751), price, policy);
  ASSERT_EQ(kinds(due), std::vector{AlertKind::cost_up});
  EXPECT_EQ(due[0].observed, 1004);
  EXPECT_EQ(due[0].limit, 1000);
  EXPECT_NE(due[0].message.find("25.00 CNY → 27.51 CNY"), std::string::npos) << due[0].message;
  policy.cost_up_threshold_bp = 2000;
  EXPECT_TRUE(alerts_due(state(5, 2500), state(5, 2751), price, policy).empty());
  // A new offer has no previous cost to rise from.
  EXPECT_TRUE(alerts_due(std::nullopt, state(5, 2751), price, OfferAlertPolicy{}).empty());
}

TEST(OfferRules, OutOfStockIsDueWhenTheStockReachesZero) {
  const Money price = cny(10000);
  OfferAlertPolicy policy;
  EXPECT_EQ(kinds(alerts_due(state(3, 2500), state(0, 2500), price, policy)), std::vector{AlertKind::out_of_stock});
  EXPECT_TRUE(alerts_due(state(0, 2500), state(0, 2500), price, policy).empty()) << "staying at 0 is no news";
  EXPECT_TRUE(alerts_due(state(3, 2500), state(1, 2500), price, policy).empty());
  EXPECT_EQ(kinds(alerts_due(std::nullopt, state(0, 2500), price, policy)), std::vector{AlertKind::out_of_stock});
  // Inactive offers are not bought from: nothing about them is urgent.
  EXPECT_TRUE(alerts_due(state(3, 2500), state(0, 2500, 500, false), price, policy).empty());
  // Reactivating an offer that has no stock is news.
  EXPECT_EQ(kinds(alerts_due(state(0, 2500, 500, false), state(0, 2500), price, policy)),
            std::vector{AlertKind::out_of_stock});
}

TEST(OfferRules, MarginBelowTheFloorIsDueWhenCostsChange) {
  OfferAlertPolicy policy;  // 15 %
  const Money price = cny(10000);
  // 100 − 80 − 5 = 15 %: at the floor, not below.
  EXPECT_TRUE(alerts_due(state(5, 7800), state(5, 8000), price, policy).empty());
  auto due = alerts_due(state(5, 7700), state(5, 8001), price, policy);
  ASSERT_EQ(kinds(due), std::vector{AlertKind::margin_below_floor});
  EXPECT_EQ(due[0].observed, 1499);
  EXPECT_EQ(due[0].limit, 1500);
  // Shipping counts too.
  EXPECT_EQ(kinds(alerts_due(state(5, 8000, 500), state(5, 8000, 600), price, policy)),
            std::vector{AlertKind::margin_below_floor});
  // A stock change alone does not re-raise a margin that was already low.
  EXPECT_TRUE(alerts_due(state(5, 9000), state(6, 9000), price, policy).empty());
  // A big rise can make both due at once.
  EXPECT_EQ(kinds(alerts_due(state(5, 5000), state(5, 9000), price, policy)),
            (std::vector{AlertKind::cost_up, AlertKind::margin_below_floor}));
}

TEST(OfferRules, JournalRowsAreOnePerChangedField) {
  auto rows = journal_changes(state(10, 2500), state(7, 2500));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].field, JournalField::stock);
  EXPECT_EQ(rows[0].old_value, 10);
  EXPECT_EQ(rows[0].new_value, 7);
  rows = journal_changes(state(10, 2500), state(0, 2600));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].field, JournalField::cost);
  EXPECT_EQ(rows[1].old_value, 2500);
  EXPECT_EQ(rows[1].new_value, 2600);
  EXPECT_TRUE(journal_changes(state(10, 2500), state(10, 2500, 900)).empty()) << "shipping is not journaled";
  rows = journal_changes(std::nullopt, state(4, 100));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].old_value, std::nullopt);
  EXPECT_EQ(rows[1].old_value, std::nullopt);
}

TEST(OfferRules, SyncItemsAreCheckedAndDecidedAlone) {
  SyncItem negative{"A-1", -1, std::nullopt, {}};
  check_sync_item(negative);
  ASSERT_EQ(negative.errors.size(), 1u);
  EXPECT_EQ(negative.errors[0].field, "stock");
  EXPECT_EQ(negative.errors[0].code, "negative");
  EXPECT_EQ(decide_sync(state(1, 1), negative).status, SyncStatus::refused);

  SyncItem empty{"A-1", std::nullopt, std::nullopt, {}};
  check_sync_item(empty);
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].code, "required");

  SyncItem no_sku{"", 3, std::nullopt, {}};
  check_sync_item(no_sku);
  EXPECT_EQ(no_sku.errors.at(0).field, "supplier_sku");

  SyncItem dollars{"A-1", std::nullopt, Money{100, kUsd}, {}};
  check_sync_item(dollars);
  auto d = decide_sync(state(1, 1), dollars);
  EXPECT_EQ(d.status, SyncStatus::refused);
  EXPECT_EQ(d.error->code, "currency_mismatch");

  SyncItem same{"A-1", 5, cny(2500), {}};
  check_sync_item(same);
  EXPECT_EQ(decide_sync(state(5, 2500), same).status, SyncStatus::unchanged);
  d = decide_sync(state(4, 2500), same);
  EXPECT_EQ(d.status, SyncStatus::applied);
  EXPECT_EQ(d.after.stock, 5);
  EXPECT_EQ(d.after.shipping_cost, cny(500)) << "what the item does not mention stays";
}

TEST(OfferRules, AnOfferIsCostedInTheCurrencyOfItsPrice) {
  Offer o;
  o.supplier_sku = "JM-1";
  o.cost = Money{100, kUsd};
  o.shipping_cost = cny(0);
  o.stock = -2;
  o.lead_time_days = 400;
  auto errors = validate_offer(o, kCny);
  std::vector<std::string> got;
  for (const auto& e : errors) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, (std::vector<std::string>{"stock:negative", "lead_time_days:out_of_range", "cost:currency_mismatch",
                                           "shipping_cost:currency_mismatch"}));
  o.cost = cny(100);
  o.stock = 0;
  o.lead_time_days = 3;
  EXPECT_TRUE(validate_offer(o, kCny).empty());
}

}  // namespace
}  // namespace daifa
