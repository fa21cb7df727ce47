// Supplier offers, their sync push, the stock/cost change journal and the alerts (about offers, and the
// fulfilment alerts about purchase orders and shipments).
// Scope: a supplier sees and changes only its own offers; a distributor sees no offer and no cost, only the
// stock rows of the journal for active offers; every stock or cost change is journaled in its transaction.
#include <algorithm>
#include <charconv>

#include "app/catalog/alerts.h"
#include "app/catalog/feeds.h"
#include "app/catalog/fulfilment_alerts.h"
#include "app/catalog/offers.h"
#include "app/catalog/suppliers.h"
#include "domain/common/time.h"
#include "domain/common/validation.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/core/json_reader.h"
#include "integrations/catalog/offer_rows.h"
#include "integrations/spreadsheet/table_reader.h"

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
                      {"created_at", format_rfc3339(o.created_at)},
                      {"updated_at", format_rfc3339(o.updated_at)}};
}

json::value journal_value(const JournalEntry& j, std::optional<std::int64_t> v) {
  if (!v) return nullptr;
  if (j.field == JournalField::cost && j.currency) return to_json(Money{*v, *j.currency});
  return *v;
}

json::object alert_json(const Alert& a) {
  json::object o{{"id", id_to_string(a.id)},
                 {"kind", to_string(a.kind)},
                 {"status", to_string(a.status)},
                 {"supplier_id", id_to_string(a.supplier_id)},
                 {"sku", a.sku},
                 {"message", a.message},
                 {"detail", parsed(a.detail_json)},
                 {"raised_at", format_rfc3339(a.raised_at)}};
  o["offer_id"] = a.offer_id ? json::value(id_to_string(*a.offer_id)) : nullptr;
  o["purchase_order_id"] = a.purchase_order_id ? json::value(id_to_string(*a.purchase_order_id)) : nullptr;
  o["shipment_id"] = a.shipment_id ? json::value(id_to_string(*a.shipment_id)) : nullptr;
  o["feed_id"] = a.feed_id ? json::value(id_to_string(*a.feed_id)) : nullptr;
  o["acknowledged_at"] = a.acknowledged_at ? json::value(format_rfc3339(*a.acknowledged_at)) : nullptr;
  o["acknowledged_by"] = a.acknowledged_by ? json::value(id_to_string(*a.acknowledged_by)) : nullptr;
  return o;
}

Response ok_versioned(int status, const Offer& o) {
  Response r = json_response(status, offer_json(o));
  r.set("ETag", "\"" + std::to_string(o.version) + "\"");
  if (status == 201) r.set("Location", "/api/v1/offers/" + id_to_string(o.id));
  return r;
}

// Who is changing, as the journal records it: the signed-in user's email.
app::ChangeSource source_of(const RequestContext& ctx, std::string reason) {
  return app::ChangeSource{ctx.principal ? ctx.principal->user.email : std::string("anonymous"), std::move(reason)};
}

Response list_offers(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"sku", "supplier_id", "active"}, error);
  if (!page) return error;
  store::OfferFilter filter;
  filter.sku = std::string(ctx.req.query_param("sku").value_or(""));
  if (!id_param(ctx, "supplier_id", filter.supplier_id, error)) return error;
  if (auto active = ctx.req.query_param("active")) {
    if (*active != "true" && *active != "false") {
      return problem(Status::malformed_request, "active must be true or false",
                     {{"active", "must_be_boolean", "must be true or false"}});
    }
    filter.active = *active == "true";
  }
  return list_response(app::list_offers(ctx.app, ctx.scope(), filter, *page), offer_json);
}

Response get_offer(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto o = id ? app::get_offer(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!o) return not_found("offer");
  return ok_versioned(200, *o);
}

