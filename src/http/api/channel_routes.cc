// Sales channels; the secret is write-only (issue #4 grows listings and pricing rules).
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/core/json_reader.h"
#include "store/catalog/channel_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

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

Response list_channels(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto result = ctx.app.store().reads().read([&](store::Connection& c) { return store::list_channels(c, *page); });
  return list_response(result, channel_json);
}

}  // namespace

void add_channel_routes(Api& api) {
  api.add("GET", "/api/v1/channels", kManagers, list_channels);
}

}  // namespace daifa::http
