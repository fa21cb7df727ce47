#pragma once
// Shipping templates as JSON text: how the suppliers table keeps them (one array per supplier) and the
// shape the API shows. A template is {"name", "kind": "flat", "fee"} | {"name", "kind": "by_weight",
// "first_weight_g", "first_fee", "step_weight_g", "step_fee"} | {"name", "kind": "by_region", "default":
// <rate>, "regions": [{"provinces": [...], "rate": <rate>}], "excluded_provinces": [...]}, where a rate is
// {"kind": "flat", "fee"} or {"kind": "by_weight", ...}; fees are {"amount", "currency"}.
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog/shipping_template.h"

namespace daifa::store {

std::string encode_shipping_templates(const std::vector<ShippingTemplate>& templates);
// Reads what encode_shipping_templates wrote; anything unreadable reads as no templates.
std::vector<ShippingTemplate> decode_shipping_templates(std::string_view text);

}  // namespace daifa::store
