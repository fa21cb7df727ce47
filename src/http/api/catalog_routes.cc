// Read access to the catalog: products with variants, supplier offers (scoped), sales channels.
// Creating and editing them is the catalog capability's work (issue #4).
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/core/json_reader.h"
#include "store/catalog/catalog_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

// Stored JSON documents (tags, options, size chart) go out as JSON, not as strings.
json::value parsed(const std::string& text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

json::object product_json(const Product& p) {
  json::array variants;
  for (const Variant& v : p.variants) {
    variants.push_back(json::object{{"id", id_to_string(v.id)}, {"sku", v.sku}, {"options", parsed(v.options_json)},
                                    {"price", to_json(v.price)}, {"weight_g", v.weight_g}});
  }
  return json::object{{"id", id_to_string(p.id)},        {"title", p.title},
                      {"title_en", p.title_en},          {"category", p.category},
                      {"tags", parsed(p.tags_json)},     {"description", p.description},
                      {"size_chart", parsed(p.size_chart_json)}, {"images", json::array{}},
                      {"variants", std::move(variants)}, {"version", p.version},
                      {"created_at", format_rfc3339(p.created_at)}, {"updated_at", format_rfc3339(p.updated_at)}};
}

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

json::object channel_json(const Channel& c) {
  // The secret is write-only: it is never sent back.
  return json::object{{"id", id_to_string(c.id)},
                      {"name", c.name},
                      {"kind", to_string(c.kind)},
                      {"has_secret", !c.secret.empty()},
                      {"stock_buffer", c.stock_buffer},
                      {"pricing_rule", parsed(c.pricing_rule_json)},
                      {"version", c.version}};
}

Response list_products(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto result = ctx.app.store().reads().read([&](store::Connection& c) { return store::list_products(c, *page); });
  return list_response(result, product_json);
}

Response get_product(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto p = id ? ctx.app.store().reads().read([&](store::Connection& c) { return store::find_product(c, *id); })
              : std::nullopt;
  if (!p) return not_found("product");
  return json_response(200, product_json(*p));
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

Response list_channels(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto result = ctx.app.store().reads().read([&](store::Connection& c) { return store::list_channels(c, *page); });
  return list_response(result, channel_json);
}

}  // namespace

void add_catalog_routes(Api& api) {
  api.add("GET", "/api/v1/products", RoleSet{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor},
          list_products);
  api.add("GET", "/api/v1/products/{id}",
          RoleSet{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor}, get_product);
  api.add("GET", "/api/v1/offers", RoleSet{Role::owner, Role::operator_, Role::finance, Role::supplier}, list_offers);
  api.add("GET", "/api/v1/channels", kManagers, list_channels);
}

}  // namespace daifa::http
