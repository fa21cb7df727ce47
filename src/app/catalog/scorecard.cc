#include "app/catalog/scorecard.h"

#include "app/catalog/alerts.h"
#include "store/catalog/scorecard_repo.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::app {

Outcome<SupplierScorecard> supplier_scorecard(App& app, const Scope& scope, Id supplier_id, std::int64_t days) {
  if (days < 1 || days > kMaxScorecardDays) {
    return fail(Status::malformed_request, "the window is out of range",
                {{"days", "out_of_range", "must be a whole number from 1 to " + std::to_string(kMaxScorecardDays)}});
  }
  const Timestamp now = app.now();
  // Price stability judges a rise by the same threshold as the cost_up alert, so the two never disagree.
  const ScorecardPolicy policy{alert_policy(app).cost_up_threshold_bp};
  return app.store().reads().read([&](store::Connection& c) -> Outcome<SupplierScorecard> {
    if (!store::find_supplier(c, scope, supplier_id)) return fail(Status::not_found, "no such supplier");
    auto facts = store::scorecard_facts(c, {supplier_id}, Timestamp{now.unix_ms - days * kDayMs}, now);
    return SupplierScorecard{supplier_id, days, now, compute_scorecard(facts[supplier_id], now, policy)};
  });
}

}  // namespace daifa::app
