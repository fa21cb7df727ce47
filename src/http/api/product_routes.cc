// Products with variants: the catalog (issue #4 grows editing, images, compliance).
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/core/json_reader.h"
#include "store/catalog/product_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

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

}  // namespace

void add_product_routes(Api& api) {
  api.add("GET", "/api/v1/products", RoleSet{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor},
          list_products);
  api.add("GET", "/api/v1/products/{id}",
          RoleSet{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor}, get_product);
}

}  // namespace daifa::http
