#include "store/reports/dashboard_repo.h"

namespace daifa::store {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::int64_t count(Connection& c, std::string_view sql, const std::vector<Value>& params = {}) {
  return c.exec(sql, params).one().i64(0);
}

}  // namespace

std::vector<DailyOrders> daily_orders(Connection& c, const Scope& scope, std::int64_t first_day,
                                      std::int64_t utc_offset_ms) {
  if (!scope.is_staff()) return {};
  // The offset and the day length are integers of ours, written into the text so that both backends do
  // integer division on BIGINT (a parameter's type would be guessed differently).
  const std::string day = "((created_at + " + std::to_string(utc_offset_ms) + ") / " + std::to_string(kDayMs) + ")";
  // SUM over BIGINT is NUMERIC on PostgreSQL: cast it back to an integer.
  Result r = c.exec("SELECT " + day + ", currency, COUNT(*), CAST(SUM(total_minor) AS BIGINT) FROM orders "
                    "WHERE created_at >= ? AND status <> 'cancelled' GROUP BY " + day + ", currency "
                    "ORDER BY 1, 2",
                    {first_day * kDayMs - utc_offset_ms});
  std::vector<DailyOrders> out;
  for (const Row& row : r.rows) out.push_back({row.i64(0), row.text(1), row.i64(2), row.i64(3)});
  return out;
}

OpenWork open_work(Connection& c, const Scope& scope, Timestamp now, std::int64_t stuck_after_ms) {
  OpenWork w;
  if (!scope.is_staff()) return w;
  w.on_hold = count(c, "SELECT COUNT(*) FROM orders WHERE status = 'on_hold'");
  // Late from the latest acceptance: a PO accepted again after a re-route counts from then.
  w.late_purchase_orders = count(
      c,
      "SELECT COUNT(*) FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id "
      "WHERE p.status = 'accepted' AND (SELECT MAX(h.at) FROM order_history h "
      "WHERE h.purchase_order_id = p.id AND h.to_status = 'accepted') + s.lead_time_days * " +
          std::to_string(kDayMs) + " < ?",
      {now.unix_ms});
  w.stuck_shipments = count(c,
                            "SELECT COUNT(*) FROM shipments WHERE status IN ('in_transit', 'label_created') "
                            "AND COALESCE(last_event_at, created_at) < ?",
                            {now.unix_ms - stuck_after_ms});
  w.open_alerts = count(c, "SELECT COUNT(*) FROM alerts WHERE status = 'open'");
  return w;
}

}  // namespace daifa::store
