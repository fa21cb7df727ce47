#include "app/reports/dashboard.h"

#include "store/reports/dashboard_repo.h"

namespace daifa::app {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// Days since the epoch of the local day `t` falls in (floor, so times before 1970 are right too).
std::int64_t local_day(Timestamp t) {
  const std::int64_t ms = t.unix_ms + kChinaOffsetMs;
  return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

std::string date_of(std::int64_t day) { return format_rfc3339(Timestamp{day * kDayMs}).substr(0, 10); }

}  // namespace

Dashboard dashboard(App& app, const Scope& scope) {
  Dashboard d;
  d.as_of = app.now();
  const std::int64_t today = local_day(d.as_of);
  const std::int64_t first = today - (kDashboardDays - 1);
  for (std::int64_t day = first; day <= today; ++day) d.days.push_back(DayFigures{date_of(day), 0, {}});

  // One snapshot for all figures, so they agree with each other.
  app.store().reads().read([&](store::Connection& c) {
    for (const store::DailyOrders& row : store::daily_orders(c, scope, first, kChinaOffsetMs)) {
      if (row.day < first || row.day > today) continue;  // an order dated in the future (clock skew)
      DayFigures& bucket = d.days[static_cast<std::size_t>(row.day - first)];
      bucket.orders += row.orders;
      bucket.revenue.push_back(CurrencyTotal{row.currency, row.total_minor});  // rows come sorted by currency
    }
    const store::OpenWork w = store::open_work(c, scope, d.as_of, kStuckShipmentMs);
    d.on_hold = w.on_hold;
    d.late_purchase_orders = w.late_purchase_orders;
    d.stuck_shipments = w.stuck_shipments;
    d.open_alerts = w.open_alerts;
    return 0;
  });
  d.today = d.days.back();
  return d;
}

}  // namespace daifa::app
