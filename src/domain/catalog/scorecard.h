#pragma once
// A supplier's scorecard: how well it has served Daifa over a window of days, computed from the facts the
// other capabilities record as they happen (purchase-order history, shipments, the cost journal). Pure:
// facts in, metrics out, so that every definition below is unit-tested with plain values.
//
// The metrics (each in basis points, 1 bp = 0.01 %, or milliseconds; each shows its inputs):
//  - on_time_ship_rate: of the POs placed in the window that were accepted and then shipped, or accepted
//    and are still unshipped after their lead time, the share shipped within the lead time after
//    acceptance. A PO's lead time is the longest lead_time_days of the offers on its lines (the offer is
//    where the catalog keeps lead time, and routing chose the offer by it). Unshipped POs still inside
//    their lead time, and POs cancelled before shipping, are not counted.
//  - rejection_rate: of the POs placed in the window that the supplier answered (accepted or rejected),
//    the share rejected. Lower is better: the metric's score is 10000 − value.
//  - stock_accuracy: of the units on answered POs, the share on POs that were not rejected. Routing
//    places a PO only on stock the supplier published (an active offer with stock ≥ quantity), so every
//    rejected unit is a unit the supplier claimed and did not have; weighting by units makes a refused
//    bulk order weigh more than a refused single piece.
//  - response_time: the median, in ms, from a PO's placement to the supplier's answer (accept or reject),
//    over the POs placed in the window and answered. Scored 10000 up to kResponseTargetMs, 0 from
//    kResponseLimitMs, linear between.
//  - price_stability: of the supplier's offers whose cost changed in the window, the share whose cost did
//    not rise by more than the cost alert threshold (OfferAlertPolicy, 10 % by default): the rise compares
//    the cost before the first change in the window with the cost after the last one, so a rise taken
//    back counts as stable. Opening rows of new offers are not changes. Offers whose cost did not change
//    are no facts (else a new supplier with a catalog and no history would outscore proven ones).
//  - exception_rate: of the supplier's shipments created in the window, the share now in exception or
//    returned. Lower is better: the score is 10000 − value.
// A metric whose denominator is 0 has no facts: it is reported but left out of the composite, and the
// other weights are renormalised. No facts at all: score_bp is 5000, the neutral score routing assumes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/time.h"

namespace daifa {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kDefaultScorecardDays = 90;
constexpr std::int64_t kMaxScorecardDays = 365;
constexpr std::int64_t kNeutralScoreBp = 5'000;
constexpr std::int64_t kResponseTargetMs = 2 * 3'600'000;   // answered within 2 hours: full marks
constexpr std::int64_t kResponseLimitMs = 48 * 3'600'000;   // two days or more: no marks

// One purchase order of the supplier, placed in the window, with the times of its answers.
struct PoFacts {
  Id po_id = 0;
  Timestamp placed_at;
  std::optional<Timestamp> accepted_at;
  std::optional<Timestamp> rejected_at;
  std::optional<Timestamp> shipped_at;
  bool cancelled = false;          // cancelled before it shipped
  std::int64_t lead_time_days = 0;  // the longest lead time of its lines' offers
  std::int64_t units = 0;           // Σ quantity of its lines
};

// One change of an offer's cost in the window, from the journal (old → new, minor units).
struct CostChange {
  Id offer_id = 0;
  std::int64_t old_cost_minor = 0;
  std::int64_t new_cost_minor = 0;
  Timestamp at;
};

struct ScorecardFacts {
  std::vector<PoFacts> purchase_orders;
  std::vector<CostChange> cost_changes;  // any order; grouped by offer and sorted by time here
  std::int64_t shipments = 0;            // created in the window
  std::int64_t shipment_exceptions = 0;  // of those, now in exception or returned
};

struct ScorecardPolicy {
  std::int64_t cost_rise_threshold_bp = 1'000;  // = OfferAlertPolicy::cost_up_threshold_bp
};

struct MetricInput {
  std::string name;
  std::int64_t value = 0;
};

struct Metric {
  std::string name;
  std::optional<std::int64_t> value_bp;  // a rate; nullopt when measured in ms or without facts
  std::optional<std::int64_t> value_ms;  // response_time's median; nullopt without facts
  std::int64_t score_bp = 0;             // what the metric adds to the composite, 0..10000 (higher is better)
  std::int64_t weight_bp = 0;            // its weight; the weights sum to 10000
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;          // 0: no facts, left out of the composite
  std::vector<MetricInput> more_inputs;  // the other numbers behind it, e.g. late_unshipped
};

struct Scorecard {
  std::int64_t score_bp = kNeutralScoreBp;
  std::vector<Metric> metrics;  // always all six, in the order above
};

// `now` decides whether an accepted, unshipped PO is already late.
Scorecard compute_scorecard(const ScorecardFacts& facts, Timestamp now, const ScorecardPolicy& policy = {});

// When an accepted PO must have shipped: acceptance + its lead time in days.
inline Timestamp ship_deadline(Timestamp accepted_at, std::int64_t lead_time_days) {
  return accepted_at + lead_time_days * kDayMs;
}

}  // namespace daifa
