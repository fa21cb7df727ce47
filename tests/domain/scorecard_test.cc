#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "domain/catalog/scorecard.h"

namespace daifa {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
const Timestamp kT0{1'795'000'000'000};

Timestamp at(std::int64_t hours) { return kT0 + hours * kHourMs; }

const Metric& metric(const Scorecard& card, std::string_view name) {
  for (const Metric& m : card.metrics) {
    if (m.name == name) return m;
  }
  throw std::runtime_error("no metric " + std::string(name));
}

std::int64_t input(const Metric& m, std::string_view name) {
  for (const MetricInput& in : m.more_inputs) {
    if (in.name == name) return in.value;
  }
  throw std::runtime_error("no input " + std::string(name));
}

PoFacts po(Id id, std::int64_t lead_days, std::int64_t units = 1) {
  PoFacts p;
  p.po_id = id;
  p.placed_at = at(0);
  p.lead_time_days = lead_days;
  p.units = units;
  return p;
}

TEST(Scorecard, NoFactsAtAllIsTheNeutralScoreAndEveryMetricShowsDenominatorZero) {
  Scorecard card = compute_scorecard({}, at(0));
  EXPECT_EQ(card.score_bp, 5000);
  ASSERT_EQ(card.metrics.size(), 6u);
  std::int64_t weights = 0;
  for (const Metric& m : card.metrics) {
    EXPECT_EQ(m.denominator, 0) << m.name;
    EXPECT_FALSE(m.value_bp) << m.name;
    EXPECT_FALSE(m.value_ms) << m.name;
    weights += m.weight_bp;
  }
  EXPECT_EQ(weights, 10000);
}

TEST(Scorecard, OnTimeCountsShippedWithinTheLeadTimeAfterAcceptanceAndLateUnshippedOnes) {
  ScorecardFacts f;
  PoFacts on_time = po(1, 2);
  on_time.accepted_at = at(1);
  on_time.shipped_at = at(1 + 48);  // exactly at the deadline: on time
  PoFacts late = po(2, 2);
  late.accepted_at = at(1);
  late.shipped_at = at(1 + 48) + 1;
  PoFacts overdue = po(3, 1);  // accepted, unshipped, past its 1 day
  overdue.accepted_at = at(0);
  PoFacts waiting = po(4, 5);  // accepted, unshipped, still inside its 5 days: not counted
  waiting.accepted_at = at(0);
  PoFacts cancelled = po(5, 1);  // cancelled after acceptance: not counted
  cancelled.accepted_at = at(0);
  cancelled.cancelled = true;
  PoFacts placed = po(6, 1);  // never answered: not counted
  f.purchase_orders = {on_time, late, overdue, waiting, cancelled, placed};

  const Metric m = metric(compute_scorecard(f, at(30)), "on_time_ship_rate");
  // At hour 30 the 1-day PO accepted at hour 0 is late; the 5-day one is not yet.
  EXPECT_EQ(m.numerator, 1);
  EXPECT_EQ(m.denominator, 3);
  EXPECT_EQ(input(m, "shipped"), 2);
  EXPECT_EQ(input(m, "shipped_on_time"), 1);
  EXPECT_EQ(input(m, "late_unshipped"), 1);
  EXPECT_EQ(m.value_bp, 3333);
  EXPECT_EQ(m.score_bp, 3333);

  // Before the deadline of the overdue one it is not counted at all.
  const Metric early = metric(compute_scorecard(f, at(20)), "on_time_ship_rate");
  EXPECT_EQ(early.denominator, 2);
  EXPECT_EQ(early.value_bp, 5000);
}

TEST(Scorecard, RejectionsCountAgainstPosAnsweredAndStockAccuracyWeighsUnits) {
  ScorecardFacts f;
  PoFacts a = po(1, 2, 1);
  a.accepted_at = at(1);
  PoFacts b = po(2, 2, 1);
  b.accepted_at = at(1);
  PoFacts c = po(3, 2, 1);
  c.accepted_at = at(1);
  PoFacts r = po(4, 2, 5);  // a refused bulk order
  r.rejected_at = at(3);
  PoFacts unanswered = po(5, 2, 7);
  f.purchase_orders = {a, b, c, r, unanswered};
  Scorecard card = compute_scorecard(f, at(4));

  const Metric& rej = metric(card, "rejection_rate");
  EXPECT_EQ(rej.numerator, 1);
  EXPECT_EQ(rej.denominator, 4);
  EXPECT_EQ(rej.value_bp, 2500);
  EXPECT_EQ(rej.score_bp, 7500);  // lower is better

  const Metric& stock = metric(card, "stock_accuracy");
  EXPECT_EQ(stock.numerator, 3);
  EXPECT_EQ(stock.denominator, 8);
  EXPECT_EQ(input(stock, "units_rejected"), 5);
  EXPECT_EQ(stock.value_bp, 3750);
}

TEST(Scorecard, ResponseTimeIsTheMedianWaitFromPlacementToAnswer) {
  ScorecardFacts f;
  for (auto [id, hours] : {std::pair{1, 1}, std::pair{2, 3}, std::pair{3, 30}}) {
    PoFacts p = po(id, 2);
    if (id == 2) p.rejected_at = at(hours);
    else p.accepted_at = at(hours);
    f.purchase_orders.push_back(p);
  }
  f.purchase_orders.push_back(po(4, 2));  // unanswered: no wait yet
  Metric m = metric(compute_scorecard(f, at(40)), "response_time");
  EXPECT_EQ(m.denominator, 3);
  EXPECT_EQ(m.numerator, 1);  // within the 2-hour target
  EXPECT_EQ(m.value_ms, 3 * kHourMs);
  EXPECT_FALSE(m.value_bp);
  // Linear from 2 h (10000) to 48 h (0): 3 h scores (48 − 3) / 46.
  EXPECT_EQ(m.score_bp, (45 * 10000 * 2 + 46) / (2 * 46));

  // An even count takes the mean of the two middle waits.
  f.purchase_orders.pop_back();
  PoFacts slow = po(5, 2);
  slow.accepted_at = at(100);
  f.purchase_orders.push_back(slow);
  m = metric(compute_scorecard(f, at(200)), "response_time");
  EXPECT_EQ(m.value_ms, (3 + 30) * kHourMs / 2);

  // Fast answers score full marks, very slow ones none.
  ScorecardFacts fast;
  PoFacts quick = po(1, 2);
  quick.accepted_at = at(0) + 60'000;
  fast.purchase_orders = {quick};
  EXPECT_EQ(metric(compute_scorecard(fast, at(1)), "response_time").score_bp, 10000);
  fast.purchase_orders[0].accepted_at = at(48);
  EXPECT_EQ(metric(compute_scorecard(fast, at(49)), "response_time").score_bp, 0);
}

TEST(Scorecard, PriceStabilityComparesTheCostBeforeTheFirstChangeWithTheCostAfterTheLast) {
  ScorecardFacts f;
  f.cost_changes = {
      {1, 1000, 1200, at(2)},  // offer 1: +20 % at once: risen
      {2, 1000, 1060, at(1)},  // offer 2: +6 % then +5.7 %: 12 % in all: risen beyond 10 %
      {2, 1060, 1120, at(5)},
      {3, 1000, 1300, at(1)},  // offer 3: up 30 % and back down: stable
      {3, 1300, 1000, at(3)},
      {4, 1000, 800, at(1)},   // offer 4: cheaper: stable
  };
  Metric m = metric(compute_scorecard(f, at(10)), "price_stability");
  EXPECT_EQ(m.denominator, 4);
  EXPECT_EQ(m.numerator, 2);
  EXPECT_EQ(input(m, "offers_risen"), 2);
  EXPECT_EQ(m.value_bp, 5000);

  // The threshold is the policy's: at 25 %, the 20 % and 12 % rises are within it.
  m = metric(compute_scorecard(f, at(10), ScorecardPolicy{2500}), "price_stability");
  EXPECT_EQ(m.numerator, 4);
  // Order of the facts does not matter: the changes of an offer are taken by time.
  std::reverse(f.cost_changes.begin(), f.cost_changes.end());
  EXPECT_EQ(metric(compute_scorecard(f, at(10)), "price_stability").numerator, 2);
}

TEST(Scorecard, ExceptionRateAndTheCompositeLeaveOutMetricsWithoutFacts) {
  ScorecardFacts f;
  f.shipments = 4;
  f.shipment_exceptions = 1;
  Scorecard card = compute_scorecard(f, at(0));
  const Metric& m = metric(card, "exception_rate");
  EXPECT_EQ(m.value_bp, 2500);
  EXPECT_EQ(m.score_bp, 7500);
  // Only exception_rate has facts: the composite is its score alone (weights renormalised).
  EXPECT_EQ(card.score_bp, 7500);

  // With a rejection rate of 50 % too: (7500 × 1500 + 5000 × 2000) / 3500, and stock accuracy 50 %.
  PoFacts a = po(1, 2);
  a.accepted_at = at(0);
  PoFacts r = po(2, 2);
  r.rejected_at = at(0);
  f.purchase_orders = {a, r};
  card = compute_scorecard(f, at(1));
  // on_time: nothing shipped nor late; response_time: both answered at once (10000).
  const std::int64_t weighted = 7500 * 1500 + 5000 * 2000 + 5000 * 1500 + 10000 * 1000;
  const std::int64_t weights = 1500 + 2000 + 1500 + 1000;
  EXPECT_EQ(card.score_bp, (weighted * 2 + weights) / (2 * weights));
  EXPECT_EQ(metric(card, "on_time_ship_rate").denominator, 0);
  EXPECT_EQ(metric(card, "price_stability").denominator, 0);
}

}  // namespace
}  // namespace daifa
