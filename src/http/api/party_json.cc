#include "http/api/party_json.h"

#include "domain/common/time.h"
#include "http/api/catalog_json.h"
#include "store/catalog/shipping_template_json.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

// Reads a contact object; returns a patch that sets only the fields given.
std::function<void(Contact&)> read_contact(JsonReader& parent, FieldErrors& errors, bool creating) {
  const json::object* o = parent.object("contact", creating ? Need::required : Need::optional);
  if (!o) return [](Contact&) {};
  JsonReader reader(*o, errors, parent.path("contact"));
  auto name = reader.string("name", creating ? Need::required : Need::optional);
  auto phone = reader.string("phone", creating ? Need::required : Need::optional);
  auto email = reader.string("email", Need::optional);
  reader.allow_only({"name", "phone", "email"});
  return [=](Contact& c) {
    if (name) c.name = *name;
    if (phone) c.phone = *phone;
    if (email) c.email = *email;
  };
}

// Strings of an array field; each problem names its element.
std::vector<std::string> read_strings(const json::value& v, const std::string& path, FieldErrors& errors) {
  std::vector<std::string> out;
  if (!v.is_array()) {
    errors.push_back({path, "must_be_array", "must be an array of strings"});
    return out;
  }
  const json::array& a = v.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) {
      errors.push_back({path + "[" + std::to_string(i) + "]", "must_be_string", "must be a string"});
      continue;
    }
    out.emplace_back(a[i].as_string());
  }
  return out;
}

// The fields of a flat or by-weight rate, from an object that holds them (a template or a rate object).
ShippingRate read_rate_fields(JsonReader& r, bool by_weight) {
  ShippingRate rate;
  rate.by_weight = by_weight;
  if (!by_weight) {
    if (auto fee = r.money("fee", Need::required)) rate.fee = *fee;
    return rate;
  }
  rate.first_weight_g = r.integer("first_weight_g", Need::required).value_or(0);
  if (auto m = r.money("first_fee", Need::required)) rate.first_fee = *m;
  rate.step_weight_g = r.integer("step_weight_g", Need::required).value_or(0);
  if (auto m = r.money("step_fee", Need::required)) rate.step_fee = *m;
  // One currency per template: an unset fee takes the first fee's currency, so only a real mismatch shows.
  if (!r.has("step_fee")) rate.step_fee.currency = rate.first_fee.currency;
  return rate;
}

// {"kind": "flat", "fee"} or {"kind": "by_weight", ...} at `field` of `parent`.
ShippingRate read_rate_object(JsonReader& parent, std::string_view field, FieldErrors& errors) {
  const json::object* o = parent.object(field, Need::required);
  if (!o) return {};
  JsonReader r(*o, errors, parent.path(field));
  auto kind = r.string("kind", Need::required);
  if (kind && *kind != "flat" && *kind != "by_weight") {
    errors.push_back({r.path("kind"), "unknown_kind", "must be flat or by_weight"});
    return {};
  }
  const bool by_weight = kind && *kind == "by_weight";
  ShippingRate rate = read_rate_fields(r, by_weight);
  if (by_weight) r.allow_only({"kind", "first_weight_g", "first_fee", "step_weight_g", "step_fee"});
  else r.allow_only({"kind", "fee"});
  return rate;
}

ShippingTemplate read_template(const json::value& v, const std::string& path, FieldErrors& errors) {
  ShippingTemplate t;
  if (!v.is_object()) {
    errors.push_back({path, "must_be_object", "each template must be an object"});
    return t;
  }
  JsonReader r(v.as_object(), errors, path);
  t.name = r.string("name", Need::required).value_or("");
  auto kind_text = r.string("kind", Need::required);
  if (!kind_text) return t;
  auto kind = parse_shipping_template_kind(*kind_text);
  if (!kind) {
    errors.push_back({r.path("kind"), "unknown_kind", "must be flat, by_weight or by_region"});
    return t;
  }
  t.kind = *kind;
  switch (t.kind) {
    case ShippingTemplateKind::flat:
      t.rate = read_rate_fields(r, false);
      r.allow_only({"name", "kind", "fee"});
      break;
    case ShippingTemplateKind::by_weight:
      t.rate = read_rate_fields(r, true);
      r.allow_only({"name", "kind", "first_weight_g", "first_fee", "step_weight_g", "step_fee"});
      break;
    case ShippingTemplateKind::by_region: {
      t.rate = read_rate_object(r, "default", errors);
      const json::object& o = v.as_object();
      if (const json::value* regions = o.if_contains("regions"); regions && !regions->is_null()) {
        if (!regions->is_array()) {
          errors.push_back({r.path("regions"), "must_be_array", "must be an array"});
        } else {
          const json::array& a = regions->as_array();
          for (std::size_t i = 0; i < a.size() && i <= kMaxTemplateRegions; ++i) {
            const std::string at = r.path("regions") + "[" + std::to_string(i) + "]";
            RegionRate region;
            if (!a[i].is_object()) {
              errors.push_back({at, "must_be_object", "each region must be an object"});
              continue;
            }
            JsonReader rr(a[i].as_object(), errors, at);
            if (const json::value* p = a[i].as_object().if_contains("provinces")) {
              region.provinces = read_strings(*p, rr.path("provinces"), errors);
            } else {
              errors.push_back({rr.path("provinces"), "required", "is required"});
            }
            region.rate = read_rate_object(rr, "rate", errors);
            rr.allow_only({"provinces", "rate"});
            t.regions.push_back(std::move(region));
          }
        }
      }
      if (const json::value* ex = o.if_contains("excluded_provinces"); ex && !ex->is_null()) {
        t.excluded_provinces = read_strings(*ex, r.path("excluded_provinces"), errors);
      }
      r.allow_only({"name", "kind", "default", "regions", "excluded_provinces"});
      break;
    }
  }
  return t;
}

}  // namespace

