// Orders (intake, reads, approve/cancel/urge/edit), purchase orders and the supplier's answers, the review
// blacklist and the ledger's read side. Scope: staff see every order; a distributor only the orders of its
// own channels and never their purchase side; a supplier no order, only its own purchase orders (404 for
// another's); finance reads the ledger.
#include <algorithm>
#include <array>
#include <utility>
#include <variant>

#include "app/orders/orders.h"
#include "domain/common/time.h"
#include "domain/common/validation.h"
#include "domain/orders/review.h"
#include "http/api/api.h"
#include "http/api/order_json.h"
#include "http/api/table_export.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

const RoleSet kOrderWriters{Role::owner, Role::operator_, Role::agent};
const RoleSet kOrderReaders{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};
const RoleSet kDistributorToo{Role::owner, Role::operator_, Role::agent, Role::distributor};
const RoleSet kPoReaders{Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier};
const RoleSet kPoAnswerers{Role::owner, Role::operator_, Role::supplier};
const RoleSet kLedgerReaders{Role::owner, Role::operator_, Role::finance};

app::Actor actor_of(const RequestContext& ctx) {
  if (!ctx.principal) return {"anonymous"};
  return {ctx.principal->user.email};
}

// Errors of the domain's validation that name a field the reader has not already named.
void merge_errors(FieldErrors& errors, const FieldErrors& more) {
  for (const FieldError& e : more) {
    bool named = std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) { return x.field == e.field; });
    if (!named) errors.push_back(e);
  }
}

Response order_response(int status, const Order& o, const Scope& scope) {
  Response r = json_response(status, order_json(o, scope));
  r.set("ETag", "\"" + std::to_string(o.version) + "\"");
  if (status == 201) r.set("Location", "/api/v1/orders/" + id_to_string(o.id));
  return r;
}

// An optional body for the POST actions; an empty body is an empty object.
std::optional<json::object> action_body(RequestContext& ctx, Response& error) {
  if (ctx.req.body.empty()) return json::object{};
  return ctx.json_body(error);
}

Response create_order(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  OrderDraft draft = read_order_draft(*body, errors);
  if (!errors.empty()) {
    merge_errors(errors, validate_order_draft(draft));
    return problem(Status::invalid_fields, "the order has invalid fields", errors);
  }
  using Taken = std::pair<int, Order>;  // the status (201 new, 200 already taken in) and the order
  return ctx.write_rendered<Taken>(
      [&](store::Tx& tx) -> std::variant<Response, Taken> {
        auto result = app::intake_order(tx, ctx.app, ctx.scope(), actor_of(ctx), draft);  // a copy: the writer may run this again
        if (!result) return problem(result.failure());
        return Taken{result->created ? 201 : 200, std::move(result->order)};
      },
      [&](const Taken& taken) { return order_response(taken.first, taken.second, ctx.scope()); });
}

// A period of creation, [created_since, created_before): RFC 3339 times with their offset. False, with a 400
// naming the parameter in `error`, for a value that is not a time or a period that is empty.
bool read_created_period(const RequestContext& ctx, std::optional<Timestamp>& since, std::optional<Timestamp>& before,
                         Response& error) {
  for (auto [name, out] : {std::pair{"created_since", &since}, std::pair{"created_before", &before}}) {
    if (auto text = ctx.req.query_param(name)) {
      *out = parse_rfc3339(*text);
      if (!*out) {
        error = problem(Status::malformed_request, std::string(name) + " must be an RFC 3339 time",
                        {{name, "must_be_time", "must be an RFC 3339 time such as 2026-12-01T00:00:00+08:00"}});
        return false;
      }
    }
  }
  if (since && before && before->unix_ms <= since->unix_ms) {
    error = problem(Status::malformed_request, "created_before must be later than created_since",
                    {{"created_before", "empty_period", "must be later than created_since"}});
    return false;
  }
  return true;
}

// The filters of the order list and its export; false with a 400 in `error` for a bad value.
const std::initializer_list<std::string_view> kOrderFilters{
    "status", "channel_id", "hold_reason", "external_id", "phone", "created_since", "created_before"};
