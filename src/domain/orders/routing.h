#pragma once
// Routing: which supplier offer serves each order line. Deterministic — the same inputs always give the
// same choice — and explained: each line carries a readable reason naming the offers considered.
//
// The rule, in order:
//  1. An offer can serve a line only if it is active, in the order's currency, and has stock ≥ quantity
//     (a line is never split between suppliers).
//  2. If one supplier can serve every line, the order goes to one supplier (one parcel): among such
//     suppliers, the lowest total landed cost (Σ unit cost × quantity + the supplier's shipping once),
//     then the shortest lead time, then the higher supplier score, then the lower supplier id.
//  3. Otherwise each line goes to its own best offer: lowest landed cost for the line
//     (unit cost × quantity + shipping), then shortest lead time, then higher supplier score, then a
//     supplier already serving another line of the order (fewer parcels), then the lower offer id.
//  4. A line nobody can serve stays unrouted: the order is held with out_of_stock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/id.h"

namespace daifa {

struct RouteCandidate {
  Id offer_id = 0;
  Id supplier_id = 0;
  std::int64_t unit_cost_minor = 0;
  std::int64_t shipping_minor = 0;  // per parcel from this supplier
  std::int64_t stock = 0;
  std::int64_t lead_time_days = 0;
  std::int64_t supplier_score_bp = 5'000;  // 0..10'000 from the supplier's scorecard
  bool active = true;
  bool same_currency = true;
};

struct RouteLine {
  std::string sku;
  std::int64_t quantity = 1;
  std::vector<RouteCandidate> candidates;  // every offer of the line's SKU
};

struct LineRoute {
  std::optional<RouteCandidate> chosen;
  std::string reason;  // readable: how many offers, which won and why, what the others lacked
};

std::vector<LineRoute> route_order(const std::vector<RouteLine>& lines);

}  // namespace daifa
