// Tracking numbers and scans coming in: the carrier aggregator's push (Kuaidi100's form, its signature
// checked with the subscription's salt before anything is applied) and a CSV/XLSX upload of tracking
// numbers for purchase orders (a supplier's own, or any for staff) with a report of every row.
#include <algorithm>
#include <cctype>

#include "app/orders/orders.h"
#include "app/orders/shipments.h"
#include "domain/common/validation.h"
#include "http/api/api.h"
#include "http/api/order_json.h"
#include "integrations/carriers/kuaidi100.h"
#include "integrations/spreadsheet/table_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

// Kuaidi100 reads the JSON reply, whatever the HTTP status: anything but result true is retried.
Response kuaidi100_reply(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", "application/json; charset=utf-8");
  r.set("Cache-Control", "no-store");
  return r;
}

app::TrackingReport report_of(const integrations::Kuaidi100Push& push) {
  app::TrackingReport report;
  report.source = "kuaidi100";
  if (push.tracking_status) report.status = parse_shipment_status(integrations::to_string(*push.tracking_status));
  for (const auto& e : push.events) report.scans.push_back(TrackingScan{e.at, e.text});
  return report;
}

// POST /tracking/kuaidi100: parse → find the subscription by (com, nu) → check the sign with its salt →
// apply once (push_idempotency_key). A wrong sign applies nothing; an unknown number is a 404.
Response kuaidi100_push(RequestContext& ctx) {
  integrations::Kuaidi100PushParse parsed = integrations::parse_kuaidi100_push(ctx.req.body);
  if (!parsed.push) {
    const FieldError& first = parsed.errors.front();
    return kuaidi100_reply(400, integrations::kuaidi100_failure_reply(first.field + " " + first.message));
  }
  const integrations::Kuaidi100Push& push = *parsed.push;
  auto subscription = app::push_subscription(ctx.app, push.company, push.number);
  if (!subscription) {
    return kuaidi100_reply(404, integrations::kuaidi100_failure_reply("no parcel " + push.company + " " + push.number +
                                                                      " is followed here"));
  }
  if (!integrations::verify_kuaidi100_sign(parsed.param, parsed.sign, subscription->salt)) {
    return kuaidi100_reply(401, integrations::kuaidi100_failure_reply("sign does not match"));
  }
  const std::string key = integrations::push_idempotency_key(push);
  const bool finished = push.status == "shutdown" || push.is_check;
  const app::TrackingReport report = report_of(push);
  return ctx.write([&](store::Tx& tx) {
    auto applied = app::apply_tracking_push(tx, ctx.app, subscription->shipment_id, key, finished, report);
    if (!applied) return kuaidi100_reply(404, integrations::kuaidi100_failure_reply(applied.failure().detail));
    return kuaidi100_reply(200, integrations::kuaidi100_success_reply());
  });
}

std::string trimmed(std::string_view s) { return std::string(trim_spaces(s)); }

// The columns of a tracking upload, by their English or Chinese header.
enum Column { kPurchaseOrder, kCarrier, kTrackingNumber, kColumnCount };
std::optional<Column> column_of(const std::string& header) {
  std::string h = trimmed(header);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (h == "purchase_order_id" || h == "采购单号" || h == "采购单id") return kPurchaseOrder;
  if (h == "carrier" || h == "快递公司" || h == "物流公司") return kCarrier;
  if (h == "tracking_number" || h == "快递单号" || h == "运单号" || h == "物流单号") return kTrackingNumber;
  return std::nullopt;
}

// A column of the purchase-order export other than the three above: the supplier uploads the export back.
bool export_column(const std::string& header) {
  const std::string h = trimmed(header);
  return std::find(kPurchaseOrderExportColumns.begin(), kPurchaseOrderExportColumns.end(), h) !=
         kPurchaseOrderExportColumns.end();
}

json::object refused(std::size_t row, std::string field, std::string code, std::string message) {
  return json::object{{"row", row},
                      {"status", "refused"},
                      {"error", json::object{{"field", std::move(field)}, {"code", std::move(code)}, {"message", std::move(message)}}}};
}

