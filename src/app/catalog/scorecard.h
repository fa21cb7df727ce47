#pragma once
// A supplier's scorecard over a window of days, for whoever may see the supplier: computed on request from
// the facts as they stand (domain/catalog/scorecard.h defines every metric), never stored, so it can
// never disagree with the facts it shows.
#include <cstdint>

#include "app/app.h"
#include "domain/accounts/role.h"
#include "domain/catalog/scorecard.h"
#include "domain/common/outcome.h"

namespace daifa::app {

struct SupplierScorecard {
  Id supplier_id = 0;
  std::int64_t window_days = kDefaultScorecardDays;
  Timestamp computed_at;
  Scorecard card;
};

// not_found when the supplier does not exist or is not in `scope`; malformed_request (field "days", a query
// parameter) when `days` is outside 1..kMaxScorecardDays.
Outcome<SupplierScorecard> supplier_scorecard(App& app, const Scope& scope, Id supplier_id, std::int64_t days);

}  // namespace daifa::app
