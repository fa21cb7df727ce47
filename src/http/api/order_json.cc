#include "http/api/order_json.h"

#include "domain/common/time.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;
namespace {

json::value opt_id(const std::optional<Id>& id) { return id ? json::value(id_to_string(*id)) : json::value(nullptr); }
json::value opt_time(const std::optional<Timestamp>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

}  // namespace

json::object address_json(const ShippingAddress& a) {
  return json::object{{"name", a.name},         {"phone", a.phone}, {"country", a.country},
                      {"province", a.province}, {"city", a.city},   {"district", a.district},
                      {"line1", a.line1},       {"postal_code", a.postal_code}};
}

json::object order_json(const Order& o, const Scope& scope) {
  const bool purchase_side = scope.is_staff();
  json::array lines;
  for (const OrderLine& l : o.lines) {
    json::object line{{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", l.quantity},
                      {"unit_price", to_json(l.unit_price)}};
    if (purchase_side) {
      line["offer_id"] = opt_id(l.offer_id);
      line["supplier_id"] = opt_id(l.supplier_id);
      line["purchase_order_id"] = opt_id(l.purchase_order_id);
      line["unit_cost"] = l.unit_cost_minor ? to_json(Money{*l.unit_cost_minor, o.total.currency}) : json::value(nullptr);
      line["reserved"] = l.reserved;
      line["route_reason"] = l.route_reason;
    }
    lines.push_back(std::move(line));
  }
  json::array reasons;
  for (HoldReason r : o.hold_reasons) reasons.push_back(json::string(to_string(r)));
  return json::object{
      {"id", id_to_string(o.id)},
      {"channel_id", id_to_string(o.channel_id)},
      {"distributor_id", opt_id(o.distributor_id)},
      {"external_id", o.external_id},
      {"status", to_string(o.status)},
      {"hold_reasons", std::move(reasons)},
      {"customer", json::object{{"name", o.customer.name}, {"phone", o.customer.phone}, {"email", o.customer.email}}},
      {"shipping_address", address_json(o.shipping_address)},
      {"lines", std::move(lines)},
      {"totals", json::object{{"goods", to_json(o.goods_total)},
                              {"shipping_fee", to_json(o.shipping_fee)},
                              {"total", to_json(o.total)},
                              {"paid", to_json(o.paid)}}},
      {"payment", json::object{{"method", to_string(o.payment_method)}, {"paid", to_json(o.paid)}}},
      {"blind_ship", o.blind_ship},
      {"note", o.note},
      {"urge_count", o.urge_count},
      {"last_urged_at", opt_time(o.last_urged_at)},
      {"version", o.version},
      {"created_at", format_rfc3339(o.created_at)},
      {"updated_at", format_rfc3339(o.updated_at)}};
}

json::object purchase_order_json(const PurchaseOrder& po) {
  json::array lines;
  for (const PoLine& l : po.lines) {
    lines.push_back(json::object{{"order_line_no", l.order_line_no},
                                 {"sku", l.sku},
                                 {"supplier_sku", l.supplier_sku},
                                 {"offer_id", id_to_string(l.offer_id)},
                                 {"quantity", l.quantity},
                                 {"unit_cost", to_json(Money{l.unit_cost_minor, po.cost_total.currency})}});
  }
  return json::object{{"id", id_to_string(po.id)},
                      {"order_id", id_to_string(po.order_id)},
                      {"supplier_id", id_to_string(po.supplier_id)},
                      {"status", to_string(po.status)},
                      {"lines", std::move(lines)},
                      {"cost_total", to_json(po.cost_total)},
                      {"shipping_cost", to_json(po.shipping_cost)},
                      {"payment", to_string(po.payment)},
                      {"packaging", json::object{{"neutral", po.neutral_packaging}, {"no_inserts", po.no_inserts}}},
                      {"ship_to", address_json(po.ship_to)},
                      {"carrier", po.carrier},
                      {"tracking_number", po.tracking_number},
                      {"reject_reason", po.reject_reason},
                      {"urge_count", po.urge_count},
                      {"last_urged_at", opt_time(po.last_urged_at)},
                      {"last_urge_note", po.last_urge_note},
                      {"version", po.version},
                      {"created_at", format_rfc3339(po.created_at)},
                      {"updated_at", format_rfc3339(po.updated_at)}};
}

json::object history_json(const store::HistoryRow& h) {
  return json::object{{"id", id_to_string(h.id)},
                      {"at", format_rfc3339(h.at)},
                      {"from", h.from_status.empty() ? json::value(nullptr) : json::value(h.from_status)},
                      {"to", h.to_status},
                      {"actor", h.actor},
                      {"reason", h.reason},
                      {"purchase_order_id", opt_id(h.purchase_order_id)}};
}

json::object posting_json(const store::Posting& p) {
  return json::object{{"id", id_to_string(p.id)},
                      {"entry_id", id_to_string(p.entry_id)},
                      {"account", p.account},
                      {"amount", json::object{{"amount", p.amount_minor}, {"currency", p.currency}}},
                      {"order_id", opt_id(p.order_id)},
                      {"purchase_order_id", opt_id(p.purchase_order_id)},
                      {"memo", p.memo},
                      {"reverses", opt_id(p.reverses_entry_id)},
                      {"at", format_rfc3339(p.at)}};
}

ShippingAddress read_address(const json::value& v, const std::string& path, FieldErrors& errors) {
  ShippingAddress a;
  if (!v.is_object()) {
    errors.push_back({path, "must_be_object", "must be an object"});
    return a;
  }
  JsonReader reader(v.as_object(), errors, path);
  a.name = reader.string("name", Need::optional).value_or("");
  a.phone = reader.string("phone", Need::optional).value_or("");
  a.country = reader.string("country", Need::optional).value_or("CN");
  a.province = reader.string("province", Need::optional).value_or("");
  a.city = reader.string("city", Need::optional).value_or("");
  a.district = reader.string("district", Need::optional).value_or("");
  a.line1 = reader.string("line1", Need::optional).value_or("");
  a.postal_code = reader.string("postal_code", Need::optional).value_or("");
  reader.allow_only({"name", "phone", "country", "province", "city", "district", "line1", "postal_code"});
  return a;
}

std::vector<DraftLine> read_lines(const json::value& v, const std::string& path, FieldErrors& errors) {
  std::vector<DraftLine> lines;
  if (!v.is_array()) {
    errors.push_back({path, "must_be_array", "must be an array of lines"});
    return lines;
  }
  const json::array& array = v.as_array();
  if (array.size() > kMaxOrderLines) {
    errors.push_back({path, "too_many_lines", "must have at most " + std::to_string(kMaxOrderLines) + " lines"});
    return lines;
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    DraftLine line;
    if (!array[i].is_object()) {
      errors.push_back({at, "must_be_object", "must be an object"});
      lines.push_back(line);
      continue;
    }
    const std::size_t before = errors.size();
    JsonReader reader(array[i].as_object(), errors, at);
    line.sku = reader.string("sku", Need::required).value_or("");
    line.quantity = reader.integer("quantity", Need::required).value_or(1);
    auto price = reader.money("unit_price", Need::required);
    if (price) line.unit_price = *price;
    reader.allow_only({"sku", "quantity", "unit_price"});
    // A line whose own fields failed keeps its place but is not checked again by the domain rules.
    if (errors.size() > before && line.sku.empty()) line.sku = "?";
    lines.push_back(std::move(line));
  }
  return lines;
}

OrderDraft read_order_draft(const json::object& body, FieldErrors& errors) {
  OrderDraft d;
  JsonReader reader(body, errors);
  d.channel_id = reader.id("channel_id", Need::required).value_or(0);
  d.external_id = reader.string("external_id", Need::required).value_or("");
  if (const json::object* customer = reader.object("customer", Need::optional)) {
    JsonReader cr(*customer, errors, "customer");
    d.customer.name = cr.string("name", Need::optional).value_or("");
    d.customer.phone = cr.string("phone", Need::optional).value_or("");
    d.customer.email = cr.string("email", Need::optional).value_or("");
    cr.allow_only({"name", "phone", "email"});
  }
  if (const json::value* address = body.if_contains("shipping_address")) {
    d.shipping_address = read_address(*address, "shipping_address", errors);
  } else {
    errors.push_back({"shipping_address", "required", "is required"});
  }
  if (const json::value* lines = body.if_contains("lines")) {
    d.lines = read_lines(*lines, "lines", errors);
  }
  d.shipping_fee = reader.money("shipping_fee", Need::optional);
  if (const json::object* payment = reader.object("payment", Need::optional)) {
    JsonReader pr(*payment, errors, "payment");
    if (auto method = pr.string("method", Need::optional)) {
      if (auto m = parse_payment_method(*method)) d.payment_method = *m;
      else errors.push_back({"payment.method", "unknown_method", "must be prepaid or cod"});
    }
    d.paid = pr.money("paid", Need::optional);
    pr.allow_only({"method", "paid"});
  }
  d.blind_ship = reader.boolean("blind_ship", Need::optional).value_or(true);
  d.note = reader.string("note", Need::optional).value_or("");
  reader.allow_only({"channel_id", "external_id", "customer", "shipping_address", "lines", "shipping_fee", "payment",
                     "blind_ship", "note"});
  return d;
}

}  // namespace daifa::http
