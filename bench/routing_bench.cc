// Routing alone: daifa::route_order (src/domain/orders/routing.h) on seeded, realistic orders, as a Google
// Benchmark. Items processed are order lines, so the items_per_second column reads as order lines/s
// (issue #5's target: at least 1,000,000 lines/s).
//
// Inputs: a pool of suppliers; each order has 1–3 lines (or exactly N for the per-size runs), each line 2–5
// candidate offers from distinct suppliers of the pool. Some offers cannot serve (out of stock, inactive,
// another currency), as in a live catalog. The orders are generated before timing, and cycled through so that
// the branch predictor cannot learn one order.
//
// Usage: routing_bench [--benchmark_filter=...] [--benchmark_repetitions=N] ...
// Build it in a Release tree (see bench/results/routing.md for the commands and the figures).
#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "domain/orders/routing.h"

namespace {

using daifa::Id;
using daifa::RouteCandidate;
using daifa::RouteLine;

struct Shape {
  int min_lines = 1;
  int max_lines = 3;
  int suppliers = 40;          // size of the supplier pool
  int min_candidates = 2;
  int max_candidates = 5;
  int out_of_stock_percent = 10;  // candidates whose stock is below the quantity
  int inactive_percent = 3;
  int other_currency_percent = 2;
};

// mt19937_64's raw output is fixed by the standard; the std distributions are not, so draws go through
// this to give the same orders with every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // both inclusive
    return lo + static_cast<std::int64_t>(gen_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool percent(int p) { return between(0, 99) < p; }

 private:
  std::mt19937_64 gen_;
};

std::vector<std::vector<RouteLine>> make_orders(const Shape& shape, std::size_t count, std::uint64_t seed) {
  Rng rng(seed);
  constexpr Id kFirstSupplier = 7'300'000'000'000'000'000;  // the size of real (time-ordered) ids
  constexpr Id kFirstOffer = 7'310'000'000'000'000'000;
  // Each supplier has its own shipping fee, lead time and score; an offer takes them from its supplier.
  struct SupplierTerms {
    std::int64_t shipping_minor, lead_time_days, score_bp;
  };
  std::vector<SupplierTerms> suppliers;
  for (int s = 0; s < shape.suppliers; ++s) {
    suppliers.push_back({rng.between(0, 12) * 100, rng.between(1, 7), rng.between(3'000, 9'800)});
  }
  Id next_offer = kFirstOffer;
  std::int64_t next_sku = 100'000;
  std::vector<std::vector<RouteLine>> orders(count);
  for (auto& order : orders) {
    const auto lines = rng.between(shape.min_lines, shape.max_lines);
    for (std::int64_t l = 0; l < lines; ++l) {
      RouteLine line;
      line.sku = "BN-" + std::to_string(next_sku++);
      line.quantity = rng.percent(80) ? 1 : rng.between(2, 3);
      const std::int64_t base_cost = rng.between(800, 15'000);  // 8.00–150.00 CNY
      const auto candidates = rng.between(shape.min_candidates, shape.max_candidates);
      std::vector<int> taken;
      for (std::int64_t c = 0; c < candidates; ++c) {
        int s;
        do {
          s = static_cast<int>(rng.between(0, shape.suppliers - 1));
        } while (std::find(taken.begin(), taken.end(), s) != taken.end());
        taken.push_back(s);
        RouteCandidate rc;
        rc.offer_id = next_offer++;
        rc.supplier_id = kFirstSupplier + s;
        rc.unit_cost_minor = base_cost + rng.between(-base_cost / 10, base_cost / 10);  // suppliers within ±10 %
        rc.shipping_minor = suppliers[static_cast<std::size_t>(s)].shipping_minor;
        rc.lead_time_days = suppliers[static_cast<std::size_t>(s)].lead_time_days;
        rc.supplier_score_bp = suppliers[static_cast<std::size_t>(s)].score_bp;
        rc.stock = rng.percent(shape.out_of_stock_percent) ? rng.between(0, line.quantity - 1) : rng.between(3, 500);
        rc.active = !rng.percent(shape.inactive_percent);
        rc.same_currency = !rng.percent(shape.other_currency_percent);
        line.candidates.push_back(rc);
      }
      order.push_back(std::move(line));
    }
  }
  return orders;
}

constexpr std::size_t kOrders = 4'096;  // cycled through; ~40 KB of candidates, fits in L2 like a hot catalog

void run(benchmark::State& state, const Shape& shape) {
  const auto orders = make_orders(shape, kOrders, 20261125);
  std::int64_t lines = 0, routed = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& order = orders[i];
    auto routes = daifa::route_order(order);
    benchmark::DoNotOptimize(routes.data());
    lines += static_cast<std::int64_t>(order.size());
    for (const auto& r : routes) routed += r.chosen ? 1 : 0;
    i = (i + 1) % orders.size();
  }
  state.SetItemsProcessed(lines);  // items/s = order lines/s
  state.counters["routed_share"] = lines ? static_cast<double>(routed) / static_cast<double>(lines) : 0.0;
}

// The intake mix: 1–3 lines per order.
void BM_route_order_mixed(benchmark::State& state) { run(state, Shape{}); }
BENCHMARK(BM_route_order_mixed);

// Per order size: a one-line order skips the one-supplier search, multi-line orders try it first.
void BM_route_order_lines(benchmark::State& state) {
  Shape shape;
  shape.min_lines = shape.max_lines = static_cast<int>(state.range(0));
  run(state, shape);
}
BENCHMARK(BM_route_order_lines)->Arg(1)->Arg(2)->Arg(3);

// Few suppliers: multi-line orders often find one supplier for everything (the "one parcel" path).
void BM_route_order_few_suppliers(benchmark::State& state) {
  Shape shape;
  shape.suppliers = 6;
  run(state, shape);
}
BENCHMARK(BM_route_order_few_suppliers);

}  // namespace

BENCHMARK_MAIN();
