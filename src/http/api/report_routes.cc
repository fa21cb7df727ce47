// Reports for the staff: the dashboard's figures. Read-only; counted live from the store on each call.
#include "app/reports/dashboard.h"
#include "http/api/api.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::object day_json(const app::DayFigures& d, bool with_date) {
  json::array revenue;
  for (const app::CurrencyTotal& t : d.revenue) {
    revenue.push_back(json::object{{"currency", t.currency}, {"amount_minor", t.amount_minor}});
  }
  json::object o;
  if (with_date) o["date"] = d.date;
  o["orders"] = d.orders;
  o["revenue"] = std::move(revenue);
  return o;
}

Response get_dashboard(RequestContext& ctx) {
  const app::Dashboard d = app::dashboard(ctx.app, ctx.scope());
  json::object today = day_json(d.today, false);
  today["on_hold"] = d.on_hold;
  today["late_purchase_orders"] = d.late_purchase_orders;
  today["stuck_shipments"] = d.stuck_shipments;
  today["open_alerts"] = d.open_alerts;
  json::array days;
  for (const app::DayFigures& day : d.days) days.push_back(day_json(day, true));
  return json_response(200, json::object{{"as_of", format_rfc3339(d.as_of)},
                                         {"timezone", "+08:00"},
                                         {"today", std::move(today)},
                                         {"days", std::move(days)}});
}

}  // namespace

void add_report_routes(Api& api) { api.add("GET", "/api/v1/reports/dashboard", kStaff, api.blocking(get_dashboard)); }

}  // namespace daifa::http
