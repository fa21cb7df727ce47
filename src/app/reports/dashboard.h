#pragma once
// The staff dashboard: today's figures and the last 30 days, in China time (UTC+8, no daylight saving),
// because the merchant's day is China's whatever the server's zone.
#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/accounts/role.h"

namespace daifa::app {

inline constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;
inline constexpr int kDashboardDays = 30;
inline constexpr std::int64_t kStuckShipmentMs = 3LL * 24 * 3600 * 1000;  // no scan for 3 days

// A sum of order totals in one currency (totals are never converted).
struct CurrencyTotal {
  std::string currency;
  std::int64_t amount_minor = 0;
};

struct DayFigures {
  std::string date;  // "2026-11-25", the local day
  std::int64_t orders = 0;
  std::vector<CurrencyTotal> revenue;  // by currency code
};

struct Dashboard {
  Timestamp as_of;
  DayFigures today;
  std::int64_t on_hold = 0;
  std::int64_t late_purchase_orders = 0;
  std::int64_t stuck_shipments = 0;
  std::int64_t open_alerts = 0;
  std::vector<DayFigures> days;  // kDashboardDays, oldest first, today last, days without orders included
};

Dashboard dashboard(App& app, const Scope& scope);

}  // namespace daifa::app