std::optional<std::vector<ShippingTemplate>> read_shipping_templates(const json::object& body, FieldErrors& errors) {
  const json::value* v = body.if_contains("shipping_templates");
  if (!v) return std::nullopt;
  std::vector<ShippingTemplate> out;
  if (!v->is_array()) {
    errors.push_back({"shipping_templates", "must_be_array", "must be an array of templates"});
    return out;
  }
  const json::array& a = v->as_array();
  if (a.size() > kMaxShippingTemplates) {
    errors.push_back({"shipping_templates", "too_many", "at most " + std::to_string(kMaxShippingTemplates) + " templates"});
    return out;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    out.push_back(read_template(a[i], "shipping_templates[" + std::to_string(i) + "]", errors));
  }
  return out;
}

json::object contact_json(const Contact& c) {
  return json::object{{"name", c.name}, {"phone", c.phone}, {"email", c.email}};
}

json::object supplier_json(const Supplier& s) {
  return json::object{{"id", id_to_string(s.id)},
                      {"name", s.name},
                      {"kind", to_string(s.kind)},
                      {"contact", contact_json(s.contact)},
                      {"moq", s.moq},
                      {"lead_time_days", s.lead_time_days},
                      {"payment_terms", to_string(s.payment_terms)},
                      {"blind_ship", s.blind_ship},
                      {"shipping_templates", parsed(store::encode_shipping_templates(s.shipping_templates))},
                      {"version", s.version},
                      {"created_at", format_rfc3339(s.created_at)},
                      {"updated_at", format_rfc3339(s.updated_at)}};
}

json::object distributor_json(const Distributor& d) {
  json::object o{{"id", id_to_string(d.id)},
                 {"name", d.name},
                 {"tier", d.tier},
                 {"contact", contact_json(d.contact)},
                 {"version", d.version},
                 {"created_at", format_rfc3339(d.created_at)},
                 {"updated_at", format_rfc3339(d.updated_at)}};
  o["referrer_id"] = d.referrer_id ? json::value(id_to_string(*d.referrer_id)) : nullptr;
  return o;
}

std::function<void(Supplier&)> read_supplier(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  Need need = creating ? Need::required : Need::optional;
  auto name = reader.string("name", need);
  auto kind_text = reader.string("kind", need);
  auto contact = read_contact(reader, errors, creating);
  auto moq = reader.integer("moq", Need::optional);
  auto lead = reader.integer("lead_time_days", Need::optional);
  auto terms_text = reader.string("payment_terms", Need::optional);
  auto blind = reader.boolean("blind_ship", Need::optional);
  auto templates = read_shipping_templates(body, errors);
  reader.allow_only({"name", "kind", "contact", "moq", "lead_time_days", "payment_terms", "blind_ship",
                     "shipping_templates", "version"});
  std::optional<SupplierKind> kind;
  if (kind_text && !(kind = parse_supplier_kind(*kind_text))) {
    errors.push_back({"kind", "unknown_kind", "must be factory, wholesaler or agent"});
  }
  std::optional<PaymentTerms> terms;
  if (terms_text && !(terms = parse_payment_terms(*terms_text))) {
    errors.push_back({"payment_terms", "unknown_terms",
                      "must be prepaid, on_delivery, net_7, net_15, net_30, net_60 or monthly"});
  }
  return [=](Supplier& s) {
    if (name) s.name = *name;
    if (kind) s.kind = *kind;
    contact(s.contact);
    if (moq) s.moq = *moq;
    if (lead) s.lead_time_days = *lead;
    if (terms) s.payment_terms = *terms;
    if (blind) s.blind_ship = *blind;
    if (templates) s.shipping_templates = *templates;  // the whole list: what is not sent is dropped
  };
}

std::function<void(Distributor&)> read_distributor(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  Need need = creating ? Need::required : Need::optional;
  auto name = reader.string("name", need);
  auto tier = reader.integer("tier", Need::optional);
  auto contact = read_contact(reader, errors, creating);
  bool referrer_given = reader.has("referrer_id");
  auto referrer = reader.id("referrer_id", Need::optional);
  reader.allow_only({"name", "tier", "contact", "referrer_id", "version"});
  return [=](Distributor& d) {
    if (name) d.name = *name;
    if (tier) d.tier = *tier;
    contact(d.contact);
    if (referrer_given) d.referrer_id = referrer;  // null clears it
  };
}

}  // namespace daifa::http
