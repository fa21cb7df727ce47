#pragma once
// Products, their variants (SKUs), supplier offers and sales channels — the basics the platform's demo
// data and read endpoints need. The catalog issue grows these (images, pricing rules, sync).
#include <optional>
#include <string>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/money.h"

namespace daifa {

struct Variant {
  Id id = 0;
  Id product_id = 0;
  std::string sku;
  std::string options_json = "{}";  // {"颜色": "红", "尺码": "M"}
  Money price{0, *Currency::parse("CNY")};
  std::int64_t weight_g = 0;
};

struct Product {
  Id id = 0;
  std::string title;
  std::string title_en;
  std::string category;
  std::string tags_json = "[]";
  std::string description;
  std::string size_chart_json = "[]";  // rows: [{"尺码": "M", "胸围cm": "96", ...}]
  std::vector<Variant> variants;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

struct Offer {
  Id id = 0;
  Id supplier_id = 0;
  Id variant_id = 0;
  std::string sku;  // the variant's SKU (denormalised on read)
  std::string supplier_sku;
  Money cost{0, *Currency::parse("CNY")};
  Money shipping_cost{0, *Currency::parse("CNY")};
  std::int64_t stock = 0;
  std::int64_t lead_time_days = 0;
  bool active = true;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

enum class ChannelKind : int { api = 0, shopify = 1, woocommerce = 2, csv = 3, manual = 4 };
std::string_view to_string(ChannelKind k);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);

struct Channel {
  Id id = 0;
  std::string name;
  ChannelKind kind = ChannelKind::api;
  std::string secret;  // write-only over the API
  std::int64_t stock_buffer = 0;
  std::string pricing_rule_json = "{}";
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

}  // namespace daifa