bool read_order_filter(const RequestContext& ctx, store::OrderFilter& filter, Response& error) {
  if (!enum_param(ctx, "status", [](std::string_view t) { return parse_order_status(t); },
                  "status is not an order status", "must be an order status such as on_hold", filter.status, error) ||
      !enum_param(ctx, "hold_reason", [](std::string_view t) { return parse_hold_reason(t); },
                  "hold_reason is not a hold reason", "must be a hold reason such as out_of_stock", filter.hold_reason,
                  error)) {
    return false;
  }
  if (!id_param(ctx, "channel_id", filter.channel_id, error)) return false;
  filter.external_id = std::string(ctx.req.query_param("external_id").value_or(""));
  // The customer's phone as customer service types it: +86, spaces and dashes are ignored; empty: no filter.
  if (auto phone = trim_spaces(ctx.req.query_param("phone").value_or("")); !phone.empty()) {
    filter.phone = normalize_phone(phone);
    if (filter.phone.size() < 5 || filter.phone.size() > 20) {
      error = problem(Status::malformed_request, "phone is not a phone number",
                      {{"phone", "invalid_phone", "must be a phone number of 5 to 20 digits"}});
      return false;
    }
  }
  return read_created_period(ctx, filter.created_since, filter.created_before, error);
}

Response list_orders(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, kOrderFilters, error);
  if (!page) return error;
  store::OrderFilter filter;
  if (!read_order_filter(ctx, filter, error)) return error;
  const Scope scope = ctx.scope();
  return list_response(app::list_orders(ctx.app, scope, filter, *page),
                       [&](const Order& o) { return order_json(o, scope); });
}

integrations::MoneyCell money_cell(const Money& m) { return {m.amount_minor, m.currency.minor_digits()}; }

constexpr std::array<std::string_view, 27> kOrderExportColumns{
    "order_id", "external_id", "channel_id", "status", "hold_reasons", "created_at", "customer_name",
    "customer_phone", "customer_email", "ship_name", "ship_phone", "province", "city", "district", "address",
    "postal_code", "items", "quantity", "currency", "goods", "shipping_fee", "total", "paid", "payment_method",
    "blind_ship", "note", "urge_count"};

// GET /orders.csv|.xlsx: the orders of the list's filters, one row per order, newest first, its lines in one
// cell ("SKU ×2 @ 59.00; …"). What the reader may see of an order, without the purchase side: the same columns
// for staff and for a distributor.
Response export_orders(RequestContext& ctx, ExportFormat format) {
  Response error;
  ExportTimes times;
  if (!export_query(ctx.req, kOrderFilters, times, error)) return error;
  store::OrderFilter filter;
  if (!read_order_filter(ctx, filter, error)) return error;
  const Scope scope = ctx.scope();
  std::vector<TableRow> rows{header_row(kOrderExportColumns)};
  auto add = [&](const Order& o) {
    std::string items;
    std::int64_t quantity = 0;
    for (const OrderLine& l : o.lines) {
      if (!items.empty()) items += "; ";
      items += l.sku + " ×" + std::to_string(l.quantity) + " @ " +
               format_decimal_minor(l.unit_price.amount_minor, l.unit_price.currency.minor_digits());
      quantity += l.quantity;
    }
    const ShippingAddress& a = o.shipping_address;
    rows.push_back({id_to_string(o.id), o.external_id, id_to_string(o.channel_id), std::string(to_string(o.status)),
                    join_hold_reasons(o.hold_reasons), times(o.created_at), o.customer.name, o.customer.phone,
                    o.customer.email, a.name, a.phone, a.province, a.city, a.district, a.line1, a.postal_code,
                    std::move(items), quantity, std::string(o.total.currency.code()), money_cell(o.goods_total),
                    money_cell(o.shipping_fee), money_cell(o.total), money_cell(o.paid),
                    std::string(to_string(o.payment_method)), std::string(o.blind_ship ? "yes" : "no"), o.note,
                    o.urge_count});
  };
  if (!each_item([&](const store::PageRequest& page) { return app::list_orders(ctx.app, scope, filter, page); }, add)) {
    return too_many_rows();
  }
  return table_response(format, export_stem("orders", ctx.app.now()), "orders", rows);
}

Response get_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto o = id ? app::get_order(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!o) return not_found("order");
  return order_response(200, *o, ctx.scope());
}

