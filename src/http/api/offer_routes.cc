// Supplier offers, scoped: a supplier sees only its own (issue #4 grows sync, journal, alerts).
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/core/json_reader.h"
#include "store/catalog/offer_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::object offer_json(const Offer& o) {
  return json::object{{"id", id_to_string(o.id)},
                      {"supplier_id", id_to_string(o.supplier_id)},
                      {"sku", o.sku},
                      {"supplier_sku", o.supplier_sku},
                      {"cost", to_json(o.cost)},
                      {"shipping_cost", to_json(o.shipping_cost)},
                      {"stock", o.stock},
                      {"lead_time_days", o.lead_time_days},
                      {"active", o.active},
                      {"version", o.version},
                      {"updated_at", format_rfc3339(o.updated_at)}};
}

Response list_offers(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"sku", "supplier_id"}, error);
  if (!page) return error;
  store::OfferFilter filter;
  filter.sku = std::string(ctx.req.query_param("sku").value_or(""));
  if (auto supplier = ctx.req.query_param("supplier_id")) {
    filter.supplier_id = parse_id(*supplier);
    if (!filter.supplier_id) {
      return problem(Status::malformed_request, "supplier_id must be an id",
                     {{"supplier_id", "must_be_id", "must be an id such as 123456789"}});
    }
  }
  auto result = ctx.app.store().reads().read(
      [&](store::Connection& c) { return store::list_offers(c, ctx.scope(), filter, *page); });
  return list_response(result, offer_json);
}

}  // namespace

void add_offer_routes(Api& api) {
  api.add("GET", "/api/v1/offers", RoleSet{Role::owner, Role::operator_, Role::finance, Role::supplier}, list_offers);
}

}  // namespace daifa::http
