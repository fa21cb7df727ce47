#include "store/catalog/shipping_template_json.h"

#include <boost/json.hpp>

namespace daifa::store {
namespace json = boost::json;
namespace {

json::object money_json(const Money& m) { return json::object{{"amount", m.amount_minor}, {"currency", m.currency.code()}}; }

void put_rate(json::object& o, const ShippingRate& r) {
  if (!r.by_weight) {
    o["fee"] = money_json(r.fee);
    return;
  }
  o["first_weight_g"] = r.first_weight_g;
  o["first_fee"] = money_json(r.first_fee);
  o["step_weight_g"] = r.step_weight_g;
  o["step_fee"] = money_json(r.step_fee);
}

json::object rate_json(const ShippingRate& r) {
  json::object o{{"kind", r.by_weight ? "by_weight" : "flat"}};
  put_rate(o, r);
  return o;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

Money money_from(const json::object& o, std::string_view key) {
  const json::object& m = o.at(key).as_object();
  return Money{m.at("amount").as_int64(), Currency::parse(m.at("currency").as_string()).value()};
}

ShippingRate rate_from(const json::object& o, bool by_weight) {
  ShippingRate r;
  r.by_weight = by_weight;
  if (!by_weight) {
    r.fee = money_from(o, "fee");
  } else {
    r.first_weight_g = o.at("first_weight_g").as_int64();
    r.first_fee = money_from(o, "first_fee");
    r.step_weight_g = o.at("step_weight_g").as_int64();
    r.step_fee = money_from(o, "step_fee");
  }
  return r;
}

std::vector<std::string> strings_from(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace

std::string encode_shipping_templates(const std::vector<ShippingTemplate>& templates) {
  json::array out;
  for (const ShippingTemplate& t : templates) {
    json::object o{{"name", t.name}, {"kind", to_string(t.kind)}};
    if (t.kind != ShippingTemplateKind::by_region) {
      put_rate(o, t.rate);
    } else {
      o["default"] = rate_json(t.rate);
      json::array regions;
      for (const RegionRate& r : t.regions) {
        regions.push_back(json::object{{"provinces", strings(r.provinces)}, {"rate", rate_json(r.rate)}});
      }
      o["regions"] = std::move(regions);
      o["excluded_provinces"] = strings(t.excluded_provinces);
    }
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::vector<ShippingTemplate> decode_shipping_templates(std::string_view text) {
  std::vector<ShippingTemplate> out;
  try {
    const json::value doc = json::parse(text);  // kept alive for the loop (a temporary would not be)
    for (const json::value& v : doc.as_array()) {
      const json::object& o = v.as_object();
      ShippingTemplate t;
      t.name = std::string(o.at("name").as_string());
      t.kind = parse_shipping_template_kind(o.at("kind").as_string()).value_or(ShippingTemplateKind::flat);
      if (t.kind != ShippingTemplateKind::by_region) {
        t.rate = rate_from(o, t.kind == ShippingTemplateKind::by_weight);
      } else {
        const json::object& d = o.at("default").as_object();
        t.rate = rate_from(d, d.at("kind").as_string() == "by_weight");
        for (const json::value& rv : o.at("regions").as_array()) {
          const json::object& r = rv.as_object();
          const json::object& rate = r.at("rate").as_object();
          t.regions.push_back(RegionRate{strings_from(r.at("provinces")),
                                         rate_from(rate, rate.at("kind").as_string() == "by_weight")});
        }
        t.excluded_provinces = strings_from(o.at("excluded_provinces"));
      }
      out.push_back(std::move(t));
    }
  } catch (const std::exception&) {
    return {};  // written by encode_shipping_templates only; a hand-edited row must not fail every read
  }
  return out;
}

}  // namespace daifa::store
