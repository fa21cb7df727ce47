// Suppliers and distributors: list, read, create, edit (optimistic concurrency with version / If-Match).
#include <algorithm>

#include "app/catalog/scorecard.h"
#include "app/catalog/suppliers.h"
#include "app/distribution/distributors.h"
#include "http/api/api.h"
#include "http/api/party_json.h"
#include "http/api/resource_handlers.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

// Shipping templates are what the merchant pays a supplier: for those who see costs (managers, finance,
// the supplier itself), not for customer service.
json::object supplier_view(const RequestContext& ctx, const Supplier& s) {
  json::object o = supplier_json(s);
  if (ctx.scope().role == Role::agent) o.erase("shipping_templates");
  return o;
}

Response list_suppliers(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"kind", "q"}, error);
  if (!page) return error;
  store::SupplierFilter filter;
  if (auto kind = ctx.req.query_param("kind")) {
    filter.kind = parse_supplier_kind(*kind);
    if (!filter.kind) {
      return problem(Status::malformed_request, "unknown supplier kind",
                     {{"kind", "unknown_kind", "must be factory, wholesaler or agent"}});
    }
  }
  filter.name_contains = std::string(ctx.req.query_param("q").value_or(""));
  return list_response(app::list_suppliers(ctx.app, ctx.scope(), filter, *page),
                       [&](const Supplier& s) { return supplier_view(ctx, s); });
}

Response get_supplier(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  return versioned(id ? app::get_supplier(ctx.app, ctx.scope(), *id) : std::nullopt,
                   [&](const Supplier& s) { return supplier_view(ctx, s); }, "supplier");
}

// GET /suppliers/{id}/scorecard?days=N: every metric with the numbers it was computed from.
Response supplier_scorecard(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("supplier");
  std::int64_t days = kDefaultScorecardDays;
  for (const auto& [key, value] : ctx.req.query) {
    if (key != "days") {
      return problem(Status::malformed_request, "unknown query parameter",
                     {{key, "unknown_parameter", "is not a parameter of the scorecard"}});
    }
    const bool digits = !value.empty() && value.size() <= 3 &&
                        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    days = digits ? std::stoll(value) : 0;  // 0 is refused below, with the reason
  }
  auto card = app::supplier_scorecard(ctx.app, ctx.scope(), *id, days);
  if (!card) return problem(card.failure());
  json::array metrics;
  for (const Metric& m : card->card.metrics) {
    json::object inputs{{"numerator", m.numerator}, {"denominator", m.denominator}};
    for (const MetricInput& in : m.more_inputs) inputs[in.name] = in.value;
    json::object o{{"name", m.name}};
    if (m.name == "response_time") {
      o["value_ms"] = m.value_ms ? json::value(*m.value_ms) : json::value(nullptr);
    } else {
      o["value_bp"] = m.value_bp ? json::value(*m.value_bp) : json::value(nullptr);
    }
    o["score_bp"] = m.score_bp;
    o["weight_bp"] = m.weight_bp;
    o["inputs"] = std::move(inputs);
    metrics.push_back(std::move(o));
  }
  return json_response(200, json::object{{"supplier_id", id_to_string(card->supplier_id)},
                                         {"window_days", card->window_days},
                                         {"computed_at", format_rfc3339(card->computed_at)},
                                         {"score_bp", card->card.score_bp},
                                         {"metrics", std::move(metrics)}});
}

Response create_supplier(RequestContext& ctx) {
  return create_resource<Supplier>(
      ctx, read_supplier, [&](store::Tx& tx, const Supplier& s) { return app::create_supplier(tx, ctx.app, s); },
      supplier_json, "/api/v1/suppliers", "supplier");
}

// Managers edit everything; a supplier user keeps its own shipping templates (运费模板) current and nothing
// else of its record (another supplier's answers 404, as if it did not exist).
Response update_supplier(RequestContext& ctx) {
  if (ctx.scope().role == Role::supplier) {
    auto id = ctx.path_id("id");
    if (!id || !app::get_supplier(ctx.app, ctx.scope(), *id)) return not_found("supplier");
    Response error;
    auto body = ctx.json_body(error);
    if (!body) return error;
    FieldErrors errors;
    for (const auto& kv : *body) {
      if (kv.key() != "shipping_templates" && kv.key() != "version") {
        errors.push_back({std::string(kv.key()), "not_allowed_for_role",
                          "a supplier may change only its shipping_templates"});
      }
    }
    if (!errors.empty()) return problem(Status::invalid_fields, "the supplier has invalid fields", errors);
  }
  return update_resource<Supplier>(
      ctx, read_supplier,
      [&](store::Tx& tx, Id id, std::int64_t version, const std::function<void(Supplier&)>& patch) {
        return app::update_supplier(tx, ctx.app, ctx.scope(), id, version, patch);
      },
      supplier_json, "supplier");
}

Response list_distributors(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"tier", "q"}, error);
  if (!page) return error;
  store::DistributorFilter filter;
  if (auto tier = ctx.req.query_param("tier")) {
    if (tier->size() != 1 || (*tier)[0] < '1' || (*tier)[0] > '5') {
      return problem(Status::malformed_request, "unknown tier", {{"tier", "out_of_range", "must be 1 to 5"}});
    }
    filter.tier = (*tier)[0] - '0';
  }
  filter.name_contains = std::string(ctx.req.query_param("q").value_or(""));
  return list_response(app::list_distributors(ctx.app, ctx.scope(), filter, *page), distributor_json);
}

Response get_distributor(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  return versioned(id ? app::get_distributor(ctx.app, ctx.scope(), *id) : std::nullopt, distributor_json,
                   "distributor");
}

Response create_distributor(RequestContext& ctx) {
  return create_resource<Distributor>(
      ctx, read_distributor,
      [&](store::Tx& tx, const Distributor& d) { return app::create_distributor(tx, ctx.app, d); }, distributor_json,
      "/api/v1/distributors", "distributor");
}

Response update_distributor(RequestContext& ctx) {
  return update_resource<Distributor>(
      ctx, read_distributor,
      [&](store::Tx& tx, Id id, std::int64_t version, const std::function<void(Distributor&)>& patch) {
        return app::update_distributor(tx, ctx.app, ctx.scope(), id, version, patch);
      },
      distributor_json, "distributor");
}

}  // namespace

void add_supplier_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier};
  api.add("GET", "/api/v1/suppliers", readers, list_suppliers);
  api.add("POST", "/api/v1/suppliers", kManagers, create_supplier);
  api.add("GET", "/api/v1/suppliers/{id}", readers, get_supplier);
  api.add("GET", "/api/v1/suppliers/{id}/scorecard", readers, supplier_scorecard);
  api.add("PATCH", "/api/v1/suppliers/{id}", RoleSet{Role::owner, Role::operator_, Role::supplier}, update_supplier);
}

void add_distributor_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};
  api.add("GET", "/api/v1/distributors", readers, list_distributors);
  api.add("POST", "/api/v1/distributors", kManagers, create_distributor);
  api.add("GET", "/api/v1/distributors/{id}", readers, get_distributor);
  api.add("PATCH", "/api/v1/distributors/{id}", kManagers, update_distributor);
}

}  // namespace daifa::http
