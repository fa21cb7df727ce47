#pragma once
// Products, their variants (SKUs), images, supplier offers and sales channels as stored. The rules a
// product must satisfy are in product_rules.h.
#include <optional>
#include <string>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/money.h"

namespace daifa {

// What a distributor of one tier (等级, 1..5) pays for a variant (分销价), in the variant's currency.
struct TierPrice {
  std::int64_t tier = 1;
  Money price{0, *Currency::parse("CNY")};
  bool operator==(const TierPrice&) const = default;
};

struct Variant {
  Id id = 0;
  Id product_id = 0;
  std::string sku;
  std::string options_json = "{}";  // {"颜色": "红", "尺码": "M"}
  Money price{0, *Currency::parse("CNY")};
  std::int64_t weight_g = 0;
  std::vector<TierPrice> tier_prices;  // by tier, ascending; a tier without its own price: see price_for_tier
  std::int64_t available = 0;          // filled on read: stock minus reservations over the active offers
};

// The price a distributor of `tier` pays for `v`: the price of the highest tier at or below its own that
// has one, else the variant's list price. `from_tier` is the tier whose price applies (0: the list price).
struct TierPriceFor {
  Money price;
  std::int64_t from_tier = 0;
};
TierPriceFor price_for_tier(const Variant& v, std::int64_t tier);

// A product photo as stored: re-encoded (JPEG, metadata stripped, at most ~200 KB) with a thumbnail.
// The bytes live in the store; this is what the catalog shows about them.
struct ProductImage {
  Id id = 0;
  Id product_id = 0;
  std::int64_t position = 0;  // display order within the product
  std::string content_type;   // of the stored image, e.g. "image/jpeg"
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::int64_t bytes = 0;
  std::string sha256;         // hex of the stored bytes: the ETag
  std::int64_t thumbnail_width = 0;
  std::int64_t thumbnail_height = 0;
  std::int64_t thumbnail_bytes = 0;
  std::string thumbnail_sha256;
  Timestamp created_at;
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
  std::vector<ProductImage> images;  // in display order; filled on read
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
  std::optional<Id> distributor_id;  // a distributor's own shop: its orders are that distributor's
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

}  // namespace daifa
