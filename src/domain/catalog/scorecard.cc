#include "domain/catalog/scorecard.h"

#include <algorithm>
#include <map>

#include "domain/catalog/offer_rules.h"

namespace daifa {
namespace {

// The weights of the composite; they sum to 10000. Shipping on time matters most to the merchant's
// customers; a rejection costs a re-route (and sometimes the sale); the rest are early warnings.
constexpr std::int64_t kOnTimeWeightBp = 3'000;
constexpr std::int64_t kRejectionWeightBp = 2'000;
constexpr std::int64_t kStockAccuracyWeightBp = 1'500;
constexpr std::int64_t kResponseWeightBp = 1'000;
constexpr std::int64_t kPriceStabilityWeightBp = 1'000;
constexpr std::int64_t kExceptionWeightBp = 1'500;
static_assert(kOnTimeWeightBp + kRejectionWeightBp + kStockAccuracyWeightBp + kResponseWeightBp +
                  kPriceStabilityWeightBp + kExceptionWeightBp == 10'000);

// n / d in basis points, rounded half up; d > 0.
std::int64_t rate_bp(std::int64_t n, std::int64_t d) { return (n * 20'000 + d) / (2 * d); }

Metric rate_metric(std::string name, std::int64_t n, std::int64_t d, std::int64_t weight, bool lower_is_better) {
  Metric m;
  m.name = std::move(name);
  m.weight_bp = weight;
  m.numerator = n;
  m.denominator = d;
  if (d > 0) {
    m.value_bp = rate_bp(n, d);
    m.score_bp = lower_is_better ? 10'000 - *m.value_bp : *m.value_bp;
  }
  return m;
}

Metric on_time_ship_rate(const ScorecardFacts& f, Timestamp now) {
  std::int64_t shipped = 0, on_time = 0, late_unshipped = 0;
  for (const PoFacts& po : f.purchase_orders) {
    if (!po.accepted_at && !po.shipped_at) continue;
    const Timestamp deadline = ship_deadline(po.accepted_at.value_or(po.placed_at), po.lead_time_days);
    if (po.shipped_at) {
      ++shipped;
      if (*po.shipped_at <= deadline) ++on_time;
    } else if (!po.cancelled && now > deadline) {
      ++late_unshipped;
    }
  }
  Metric m = rate_metric("on_time_ship_rate", on_time, shipped + late_unshipped, kOnTimeWeightBp, false);
  m.more_inputs = {{"shipped", shipped}, {"shipped_on_time", on_time}, {"late_unshipped", late_unshipped}};
  return m;
}

Metric rejection_rate(const ScorecardFacts& f) {
  std::int64_t answered = 0, rejected = 0;
  for (const PoFacts& po : f.purchase_orders) {
    if (po.rejected_at) ++rejected;
    if (po.rejected_at || po.accepted_at) ++answered;
  }
  Metric m = rate_metric("rejection_rate", rejected, answered, kRejectionWeightBp, true);
  m.more_inputs = {{"accepted", answered - rejected}, {"rejected", rejected}};
  return m;
}

Metric stock_accuracy(const ScorecardFacts& f) {
  std::int64_t claimed = 0, rejected = 0;
  for (const PoFacts& po : f.purchase_orders) {
    if (!po.rejected_at && !po.accepted_at) continue;
    claimed += po.units;
    if (po.rejected_at) rejected += po.units;
  }
  Metric m = rate_metric("stock_accuracy", claimed - rejected, claimed, kStockAccuracyWeightBp, false);
  m.more_inputs = {{"units_claimed", claimed}, {"units_rejected", rejected}};
  return m;
}

Metric response_time(const ScorecardFacts& f) {
  std::vector<std::int64_t> waits;
  for (const PoFacts& po : f.purchase_orders) {
    std::optional<Timestamp> answer = po.accepted_at ? po.accepted_at : po.rejected_at;
    if (answer) waits.push_back(std::max<std::int64_t>(0, answer->unix_ms - po.placed_at.unix_ms));
  }
  Metric m;
  m.name = "response_time";
  m.weight_bp = kResponseWeightBp;
  m.denominator = static_cast<std::int64_t>(waits.size());
  m.numerator = std::count_if(waits.begin(), waits.end(), [](std::int64_t w) { return w <= kResponseTargetMs; });
  m.more_inputs = {{"target_ms", kResponseTargetMs}, {"limit_ms", kResponseLimitMs}};
  if (waits.empty()) return m;
  std::sort(waits.begin(), waits.end());
  const std::size_t mid = waits.size() / 2;
  // An even count takes the mean of the two middle waits (rounded down).
  const std::int64_t median = waits.size() % 2 == 1 ? waits[mid] : (waits[mid - 1] + waits[mid]) / 2;
  m.value_ms = median;
  if (median <= kResponseTargetMs) {
    m.score_bp = 10'000;
  } else if (median >= kResponseLimitMs) {
    m.score_bp = 0;
  } else {
    const std::int64_t span = kResponseLimitMs - kResponseTargetMs;
    m.score_bp = ((kResponseLimitMs - median) * 20'000 + span) / (2 * span);
  }
  return m;
}

Metric price_stability(const ScorecardFacts& f, const ScorecardPolicy& policy) {
  std::vector<CostChange> changes = f.cost_changes;
  std::stable_sort(changes.begin(), changes.end(), [](const CostChange& a, const CostChange& b) {
    return a.offer_id != b.offer_id ? a.offer_id < b.offer_id : a.at < b.at;
  });
  std::int64_t changed = 0, risen = 0;
  for (std::size_t i = 0; i < changes.size();) {
    std::size_t j = i;
    while (j < changes.size() && changes[j].offer_id == changes[i].offer_id) ++j;
    ++changed;
    const auto rise = cost_rise_bp(changes[i].old_cost_minor, changes[j - 1].new_cost_minor);
    if (rise && *rise > policy.cost_rise_threshold_bp) ++risen;
    i = j;
  }
  Metric m = rate_metric("price_stability", changed - risen, changed, kPriceStabilityWeightBp, false);
  m.more_inputs = {{"offers_risen", risen}, {"threshold_bp", policy.cost_rise_threshold_bp}};
  return m;
}

Metric exception_rate(const ScorecardFacts& f) {
  Metric m = rate_metric("exception_rate", f.shipment_exceptions, f.shipments, kExceptionWeightBp, true);
  m.more_inputs = {{"shipments", f.shipments}, {"exceptions", f.shipment_exceptions}};
  return m;
}

}  // namespace

Scorecard compute_scorecard(const ScorecardFacts& facts, Timestamp now, const ScorecardPolicy& policy) {
  Scorecard card;
  card.metrics = {on_time_ship_rate(facts, now), rejection_rate(facts),         stock_accuracy(facts),
                  response_time(facts),          price_stability(facts, policy), exception_rate(facts)};
  std::int64_t weighted = 0, weights = 0;
  for (const Metric& m : card.metrics) {
    if (m.denominator == 0) continue;
    weighted += m.score_bp * m.weight_bp;
    weights += m.weight_bp;
  }
  card.score_bp = weights == 0 ? kNeutralScoreBp : (weighted * 2 + weights) / (2 * weights);
  return card;
}

}  // namespace daifa