Response order_history(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto rows = id ? app::order_history(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!rows) return not_found("order");
  json::array items;
  for (const auto& h : *rows) {
    // A distributor follows its order's own moves; the purchase side stays with the merchant.
    if (!ctx.scope().is_staff() && h.purchase_order_id) continue;
    items.push_back(history_json(h));
  }
  return json_response(200, json::object{{"items", std::move(items)}});
}

Response order_ledger(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto rows = id ? app::order_postings(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!rows) return not_found("order");
  json::array items;
  for (const auto& p : *rows) items.push_back(posting_json(p));
  return json_response(200, json::object{{"items", std::move(items)}});
}

// approve / cancel / urge: {note} or {reason}, then the order as it became.
template <class Action>
Response order_action(RequestContext& ctx, std::string_view text_field, bool text_required, Action action) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("order");
  Response error;
  auto body = action_body(ctx, error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto text = reader.string(text_field, text_required ? Need::required : Need::optional);
  reader.allow_only({text_field});
  if (text) check_text(errors, text_field, *text, text_required ? 1 : 0, 300);
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    Outcome<Order> o = action(tx, *id, text.value_or(""));
    if (!o) return problem(o.failure());
    return order_response(200, *o, ctx.scope());
  });
}

Response approve_order(RequestContext& ctx) {
  return order_action(ctx, "note", false, [&](store::Tx& tx, Id id, const std::string& note) {
    return app::approve_order(tx, ctx.app, ctx.scope(), actor_of(ctx), id, note);
  });
}

Response cancel_order(RequestContext& ctx) {
  return order_action(ctx, "reason", true, [&](store::Tx& tx, Id id, const std::string& reason) {
    return app::cancel_order(tx, ctx.app, ctx.scope(), actor_of(ctx), id, reason);
  });
}

Response urge_order(RequestContext& ctx) {
  return order_action(ctx, "note", false, [&](store::Tx& tx, Id id, const std::string& note) {
    return app::urge_order(tx, ctx.app, ctx.scope(), actor_of(ctx), id, note);
  });
}

Response update_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("order");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  app::OrderPatch patch;
  if (const json::value* a = body->if_contains("shipping_address")) {
    patch.shipping_address = read_address(*a, "shipping_address", errors);
  }
  if (const json::value* l = body->if_contains("lines")) patch.lines = read_lines(*l, "lines", errors);
  patch.note = reader.string("note", Need::optional);
  reader.allow_only({"shipping_address", "lines", "note", "version"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the change has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto o = app::update_order(tx, ctx.app, ctx.scope(), actor_of(ctx), *id, *version, patch);
    if (!o) return problem(o.failure());
    return order_response(200, *o, ctx.scope());
  });
}

Response po_response(const PurchaseOrder& po) {
  Response r = json_response(200, purchase_order_json(po));
  r.set("ETag", "\"" + std::to_string(po.version) + "\"");
  return r;
}

const std::initializer_list<std::string_view> kPoFilters{"supplier_id", "order_id", "status", "created_since",
                                                         "created_before"};

bool read_po_filter(const RequestContext& ctx, store::PurchaseOrderFilter& filter, Response& error) {
  return id_param(ctx, "supplier_id", filter.supplier_id, error) && id_param(ctx, "order_id", filter.order_id, error) &&
         enum_param(ctx, "status", [](std::string_view t) { return parse_po_status(t); },
                    "status is not a purchase order status",
                    "must be placed, accepted, rejected, shipped, delivered or cancelled", filter.status, error) &&
         read_created_period(ctx, filter.created_since, filter.created_before, error);
}

Response list_purchase_orders(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, kPoFilters, error);
  if (!page) return error;
  store::PurchaseOrderFilter filter;
  if (!read_po_filter(ctx, filter, error)) return error;
  return list_response(app::list_purchase_orders(ctx.app, ctx.scope(), filter, *page), purchase_order_json);
}

