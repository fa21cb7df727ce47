#pragma once
// The facts behind suppliers' scorecards (domain/catalog/scorecard.h), read for many suppliers at once:
// each query is bounded by the window and walks the per-supplier indexes, so one scorecard costs three
// queries and so does the score of every supplier routing compares.
#include <cstdint>
#include <map>
#include <vector>

#include "domain/catalog/scorecard.h"
#include "store/database.h"

namespace daifa::store {

// The facts of each supplier in `supplier_ids` over [since, until]: POs placed in the window with their
// answers, cost changes of its offers in the window, shipments created in the window. A supplier without
// facts maps to empty facts. No scope check: callers decide who may see which supplier.
std::map<Id, ScorecardFacts> scorecard_facts(Connection& c, const std::vector<Id>& supplier_ids, Timestamp since,
                                             Timestamp until);

// score_bp of each supplier over the default window (kDefaultScorecardDays) ending at `now`; 5000 for a
// supplier without facts. For routing's tie-break.
std::map<Id, std::int64_t> supplier_scores(Connection& c, const std::vector<Id>& supplier_ids, Timestamp now);

}  // namespace daifa::store