// POST /imports/tracking with a CSV or XLSX body (columns purchase_order_id, carrier, tracking_number; the other
// columns of the purchase-order export are passed over): every row ships its purchase order as POST
// /purchase-orders/{id}/ship would, each row on its own (a refused row refuses only itself); a row with neither
// carrier nor tracking number is skipped (the export's purchase orders not shipped yet). Row numbers count the
// header as row 1, as a spreadsheet shows them. A re-uploaded file changes nothing: shipping a PO again with
// the same carrier and number is answered unchanged.
Response import_tracking(RequestContext& ctx) {
  integrations::Table table = integrations::read_table(ctx.req.body);
  if (!table.error.empty()) {
    return problem(Status::invalid_fields, "the file cannot be read: " + table.error, {{"file", table.error_code, table.error}});
  }
  if (table.rows.empty()) {
    return problem(Status::invalid_fields, "the file is empty",
                   {{"header", "missing_header", "row 1 must name the columns purchase_order_id,carrier,tracking_number"}});
  }
  std::array<std::optional<std::size_t>, kColumnCount> at{};
  FieldErrors header_errors;
  const auto& header = table.rows.front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (trimmed(header[i]).empty()) continue;
    auto col = column_of(header[i]);
    if (!col && export_column(header[i])) continue;
    if (!col) {
      header_errors.push_back({"header[" + std::to_string(i) + "]", "unknown_column",
                               "\"" + header[i] + "\" is not a column of a tracking upload"});
    } else if (at[*col]) {
      header_errors.push_back({"header[" + std::to_string(i) + "]", "duplicate_column", "names a column twice"});
    } else {
      at[*col] = i;
    }
  }
  constexpr std::array<std::string_view, kColumnCount> kNames{"purchase_order_id", "carrier", "tracking_number"};
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (!at[c]) header_errors.push_back({"header", "missing_column", std::string(kNames[c]) + " is required"});
  }
  if (!header_errors.empty()) return problem(Status::invalid_fields, "the file cannot be imported", header_errors);

  const Scope scope = ctx.scope();
  const app::Actor actor{(ctx.principal ? ctx.principal->user.email : std::string("upload")) + " tracking upload"};
  json::array results;
  int shipped = 0, unchanged = 0, skipped = 0, refused_rows = 0;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& rec = table.rows[r];
    const std::size_t row_no = r + 1;
    auto cell = [&](Column c) { return *at[c] < rec.size() ? trimmed(rec[*at[c]]) : std::string(); };
    const std::string po_text = cell(kPurchaseOrder), carrier = cell(kCarrier), number = cell(kTrackingNumber);
    if (po_text.empty() && carrier.empty() && number.empty()) continue;  // a blank line
    if (carrier.empty() && number.empty()) {  // a purchase order of the export not shipped yet
      results.push_back(json::object{{"row", row_no}, {"status", "skipped"}, {"purchase_order_id", po_text}});
      ++skipped;
      continue;
    }
    auto po_id = parse_id(po_text);
    std::optional<json::object> refusal;
    if (!po_id) refusal = refused(row_no, "purchase_order_id", "must_be_id", "must be a purchase order id");
    else if (carrier.empty() || carrier.size() > 64) refusal = refused(row_no, "carrier", "invalid", "must be 1 to 64 characters");
    else if (number.empty() || number.size() > 64) refusal = refused(row_no, "tracking_number", "invalid", "must be 1 to 64 characters");
    if (refusal) {
      results.push_back(std::move(*refusal));
      ++refused_rows;
      continue;
    }
    // Each row is its own command: a refused row undoes only what it wrote.
    auto before = app::get_purchase_order(ctx.app, scope, *po_id);
    auto result = ctx.app.store().writer().run([&](store::Tx& tx) {
      return app::ship_purchase_order(tx, ctx.app, scope, actor, *po_id, carrier, number);
    });
    if (!result) {
      const Failure& f = result.failure();
      const bool missing = f.status == Status::not_found;
      results.push_back(refused(row_no, f.errors.empty() ? "purchase_order_id" : f.errors.front().field,
                                missing ? "not_found" : (f.errors.empty() ? std::string(to_string(f.status)) : f.errors.front().code),
                                f.errors.empty() ? f.detail : f.errors.front().message));
      ++refused_rows;
      continue;
    }
    const bool same = before && before->status == PoStatus::shipped && before->carrier == carrier &&
                      before->tracking_number == number;
    (same ? unchanged : shipped) += 1;
    results.push_back(json::object{{"row", row_no},
                                   {"status", same ? "unchanged" : "shipped"},
                                   {"purchase_order_id", id_to_string(result->id)}});
  }
  return json_response(200, json::object{{"shipped", shipped},
                                         {"unchanged", unchanged},
                                         {"skipped", skipped},
                                         {"rows_refused", refused_rows},
                                         {"results", std::move(results)}});
}

}  // namespace

void add_tracking_routes(Api& api) {
  // Public: the sign (MD5 of param + the subscription's salt) is the credential, checked before applying.
  api.add("POST", "/api/v1/tracking/kuaidi100", RoleSet::public_access(), kuaidi100_push,
          {"application/x-www-form-urlencoded"});
  api.add("POST", "/api/v1/imports/tracking", RoleSet{Role::owner, Role::operator_, Role::supplier},
          api.blocking(import_tracking),
          {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"});
}

}  // namespace daifa::http
