// Shipments and their electronic waybills (电子面单). Scope: staff see every shipment; a supplier its own
// (and prints only its own labels); a distributor the shipments of its own orders.
#include <array>
#include <set>

#include "app/orders/orders.h"
#include "app/orders/shipments.h"
#include "domain/common/time.h"
#include "domain/common/validation.h"
#include "http/api/api.h"
#include "http/api/table_export.h"
#include "http/core/json_reader.h"
#include "integrations/waybill/waybill_pdf.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxWaybillsPerCall = 500;

json::value opt_time_json(const std::optional<Timestamp>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object shipment_json(const app::ShipmentView& v) {
  const store::Shipment& s = v.shipment;
  json::array events;
  for (const auto& e : v.events) {
    events.push_back(json::object{{"at", format_rfc3339(e.at)}, {"text", e.text}, {"source", e.source}});
  }
  return json::object{{"id", id_to_string(s.id)},
                      {"order_id", id_to_string(s.order_id)},
                      {"purchase_order_id", id_to_string(s.purchase_order_id)},
                      {"supplier_id", id_to_string(s.supplier_id)},
                      {"carrier", s.carrier},
                      {"tracking_number", s.tracking_number},
                      {"parcels", s.parcels},
                      {"status", s.status},
                      {"last_event_at", opt_time_json(s.last_event_at)},
                      {"delivered_at", opt_time_json(s.delivered_at)},
                      {"events", std::move(events)},
                      {"created_at", format_rfc3339(s.created_at)},
                      {"updated_at", format_rfc3339(s.updated_at)}};
}

const std::initializer_list<std::string_view> kShipmentFilters{"order_id", "purchase_order_id", "status",
                                                               "tracking_number"};

// The filters of the shipment list and its export; false with a 400 in `error` for a bad value.
bool read_shipment_filter(const RequestContext& ctx, store::ShipmentFilter& filter, Response& error) {
  if (!id_param(ctx, "order_id", filter.order_id, error)) return false;
  if (!id_param(ctx, "purchase_order_id", filter.purchase_order_id, error)) return false;
  std::optional<ShipmentStatus> status;
  if (!enum_param(ctx, "status", [](std::string_view t) { return parse_shipment_status(t); }, "the shipment status",
                  "label_created, in_transit, delivered, exception or returned", status, error)) {
    return false;
  }
  if (status) filter.status = std::string(to_string(*status));
  // A number as customer service pastes it, spaces around it dropped; empty: no filter. No carrier's number
  // is longer than 64 (the ship command refuses one).
  if (auto number = trim_spaces(ctx.req.query_param("tracking_number").value_or("")); !number.empty()) {
    if (number.size() > 64) {
      error = problem(Status::malformed_request, "tracking_number is too long",
                      {{"tracking_number", "too_long", "must be at most 64 characters"}});
      return false;
    }
    filter.tracking_number = std::string(number);
  }
  return true;
}

Response list_shipments(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, kShipmentFilters, error);
  if (!page) return error;
  store::ShipmentFilter filter;
  if (!read_shipment_filter(ctx, filter, error)) return error;
  return list_response(app::list_shipments(ctx.app, ctx.scope(), filter, *page), shipment_json);
}

constexpr std::array<std::string_view, 13> kShipmentExportColumns{
    "shipment_id", "order_id", "purchase_order_id", "supplier_id", "carrier", "tracking_number", "parcels",
    "status", "shipped_at", "last_event_at", "last_event", "delivered_at", "events"};

// GET /shipments.csv|.xlsx: the parcels of the list's filters, newest first, each with its latest scan (a
// 物流跟踪表 for customer service), as far as the caller may see them.
Response export_shipments(RequestContext& ctx, ExportFormat format) {
  Response error;
  ExportTimes times;
  if (!export_query(ctx.req, kShipmentFilters, times, error)) return error;
  store::ShipmentFilter filter;
  if (!read_shipment_filter(ctx, filter, error)) return error;
  const Scope scope = ctx.scope();
  std::vector<TableRow> rows{header_row(kShipmentExportColumns)};
  auto add = [&](const app::ShipmentView& v) {
    const store::Shipment& s = v.shipment;
    const store::TrackingEventRow* last = nullptr;
    for (const auto& e : v.events) {
      if (!last || e.at.unix_ms >= last->at.unix_ms) last = &e;
    }
    rows.push_back({id_to_string(s.id), id_to_string(s.order_id), id_to_string(s.purchase_order_id),
                    id_to_string(s.supplier_id), s.carrier, s.tracking_number, s.parcels, s.status,
                    times(s.created_at), times(s.last_event_at), last ? last->text : std::string(),
                    times(s.delivered_at), static_cast<std::int64_t>(v.events.size())});
  };
  if (!each_item([&](const store::PageRequest& page) { return app::list_shipments(ctx.app, scope, filter, page); },
                 add)) {
    return too_many_rows();
  }
  return table_response(format, export_stem("shipments", ctx.app.now()), "shipments", rows);
}

