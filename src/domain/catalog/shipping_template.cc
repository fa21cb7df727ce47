#include "domain/catalog/shipping_template.h"

#include <array>
#include <set>

#include "domain/common/validation.h"

namespace daifa {
namespace {

constexpr std::array kKinds{std::pair{ShippingTemplateKind::flat, std::string_view("flat")},
                            std::pair{ShippingTemplateKind::by_weight, std::string_view("by_weight")},
                            std::pair{ShippingTemplateKind::by_region, std::string_view("by_region")}};

// Longest first, so "维吾尔自治区" is dropped whole rather than leaving "新疆维吾尔".
constexpr std::array<std::string_view, 8> kProvinceSuffixes{
    "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市", ""};

const Currency& currency_of(const ShippingRate& r) { return r.by_weight ? r.first_fee.currency : r.fee.currency; }

void check_fee(FieldErrors& errors, const std::string& field, const Money& m, const Currency& currency) {
  if (!(m.currency == currency)) {
    errors.push_back({field + ".currency", "currency_mismatch",
                      "must be " + std::string(currency.code()) + ", the currency of the whole template"});
  }
  check_range(errors, field + ".amount", m.amount_minor, 0, kMaxShippingFeeMinor);
}

void check_rate(FieldErrors& errors, const std::string& field, const ShippingRate& r, const Currency& currency) {
  if (!r.by_weight) {
    check_fee(errors, field + ".fee", r.fee, currency);
    return;
  }
  check_range(errors, field + ".first_weight_g", r.first_weight_g, 1, kMaxParcelWeightG);
  check_fee(errors, field + ".first_fee", r.first_fee, currency);
  check_range(errors, field + ".step_weight_g", r.step_weight_g, 1, kMaxParcelWeightG);
  check_fee(errors, field + ".step_fee", r.step_fee, currency);
}

std::optional<Money> rate_fee(const ShippingRate& r, std::int64_t weight_g) {
  if (!r.by_weight) return r.fee;
  if (weight_g <= r.first_weight_g || r.step_weight_g <= 0) return r.first_fee;
  // Each started step pays in full: 1,001 g over a first kilogram in 500 g steps is one step.
  const std::int64_t steps = (weight_g - r.first_weight_g + r.step_weight_g - 1) / r.step_weight_g;
  // Bounded: steps <= 1,000,000 and step_fee <= 1e8, so the product stays far below 2^63.
  return Money{r.first_fee.amount_minor + steps * r.step_fee.amount_minor, r.first_fee.currency};
}

}  // namespace

std::string_view to_string(ShippingTemplateKind k) {
  for (auto& [v, s] : kKinds) if (v == k) return s;
  return "flat";
}

std::optional<ShippingTemplateKind> parse_shipping_template_kind(std::string_view text) {
  for (auto& [v, s] : kKinds) if (s == text) return v;
  return std::nullopt;
}

std::string province_key(std::string_view province) {
  while (!province.empty() && province.front() == ' ') province.remove_prefix(1);
  while (!province.empty() && province.back() == ' ') province.remove_suffix(1);
  for (std::string_view suffix : kProvinceSuffixes) {
    if (!suffix.empty() && province.size() > suffix.size() && province.ends_with(suffix)) {
      return std::string(province.substr(0, province.size() - suffix.size()));
    }
  }
  return std::string(province);
}

FieldErrors validate_shipping_templates(const std::vector<ShippingTemplate>& templates, std::string_view prefix) {
  FieldErrors errors;
  const std::string p(prefix);
  if (templates.size() > kMaxShippingTemplates) {
    errors.push_back({p, "too_many", "at most " + std::to_string(kMaxShippingTemplates) + " templates"});
    return errors;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < templates.size(); ++i) {
    const ShippingTemplate& t = templates[i];
    const std::string at = p + "[" + std::to_string(i) + "]";
    check_text(errors, at + ".name", t.name, 1, 64);
    if (!names.insert(t.name).second) {
      errors.push_back({at + ".name", "duplicate_name", "another template of this supplier has this name"});
    }
    if (t.kind == ShippingTemplateKind::flat && t.rate.by_weight) {
      errors.push_back({at + ".kind", "kind_mismatch", "a flat template has a fee, not weights"});
    }
    if (t.kind == ShippingTemplateKind::by_weight && !t.rate.by_weight) {
      errors.push_back({at + ".kind", "kind_mismatch", "a by_weight template needs first and step weights"});
    }
    const Currency currency = currency_of(t.rate);
    check_rate(errors, at + (t.kind == ShippingTemplateKind::by_region ? ".default" : ""), t.rate, currency);
    if (t.kind != ShippingTemplateKind::by_region) {
      if (!t.regions.empty()) errors.push_back({at + ".regions", "not_allowed", "only a by_region template has regions"});
      if (!t.excluded_provinces.empty()) {
        errors.push_back({at + ".excluded_provinces", "not_allowed", "only a by_region template excludes provinces"});
      }
      continue;
    }
    if (t.regions.size() > kMaxTemplateRegions) {
      errors.push_back({at + ".regions", "too_many", "at most " + std::to_string(kMaxTemplateRegions) + " regions"});
      continue;
    }
    std::set<std::string> seen;  // province keys: a province in two regions would have two prices
    auto check_province = [&](const std::string& field, const std::string& province) {
      const std::size_t before = errors.size();
      check_text(errors, field, province, 1, 32);
      if (errors.size() == before && !seen.insert(province_key(province)).second) {
        errors.push_back({field, "duplicate_province", "appears more than once in this template"});
      }
    };
    for (std::size_t r = 0; r < t.regions.size(); ++r) {
      const RegionRate& region = t.regions[r];
      const std::string rat = at + ".regions[" + std::to_string(r) + "]";
      if (region.provinces.empty() || region.provinces.size() > kMaxRegionProvinces) {
        errors.push_back({rat + ".provinces", "out_of_range",
                          "must list 1 to " + std::to_string(kMaxRegionProvinces) + " provinces"});
      }
      for (std::size_t k = 0; k < region.provinces.size() && k < kMaxRegionProvinces; ++k) {
        check_province(rat + ".provinces[" + std::to_string(k) + "]", region.provinces[k]);
      }
      check_rate(errors, rat + ".rate", region.rate, currency);
    }
    if (t.excluded_provinces.size() > kMaxRegionProvinces) {
      errors.push_back({at + ".excluded_provinces", "out_of_range",
                        "must list at most " + std::to_string(kMaxRegionProvinces) + " provinces"});
    } else {
      for (std::size_t k = 0; k < t.excluded_provinces.size(); ++k) {
        check_province(at + ".excluded_provinces[" + std::to_string(k) + "]", t.excluded_provinces[k]);
      }
    }
  }
  return errors;
}

ShippingFee shipping_fee(const ShippingTemplate& t, std::int64_t weight_g, std::string_view province) {
  if (weight_g < 0 || weight_g > kMaxParcelWeightG) return {ShippingFeeStatus::invalid_weight, std::nullopt};
  const ShippingRate* rate = &t.rate;
  if (t.kind == ShippingTemplateKind::by_region) {
    const std::string key = province_key(province);
    for (const std::string& p : t.excluded_provinces) {
      if (province_key(p) == key) return {ShippingFeeStatus::not_delivered, std::nullopt};
    }
    for (const RegionRate& region : t.regions) {
      for (const std::string& p : region.provinces) {
        if (province_key(p) == key) rate = &region.rate;
      }
    }
  }
  return {ShippingFeeStatus::ok, rate_fee(*rate, weight_g)};
}

}  // namespace daifa
