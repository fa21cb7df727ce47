#pragma once
// The figures of the staff dashboard, counted in SQL over the live tables (orders, purchase orders,
// shipments, alerts). Staff only: any other scope counts nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/common/time.h"
#include "store/database.h"

namespace daifa::store {

// Orders of one local day in one currency. `day` counts days since 1970-01-01 in the local time of the
// offset asked for.
struct DailyOrders {
  std::int64_t day = 0;
  std::string currency;
  std::int64_t orders = 0;
  std::int64_t total_minor = 0;
};

// Orders that are not cancelled, from local day `first_day` on, grouped by local day and currency.
std::vector<DailyOrders> daily_orders(Connection& c, const Scope& scope, std::int64_t first_day,
                                      std::int64_t utc_offset_ms);

// What needs someone's attention now.
struct OpenWork {
  std::int64_t on_hold = 0;
  std::int64_t late_purchase_orders = 0;  // accepted longer ago than the supplier's lead time
  std::int64_t stuck_shipments = 0;       // no scan (or created, before any scan) for longer than stuck_after_ms
  std::int64_t open_alerts = 0;
};
OpenWork open_work(Connection& c, const Scope& scope, Timestamp now, std::int64_t stuck_after_ms);

}  // namespace daifa::store
