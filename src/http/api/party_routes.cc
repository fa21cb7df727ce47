// Suppliers and distributors: list, read, create, edit (optimistic concurrency with version / If-Match).
#include "app/catalog/suppliers.h"
#include "app/distribution/distributors.h"
#include "http/api/api.h"
#include "http/api/party_json.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

Response created(const json::object& body, const std::string& location, std::int64_t version) {
  Response r = json_response(201, body);
  r.set("Location", location);
  r.set("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

Response ok_versioned(const json::object& body, std::int64_t version) {
  Response r = json_response(200, body);
  r.set("ETag", "\"" + std::to_string(version) + "\"");
  return r;
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
  return list_response(app::list_suppliers(ctx.app, ctx.scope(), filter, *page), supplier_json);
}

Response get_supplier(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto s = id ? app::get_supplier(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!s) return not_found("supplier");
  return ok_versioned(supplier_json(*s), s->version);
}

Response create_supplier(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  auto patch = read_supplier(*body, errors, true);
  if (!errors.empty()) return problem(Status::invalid_fields, "the supplier has invalid fields", errors);
  Supplier input;
  patch(input);
  return ctx.write([&](store::Tx& tx) {
    auto s = app::create_supplier(tx, ctx.app, input);
    if (!s) return problem(s.failure());
    return created(supplier_json(*s), "/api/v1/suppliers/" + id_to_string(s->id), s->version);
  });
}

Response update_supplier(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("supplier");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  auto patch = read_supplier(*body, errors, false);
  if (!errors.empty()) return problem(Status::invalid_fields, "the supplier has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto s = app::update_supplier(tx, ctx.app, ctx.scope(), *id, *version, patch);
    if (!s) return problem(s.failure());
    return ok_versioned(supplier_json(*s), s->version);
  });
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
  auto d = id ? app::get_distributor(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!d) return not_found("distributor");
  return ok_versioned(distributor_json(*d), d->version);
}

Response create_distributor(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  auto patch = read_distributor(*body, errors, true);
  if (!errors.empty()) return problem(Status::invalid_fields, "the distributor has invalid fields", errors);
  Distributor input;
  patch(input);
  return ctx.write([&](store::Tx& tx) {
    auto d = app::create_distributor(tx, ctx.app, input);
    if (!d) return problem(d.failure());
    return created(distributor_json(*d), "/api/v1/distributors/" + id_to_string(d->id), d->version);
  });
}

Response update_distributor(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("distributor");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  auto patch = read_distributor(*body, errors, false);
  if (!errors.empty()) return problem(Status::invalid_fields, "the distributor has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto d = app::update_distributor(tx, ctx.app, ctx.scope(), *id, *version, patch);
    if (!d) return problem(d.failure());
    return ok_versioned(distributor_json(*d), d->version);
  });
}

}  // namespace

void add_supplier_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier};
  api.add("GET", "/api/v1/suppliers", readers, list_suppliers);
  api.add("POST", "/api/v1/suppliers", kManagers, create_supplier);
  api.add("GET", "/api/v1/suppliers/{id}", readers, get_supplier);
  api.add("PATCH", "/api/v1/suppliers/{id}", kManagers, update_supplier);
}

void add_distributor_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};
  api.add("GET", "/api/v1/distributors", readers, list_distributors);
  api.add("POST", "/api/v1/distributors", kManagers, create_distributor);
  api.add("GET", "/api/v1/distributors/{id}", readers, get_distributor);
  api.add("PATCH", "/api/v1/distributors/{id}", kManagers, update_distributor);
}

}  // namespace daifa::http