// GET /purchase-orders.csv|.xlsx: the supplier's pick-and-pack sheet (a supplier gets only its own; staff every
// supplier's), one row per purchase order, newest first. Its purchase_order_id, carrier and tracking_number
// columns are those of the tracking upload (POST /imports/tracking), which takes the file back as it is, once
// the carrier and tracking number are filled in. What a purchase order shows: the supplier's own SKUs, its
// cost, and the end customer's address — never the retail price or what the customer paid.
Response export_purchase_orders(RequestContext& ctx, ExportFormat format) {
  Response error;
  ExportTimes times;
  if (!export_query(ctx.req, kPoFilters, times, error)) return error;
  store::PurchaseOrderFilter filter;
  if (!read_po_filter(ctx, filter, error)) return error;
  const Scope scope = ctx.scope();
  std::vector<TableRow> rows{header_row(kPurchaseOrderExportColumns)};
  auto add = [&](const PurchaseOrder& po) {
    std::string items;
    std::int64_t quantity = 0;
    for (const PoLine& l : po.lines) {
      if (!items.empty()) items += "; ";
      items += l.supplier_sku + " ×" + std::to_string(l.quantity);
      quantity += l.quantity;
    }
    const ShippingAddress& a = po.ship_to;
    rows.push_back({id_to_string(po.id), id_to_string(po.order_id), id_to_string(po.supplier_id),
                    std::string(to_string(po.status)), times(po.created_at), std::move(items), quantity,
                    std::string(po.cost_total.currency.code()), money_cell(po.cost_total), money_cell(po.shipping_cost),
                    std::string(to_string(po.payment)), std::string(po.neutral_packaging ? "yes" : "no"),
                    std::string(po.no_inserts ? "yes" : "no"), a.name, a.phone, a.province, a.city, a.district,
                    a.line1, a.postal_code, po.urge_count, po.last_urge_note, po.carrier, po.tracking_number});
  };
  if (!each_item([&](const store::PageRequest& page) { return app::list_purchase_orders(ctx.app, scope, filter, page); },
                 add)) {
    return too_many_rows();
  }
  return table_response(format, export_stem("purchase-orders", ctx.app.now()), "purchase orders", rows);
}

Response get_purchase_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto po = id ? app::get_purchase_order(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!po) return not_found("purchase order");
  return po_response(*po);
}

Response accept_purchase_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("purchase order");
  Response error;
  auto body = action_body(ctx, error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader(*body, errors).allow_only({});
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto po = app::accept_purchase_order(tx, ctx.app, ctx.scope(), actor_of(ctx), *id);
    if (!po) return problem(po.failure());
    return po_response(*po);
  });
}

Response reject_purchase_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("purchase order");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto reason = reader.string("reason", Need::required);
  reader.allow_only({"reason"});
  if (reason) check_text(errors, "reason", *reason, 1, 300);
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto po = app::reject_purchase_order(tx, ctx.app, ctx.scope(), actor_of(ctx), *id, *reason);
    if (!po) return problem(po.failure());
    return po_response(*po);
  });
}

Response ship_purchase_order(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("purchase order");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto carrier = reader.string("carrier", Need::required);
  auto tracking = reader.string("tracking_number", Need::required);
  reader.allow_only({"carrier", "tracking_number"});
  if (carrier) check_text(errors, "carrier", *carrier, 1, 64);
  if (tracking) {
    check_text(errors, "tracking_number", *tracking, 4, 64);
    if (std::any_of(tracking->begin(), tracking->end(), [](char c) { return c == ' ' || c == '\t'; })) {
      errors.push_back({"tracking_number", "has_spaces", "must not contain spaces"});
    }
  }
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto po = app::ship_purchase_order(tx, ctx.app, ctx.scope(), actor_of(ctx), *id, *carrier, *tracking);
    if (!po) return problem(po.failure());
    return po_response(*po);
  });
}

json::object blacklist_json(const store::BlacklistEntry& e) {
  return json::object{{"id", id_to_string(e.id)},       {"kind", e.kind},
                      {"value", e.value},               {"note", e.note},
                      {"created_by", e.created_by},     {"created_at", format_rfc3339(e.created_at)}};
}

Response list_blacklist(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  return list_response(app::list_blacklist(ctx.app, *page), blacklist_json);
}

Response add_blacklist(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto kind = reader.string("kind", Need::required);
  auto value = reader.string("value", Need::required);
  auto note = reader.string("note", Need::optional);
  reader.allow_only({"kind", "value", "note"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the entry has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto e = app::add_blacklist(tx, ctx.app, actor_of(ctx), *kind, *value, note.value_or(""));
    if (!e) return problem(e.failure());
    Response r = json_response(201, blacklist_json(*e));
    r.set("Location", "/api/v1/blacklist/" + id_to_string(e->id));
    return r;
  });
}

