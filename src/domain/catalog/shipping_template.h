#pragma once
// A supplier's shipping templates (运费模板): what the supplier charges to send one parcel, by a flat fee,
// by weight (first weight and each further step, 首重/续重), or by region (a default rate with per-province
// overrides, and provinces it does not deliver to). Amounts are integer minor units; one template has one
// currency. Pure values: shipping_fee() is the whole rule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/money.h"
#include "domain/common/status.h"

namespace daifa {

enum class ShippingTemplateKind : int { flat = 0, by_weight = 1, by_region = 2 };
std::string_view to_string(ShippingTemplateKind k);
std::optional<ShippingTemplateKind> parse_shipping_template_kind(std::string_view text);

// One rate: flat (`fee` for any parcel) or by weight (`first_fee` up to `first_weight_g`, then `step_fee`
// for each started `step_weight_g` beyond it).
struct ShippingRate {
  bool by_weight = false;
  Money fee{0, *Currency::parse("CNY")};        // flat
  std::int64_t first_weight_g = 0;              // by weight
  Money first_fee{0, *Currency::parse("CNY")};
  std::int64_t step_weight_g = 0;
  Money step_fee{0, *Currency::parse("CNY")};
};

struct RegionRate {
  std::vector<std::string> provinces;  // e.g. "新疆维吾尔自治区", "西藏" (matched without the 省/市/自治区 suffix)
  ShippingRate rate;
};

struct ShippingTemplate {
  std::string name;  // unique among the supplier's templates
  ShippingTemplateKind kind = ShippingTemplateKind::flat;
  ShippingRate rate;                        // flat and by_weight: the rate; by_region: the default rate
  std::vector<RegionRate> regions;          // by_region only
  std::vector<std::string> excluded_provinces;  // by_region only: not delivered there (不配送地区)
};

inline constexpr std::size_t kMaxShippingTemplates = 20;
inline constexpr std::size_t kMaxTemplateRegions = 40;
inline constexpr std::size_t kMaxRegionProvinces = 40;
inline constexpr std::int64_t kMaxParcelWeightG = 1'000'000;  // 1 t: beyond that it is freight, not a parcel
inline constexpr std::int64_t kMaxShippingFeeMinor = 100'000'000;

// Every rule the templates break, each naming its field under `prefix` ("shipping_templates[1].regions[0]
// .rate.step_weight_g"): names 1..64 characters and unique, one currency per template, fees 0..1,000,000.00,
// weights 1..kMaxParcelWeightG, a province 1..32 characters and in at most one region or exclusion of a
// template, regions and exclusions only in by_region templates.
FieldErrors validate_shipping_templates(const std::vector<ShippingTemplate>& templates, std::string_view prefix);

enum class ShippingFeeStatus : int {
  ok = 0,
  not_delivered = 1,   // the province is excluded by the template
  invalid_weight = 2,  // below 0 or above kMaxParcelWeightG
};
struct ShippingFee {
  ShippingFeeStatus status = ShippingFeeStatus::ok;
  std::optional<Money> fee;  // set when ok
};

// The fee for one parcel of `weight_g` grams to `province` (as an address gives it, "浙江省" or "浙江").
// A weight of 0 counts as the first weight. A province without an override pays the default rate.
ShippingFee shipping_fee(const ShippingTemplate& t, std::int64_t weight_g, std::string_view province);

// "浙江省" → "浙江", "新疆维吾尔自治区" → "新疆", "北京市" → "北京", surrounding spaces dropped: the key provinces
// are compared by.
std::string province_key(std::string_view province);

}  // namespace daifa