Response get_shipment(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto s = id ? app::get_shipment(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!s) return not_found("shipment");
  return json_response(200, shipment_json(*s));
}

std::string address_line(const ShippingAddress& a) {
  std::string out = a.province;
  if (a.city != a.province) out += a.city;
  out += a.district + a.line1;
  if (a.country != "CN") out += " " + a.postal_code + " " + a.country;
  return out;
}

// POST /waybills {shipment_ids: [...]} → one 100×150 mm label a page, in the order asked. A shipment that
// is not visible to the caller is a 404 naming it; nothing is printed then.
Response print_waybills(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  std::vector<Id> ids;
  const json::value* list = body->if_contains("shipment_ids");
  if (!list) {
    errors.push_back({"shipment_ids", "required", "is required"});
  } else if (!list->is_array() || list->as_array().empty()) {
    errors.push_back({"shipment_ids", "must_be_array", "must be a non-empty array of shipment ids"});
  } else if (list->as_array().size() > kMaxWaybillsPerCall) {
    errors.push_back({"shipment_ids", "too_many", "at most " + std::to_string(kMaxWaybillsPerCall) + " per call"});
  } else {
    const auto& array = list->as_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      std::optional<Id> id;
      if (array[i].is_string()) id = parse_id(array[i].as_string());
      if (!id) errors.push_back({"shipment_ids[" + std::to_string(i) + "]", "must_be_id", "must be a shipment id"});
      else ids.push_back(*id);
    }
  }
  JsonReader(*body, errors).allow_only({"shipment_ids"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);

  const Scope scope = ctx.scope();
  std::vector<integrations::WaybillLabel> labels;
  labels.reserve(ids.size());
  const std::string printed_at = format_rfc3339(ctx.app.now()).substr(0, 16);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto view = app::get_shipment(ctx.app, scope, ids[i]);
    const store::Shipment* s = view ? &view->shipment : nullptr;
    // The purchase order and order are read as staff: the shipment's visibility was checked just above.
    auto po = s ? app::get_purchase_order(ctx.app, Scope{}, s->purchase_order_id) : std::nullopt;
    auto order = s ? app::get_order(ctx.app, Scope{}, s->order_id) : std::nullopt;
    if (!s || !po || !order) {
      return problem(Status::not_found, "no such shipment: " + id_to_string(ids[i]),
                     {{"shipment_ids[" + std::to_string(i) + "]", "not_found", "no such shipment"}});
    }
    auto supplier = ctx.app.store().reads().read(
        [&](store::Connection& c) { return store::find_supplier(c, Scope{}, s->supplier_id); });
    integrations::WaybillLabel l;
    l.carrier_code = s->carrier;
    l.tracking_number = s->tracking_number;
    l.order_reference = order->external_id;
    l.parcel_index = 1;
    l.parcel_count = static_cast<int>(s->parcels);
    // Blind-ship and distributors' parcels carry a neutral sender: never the supplier's name.
    if (po->neutral_packaging || !supplier) {
      l.sender_name = "发货中心";
    } else {
      l.sender_name = supplier->name;
      l.sender_phone = supplier->contact.phone;
    }
    l.receiver_name = order->shipping_address.name;
    l.receiver_phone = order->shipping_address.phone;
    l.receiver_address = address_line(order->shipping_address);
    std::string items;
    for (const PoLine& line : po->lines) {
      items += (items.empty() ? "" : "，") + line.sku + " ×" + std::to_string(line.quantity);
    }
    l.item_summary = items;
    if (order->payment_method == PaymentMethod::cod) l.cod = Money{order->total.amount_minor - order->paid.amount_minor, order->total.currency};
    l.printed_at = printed_at;
    labels.push_back(std::move(l));
  }
  try {
    Response r;
    r.status = 200;
    r.body = integrations::render_waybills(labels);
    r.set("Content-Type", "application/pdf");
    r.set("Content-Disposition", "inline; filename=\"waybills.pdf\"");
    r.set("Cache-Control", "no-store");
    return r;
  } catch (const integrations::WaybillError& e) {
    if (e.code() == "barcode_failed" || e.code() == "invalid_label") {
      return problem(Status::invalid_fields, e.what(), {{"shipment_ids", e.code(), e.what()}});
    }
    throw;
  }
}