Response remove_blacklist(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("blacklist entry");
  return ctx.write([&](store::Tx& tx) {
    auto done = app::remove_blacklist(tx, *id);
    if (!done) return problem(done.failure());
    Response r;
    r.status = 204;
    return r;
  });
}

Response list_ledger(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"order_id", "account"}, error);
  if (!page) return error;
  store::PostingFilter filter;
  if (!id_param(ctx, "order_id", filter.order_id, error)) return error;
  filter.account = std::string(ctx.req.query_param("account").value_or(""));
  return list_response(app::list_postings(ctx.app, filter, *page), posting_json);
}

Response trial_balance(RequestContext& ctx) {
  app::TrialBalance tb = app::trial_balance(ctx.app);
  json::array accounts;
  for (const auto& a : tb.accounts) {
    accounts.push_back(json::object{{"account", a.account}, {"currency", a.currency}, {"balance_minor", a.balance_minor}});
  }
  json::array unbalanced;
  for (Id e : tb.unbalanced_entries) unbalanced.push_back(json::string(id_to_string(e)));
  return json_response(200, json::object{{"balanced", tb.balanced},
                                         {"accounts", std::move(accounts)},
                                         {"unbalanced_entries", std::move(unbalanced)}});
}

}  // namespace

void add_order_routes(Api& api) {
  api.add("POST", "/api/v1/orders", kDistributorToo, create_order);
  api.add("GET", "/api/v1/orders", kOrderReaders, list_orders);
  api.add("GET", "/api/v1/orders.csv", kOrderReaders,
          api.blocking([](RequestContext& ctx) { return export_orders(ctx, ExportFormat::csv); }));
  api.add("GET", "/api/v1/orders.xlsx", kOrderReaders,
          api.blocking([](RequestContext& ctx) { return export_orders(ctx, ExportFormat::xlsx); }));
  api.add("GET", "/api/v1/orders/{id}", kOrderReaders, get_order);
  api.add("PATCH", "/api/v1/orders/{id}", kOrderWriters, update_order);
  api.add("GET", "/api/v1/orders/{id}/history", kOrderReaders, order_history);
  api.add("GET", "/api/v1/orders/{id}/ledger", kLedgerReaders, order_ledger);
  api.add("POST", "/api/v1/orders/{id}/approve", kOrderWriters, approve_order);
  api.add("POST", "/api/v1/orders/{id}/cancel", kDistributorToo, cancel_order);
  api.add("POST", "/api/v1/orders/{id}/urge", kDistributorToo, urge_order);
  api.add("GET", "/api/v1/purchase-orders", kPoReaders, list_purchase_orders);
  api.add("GET", "/api/v1/purchase-orders.csv", kPoReaders,
          api.blocking([](RequestContext& ctx) { return export_purchase_orders(ctx, ExportFormat::csv); }));
  api.add("GET", "/api/v1/purchase-orders.xlsx", kPoReaders,
          api.blocking([](RequestContext& ctx) { return export_purchase_orders(ctx, ExportFormat::xlsx); }));
  api.add("GET", "/api/v1/purchase-orders/{id}", kPoReaders, get_purchase_order);
  api.add("POST", "/api/v1/purchase-orders/{id}/accept", kPoAnswerers, accept_purchase_order);
  api.add("POST", "/api/v1/purchase-orders/{id}/reject", kPoAnswerers, reject_purchase_order);
  api.add("POST", "/api/v1/purchase-orders/{id}/ship", kPoAnswerers, ship_purchase_order);
  api.add("GET", "/api/v1/blacklist", kManagers, list_blacklist);
  api.add("POST", "/api/v1/blacklist", kManagers, add_blacklist);
  api.add("DELETE", "/api/v1/blacklist/{id}", kManagers, remove_blacklist);
  api.add("GET", "/api/v1/ledger/postings", kLedgerReaders, list_ledger);
  api.add("GET", "/api/v1/ledger/trial-balance", kLedgerReaders, trial_balance);
}

}  // namespace daifa::http