Response create_offer(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto supplier_id = reader.id("supplier_id", Need::required);
  auto sku = reader.string("sku", Need::required);
  auto supplier_sku = reader.string("supplier_sku", Need::required);
  auto cost = reader.money("cost", Need::required);
  auto shipping = reader.money("shipping_cost", Need::optional);
  auto stock = reader.integer("stock", Need::optional);
  auto lead = reader.integer("lead_time_days", Need::optional);
  auto active = reader.boolean("active", Need::optional);
  reader.allow_only({"supplier_id", "sku", "supplier_sku", "cost", "shipping_cost", "stock", "lead_time_days", "active"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the offer has invalid fields", errors);
  app::NewOffer input{*supplier_id, *sku, *supplier_sku, *cost, shipping, stock.value_or(0), lead, active.value_or(true)};
  return ctx.write([&](store::Tx& tx) {
    auto o = app::create_offer(tx, ctx.app, ctx.scope(), source_of(ctx, "created"), input);
    if (!o) return problem(o.failure());
    return ok_versioned(201, *o);
  });
}

Response update_offer(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("offer");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  app::OfferPatch patch;
  patch.supplier_sku = reader.string("supplier_sku", Need::optional);
  patch.cost = reader.money("cost", Need::optional);
  patch.shipping_cost = reader.money("shipping_cost", Need::optional);
  patch.stock = reader.integer("stock", Need::optional);
  patch.lead_time_days = reader.integer("lead_time_days", Need::optional);
  patch.active = reader.boolean("active", Need::optional);
  auto reason = reader.string("reason", Need::optional);
  reader.allow_only({"supplier_sku", "cost", "shipping_cost", "stock", "lead_time_days", "active", "reason", "version",
                     "supplier_id", "sku"});
  for (std::string_view fixed : {"supplier_id", "sku"}) {
    if (reader.has(fixed)) {
      errors.push_back({std::string(fixed), "read_only", "cannot be changed; create another offer instead"});
    }
  }
  // A supplier keeps its stock, prices and lead times current; how its items are keyed is the merchant's.
  if (ctx.scope().role == Role::supplier && reader.has("supplier_sku")) {
    errors.push_back({"supplier_sku", "not_allowed_for_role", "a supplier may change only stock, cost, "
                                                              "shipping_cost, lead_time_days and active"});
  }
  if (reason) check_text(errors, "reason", *reason, 1, 200);
  if (!errors.empty()) return problem(Status::invalid_fields, "the offer has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto o = app::update_offer(tx, ctx.app, ctx.scope(), source_of(ctx, reason.value_or("edit")), *id, *version, patch);
    if (!o) return problem(o.failure());
    return ok_versioned(200, *o);
  });
}

json::object sync_report_json(const app::SyncReport& report, const std::string& prefix) {
  json::array results;
  results.reserve(report.results.size());
  for (const app::SyncResult& r : report.results) {
    json::object o{{"index", r.index}, {"supplier_sku", r.supplier_sku}, {"status", to_string(r.status)}};
    if (r.error) {
      std::string at = prefix + "[" + std::to_string(r.index) + "]";
      o["error"] = json::object{{"field", r.error->field.empty() ? at : at + "." + r.error->field},
                                {"code", r.error->code},
                                {"message", r.error->message}};
    }
    results.push_back(std::move(o));
  }
  return json::object{{"results", std::move(results)},
                      {"applied", report.applied},
                      {"unchanged", report.unchanged},
                      {"refused", report.refused}};
}

Response sync_offers(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto supplier_id = reader.id("supplier_id", Need::required);
  const json::value* items = body->if_contains("items");
  if (!items || items->is_null()) {
    errors.push_back({"items", "required", "is required"});
  } else if (!items->is_array()) {
    errors.push_back({"items", "must_be_array", "must be an array"});
  }
  reader.allow_only({"supplier_id", "items"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the sync request has invalid fields", errors);
  const json::array& array = items->as_array();
  if (array.size() > kMaxSyncItems) {
    return problem(Status::payload_too_large, "at most " + std::to_string(kMaxSyncItems) + " items per call",
                   {{"items", "too_many_items", "must have at most " + std::to_string(kMaxSyncItems) + " items"}});
  }
  std::vector<SyncItem> parsed_items;
  parsed_items.reserve(array.size());
  for (const json::value& v : array) parsed_items.push_back(integrations::read_sync_item(v));
  // Checks and reads on this thread; the writer only writes (app::plan_sync / apply_sync).
  auto plan = app::plan_sync(ctx.app, ctx.scope(), *supplier_id, std::move(parsed_items));
  if (!plan) return problem(plan.failure());
  // The answer is built after the commit, off the writer's thread — unless it must be stored with an
  // Idempotency-Key in the same transaction.
  const bool remembered = ctx.req.header("Idempotency-Key").has_value();
  std::optional<app::SyncReport> committed;
  Response r = ctx.write([&](store::Tx& tx) {
    auto report = app::apply_sync(tx, ctx.app, ctx.scope(), source_of(ctx, "sync"), *plan);
    if (!report) return problem(report.failure());
    if (remembered) return json_response(200, sync_report_json(*report, "items"));
    committed = std::move(*report);
    return Response{200};
  });
  if (committed && r.status == 200) return json_response(200, sync_report_json(*committed, "items"));
  return r;
}

// Offers from a CSV or XLSX file (a supplier's price and stock list; read_table tells them apart by their
// bytes): header `supplier_sku,stock,cost[,currency]` in any order; `cost` is a decimal in `currency`
// (default CNY). Every row goes through the sync rules.
Response import_offers(RequestContext& ctx) {
  std::optional<Id> supplier_id;
  Response error;
  for (const auto& [key, value] : ctx.req.query) {
    if (key != "supplier_id" && key != "file") {
      return problem(Status::malformed_request, "the query has invalid parameters",
                     {{key, "unknown_parameter", "is not a parameter of this import"}});
    }
  }
  if (!id_param(ctx, "supplier_id", supplier_id, error)) return error;
  if (!supplier_id && ctx.scope().role == Role::supplier) supplier_id = ctx.scope().supplier_id;
  if (!supplier_id) {
    return problem(Status::invalid_fields, "which supplier's offers: give supplier_id",
                   {{"supplier_id", "required", "is required"}});
  }
  if (!app::get_supplier(ctx.app, ctx.scope(), *supplier_id)) return not_found("supplier");
  integrations::Table table = integrations::read_table(ctx.req.body);
  const bool xlsx = table.format == integrations::TableFormat::xlsx;
  std::string file(ctx.req.query_param("file").value_or(xlsx ? "offers.xlsx" : "offers.csv"));
  if (file.empty() || file.size() > 200) {
    return problem(Status::malformed_request, "file must be 1 to 200 characters",
                   {{"file", "out_of_range", "must be 1 to 200 characters"}});
  }
  // The same reading as a supplier feed's CSV/XLSX body (integrations/catalog/offer_rows).
  integrations::OfferRows parsed_rows = integrations::offer_rows_from_table(table, app::kMaxImportRows);
  if (parsed_rows.failure) return problem(*parsed_rows.failure);
  const std::vector<SyncItem>& rows = parsed_rows.rows;
  const std::vector<std::size_t>& row_numbers = parsed_rows.row_numbers;
  return ctx.write([&](store::Tx& tx) {
    auto report = app::import_offers(tx, ctx.app, ctx.scope(), source_of(ctx, "import:" + file), *supplier_id,
                                     rows, row_numbers);
    if (!report) return problem(report.failure());
    json::array results;
    results.reserve(report->results.size());
    for (const app::SyncResult& r : report->results) {
      json::object o{{"row", r.index}, {"supplier_sku", r.supplier_sku}, {"status", to_string(r.status)}};
      if (r.error) {
        o["error"] = json::object{{"field", r.error->field}, {"code", r.error->code}, {"message", r.error->message}};
      }
      results.push_back(std::move(o));
    }
    return json_response(200, json::object{{"file", file},
                                           {"rows", std::move(results)},
                                           {"applied", report->applied},
                                           {"unchanged", report->unchanged},
                                           {"refused", report->refused}});
  });
}

Response list_journal(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"sku", "offer_id", "since", "field"}, error);
  if (!page) return error;
  store::JournalFilter filter;
  filter.sku = std::string(ctx.req.query_param("sku").value_or(""));
  if (!id_param(ctx, "offer_id", filter.offer_id, error)) return error;
  if (auto since = ctx.req.query_param("since")) {
    filter.since = parse_rfc3339(*since);
    if (!filter.since) {
      return problem(Status::malformed_request, "since must be an RFC 3339 time",
                     {{"since", "must_be_time", "must be an RFC 3339 time such as 2026-11-24T08:00:00Z"}});
    }
  }
  if (auto field = ctx.req.query_param("field")) {
    filter.field = parse_journal_field(*field);
    if (!filter.field) {
      return problem(Status::malformed_request, "field must be stock or cost",
                     {{"field", "unknown_field_value", "must be stock or cost"}});
    }
  }
  // Distributors trust the stock figure by its detail, but who changed it names the supplier: not theirs.
  const bool show_actor = ctx.scope().role != Role::distributor;
  return list_response(app::list_journal(ctx.app, ctx.scope(), filter, *page), [&](const JournalEntry& j) {
    json::object o{{"id", id_to_string(j.id)},
                   {"at", format_rfc3339(j.at)},
                   {"offer_id", id_to_string(j.offer_id)},
                   {"sku", j.sku},
                   {"field", to_string(j.field)},
                   {"old", journal_value(j, j.old_value)},
                   {"new", journal_value(j, j.new_value)},
                   {"reason", j.reason}};
    o["actor"] = show_actor ? json::value(j.actor) : json::value(nullptr);
    return o;
  });
}

Response list_alerts(RequestContext& ctx) {
  Response error;
  auto page =
      page_request(ctx.req, {"kind", "status", "offer_id", "purchase_order_id", "shipment_id", "feed_id"}, error);
  if (!page) return error;
  store::AlertFilter filter;
  if (!enum_param(ctx, "kind", [](std::string_view t) { return parse_alert_kind(t); }, "unknown alert kind",
                  "must be out_of_stock, cost_up, margin_below_floor, feed_late, late_shipping, stuck_parcel or "
                  "shipment_exception",
                  filter.kind, error) ||
      !enum_param(ctx, "status", [](std::string_view t) { return parse_alert_status(t); }, "unknown alert status",
                  "must be open or acknowledged", filter.status, error)) {
    return error;
  }
  if (!id_param(ctx, "offer_id", filter.offer_id, error) ||
      !id_param(ctx, "purchase_order_id", filter.purchase_order_id, error) ||
      !id_param(ctx, "shipment_id", filter.shipment_id, error) || !id_param(ctx, "feed_id", filter.feed_id, error)) {
    return error;
  }
  return list_response(app::list_alerts(ctx.app, ctx.scope(), filter, *page), alert_json);
}

Response acknowledge_alert(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("alert");
  return ctx.write([&](store::Tx& tx) {
    auto a = app::acknowledge_alert(tx, ctx.app, ctx.scope(), *id);
    if (!a) return problem(a.failure());
    return json_response(200, alert_json(*a));
  });
}

// "Check now": the periodic fulfilment scan, run at once (operators' button).
Response scan_alerts(RequestContext& ctx) {
  return ctx.write([&](store::Tx& tx) {
    const int raised =
        app::scan_fulfilment_alerts(tx, ctx.app, app::FulfilmentAlertPolicy{}) + app::scan_feed_alerts(tx, ctx.app);
    return json_response(200, json::object{{"raised", raised}});
  });
}

}  // namespace

void add_offer_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::finance, Role::supplier};
  const RoleSet editors{Role::owner, Role::operator_, Role::supplier};
  api.add("GET", "/api/v1/offers", readers, list_offers);
  api.add("POST", "/api/v1/offers", kManagers, create_offer);
  api.add("POST", "/api/v1/offers/sync", editors, sync_offers);
  api.add("GET", "/api/v1/offers/{id}", readers, get_offer);
  api.add("PATCH", "/api/v1/offers/{id}", editors, update_offer);
  api.add("GET", "/api/v1/stock-journal",
          RoleSet{Role::owner, Role::operator_, Role::finance, Role::supplier, Role::distributor}, list_journal);
  api.add("GET", "/api/v1/alerts", readers, list_alerts);
  api.add("POST", "/api/v1/alerts/{id}/acknowledge", kManagers, acknowledge_alert);
  api.add("POST", "/api/v1/alerts/scan", kManagers, api.blocking(scan_alerts));
  api.add("POST", "/api/v1/imports/offers", editors, api.blocking(import_offers),
          {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
}

}  // namespace daifa::http