// POST /shipments/{id}/events {status?, events: [{at, text}]}: the supplier (its own parcels) or staff
// records what the carrier said, for carriers no aggregator follows. Scans already recorded are skipped.
Response record_events(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("shipment");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto status_text = reader.string("status", Need::optional);
  reader.allow_only({"status", "events"});
  app::TrackingReport report;
  report.source = "supplier";
  if (status_text) {
    report.status = parse_shipment_status(*status_text);
    if (!report.status || *report.status == ShipmentStatus::label_created) {
      errors.push_back({"status", "invalid", "must be in_transit, delivered, exception or returned"});
    }
  }
  if (const json::value* list = body->if_contains("events")) {
    if (!list->is_array() || list->as_array().size() > 200) {
      errors.push_back({"events", "must_be_array", "must be an array of at most 200 {at, text}"});
    } else {
      const auto& array = list->as_array();
      for (std::size_t i = 0; i < array.size(); ++i) {
        const std::string at = "events[" + std::to_string(i) + "]";
        const json::object* e = array[i].if_object();
        if (!e) {
          errors.push_back({at, "must_be_object", "must be {at, text}"});
          continue;
        }
        FieldErrors item_errors;
        JsonReader item(*e, item_errors);
        auto when = item.string("at", Need::required);
        auto text = item.string("text", Need::required);
        item.allow_only({"at", "text"});
        std::optional<Timestamp> ts = when ? parse_rfc3339(*when) : std::nullopt;
        if (when && !ts) item_errors.push_back({"at", "must_be_time", "must be an RFC 3339 time"});
        if (ts && *ts > ctx.app.now() + 3600 * 1000) item_errors.push_back({"at", "in_future", "must not be in the future"});
        if (text) check_text(item_errors, "text", *text, 1, 500);
        for (FieldError& fe : item_errors) {
          fe.field = at + "." + fe.field;
          errors.push_back(std::move(fe));
        }
        if (ts && text && item_errors.empty()) report.scans.push_back(TrackingScan{*ts, *text});
      }
    }
  }
  if (errors.empty() && !report.status && report.scans.empty()) {
    errors.push_back({"events", "required", "give a status, events, or both"});
  }
  if (!errors.empty()) return problem(Status::invalid_fields, "the request has invalid fields", errors);
  const app::Actor actor{ctx.principal ? ctx.principal->user.email : std::string("anonymous")};
  return ctx.write([&](store::Tx& tx) {
    auto applied = app::apply_tracking(tx, ctx.app, ctx.scope(), actor, *id, report);
    if (!applied) return problem(applied.failure());
    auto view = app::get_shipment_in(tx, ctx.scope(), *id);
    return json_response(200, shipment_json(*view));
  });
}

}  // namespace

void add_shipment_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier, Role::distributor};
  api.add("GET", "/api/v1/shipments", readers, list_shipments);
  api.add("GET", "/api/v1/shipments.csv", readers,
          api.blocking([](RequestContext& ctx) { return export_shipments(ctx, ExportFormat::csv); }));
  api.add("GET", "/api/v1/shipments.xlsx", readers,
          api.blocking([](RequestContext& ctx) { return export_shipments(ctx, ExportFormat::xlsx); }));
  api.add("GET", "/api/v1/shipments/{id}", readers, get_shipment);
  api.add("POST", "/api/v1/shipments/{id}/events", RoleSet{Role::owner, Role::operator_, Role::agent, Role::supplier},
          record_events);
  api.add("POST", "/api/v1/waybills", RoleSet{Role::owner, Role::operator_, Role::supplier}, api.blocking(print_waybills));
}

}  // namespace daifa::http
