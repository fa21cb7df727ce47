#pragma once
// The rules of a product, its variants (SKUs) and its size chart (尺码表), on plain values: the HTTP layer
// reads a request into a ProductDraft (create) or a ProductPatch (edit), and the rules here say what is
// wrong, field by field, with JSON paths such as "variants[1].sku".
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/catalog/product.h"
#include "domain/common/id.h"
#include "domain/common/money.h"
#include "domain/common/status.h"

namespace daifa {

inline constexpr std::size_t kMaxVariants = 100;           // a real listing offers far fewer
inline constexpr std::size_t kMaxOptionsPerVariant = 5;    // 颜色, 尺码, 规格, …
inline constexpr std::size_t kMaxSkuBytes = 64;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxSizeChartRows = 50;
inline constexpr std::size_t kMaxSizeChartColumns = 20;
inline constexpr std::int64_t kMaxPriceMinor = 100'000'000'000;  // a typo guard (10^9 yuan), not a business limit
inline constexpr std::int64_t kMaxWeightG = 1'000'000;           // one tonne

// A name and a value, kept in the order given: an option ("颜色": "红") or a size-chart cell ("胸围(cm)": "96").
struct NamedValue {
  std::string name;
  std::string value;
  auto operator<=>(const NamedValue&) const = default;
  bool operator==(const NamedValue&) const = default;
};
using Options = std::vector<NamedValue>;
using SizeChartRow = std::vector<NamedValue>;  // column → value, in column order

struct VariantDraft {
  std::string field;  // its JSON path in the request ("variants[2]"); empty for a stored variant left alone
  Id id = 0;          // 0 for a new variant
  std::string sku;
  Options options;
  Money price{0, *Currency::parse("CNY")};
  std::int64_t weight_g = 0;
  // Distributor tier prices (分销价): each tier 1..5 at most once, in the price's currency, none above the
  // list price, and never more for a higher tier than for a lower one (a better tier never pays more).
  std::vector<TierPrice> tier_prices;
};

struct ProductDraft {
  std::string title;
  std::string title_en;
  std::string category;
  std::vector<std::string> tags;
  std::string description;
  std::vector<SizeChartRow> size_chart;
  std::vector<VariantDraft> variants;
};

// One item of an edit's `variants` list. With an id it changes that variant (only the fields given; the
// SKU cannot change, because offers, orders and the stock journal refer to it); without, it adds a new
// variant, and sku, options, price and weight_g are required.
struct VariantChange {
  std::string field;  // "variants[1]"
  std::optional<Id> id;
  std::optional<std::string> sku;
  std::optional<Options> options;
  std::optional<Money> price;
  std::optional<std::int64_t> weight_g;
  std::optional<std::vector<TierPrice>> tier_prices;  // replaces them all; [] removes them
};

struct VariantRemoval {
  std::string field;  // "remove_variants[0]"
  Id id = 0;
};

struct ProductPatch {
  std::optional<std::string> title;
  std::optional<std::string> title_en;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> description;
  std::optional<std::vector<SizeChartRow>> size_chart;
  std::vector<VariantChange> variants;
  std::vector<VariantRemoval> remove_variants;
};

// 1 to 64 of A-Z, 0-9, '-', '_' and '.': safe in file names, URLs, spreadsheets and carrier labels.
bool is_valid_sku(std::string_view sku);
// The size-chart column holding the size itself: "尺码", or "size" in any case.
bool is_size_column(std::string_view name);

// Every broken rule, each naming its field. Rules of one variant are checked for the variants that came
// with the request (those with a `field`); rules across variants for all: one currency, the same option
// names, no two with the same options or SKU, and every size a variant offers has a row in the size chart.
// A conflict between a request's variant and a stored one is reported on the request's.
FieldErrors validate(const ProductDraft& p);

// Applies `patch` to `draft` (made from the stored product). Changed and new variants take the patch's
// field paths, removed ones leave the draft. Unknown ids, SKU changes and incomplete new variants are errors.
FieldErrors apply(const ProductPatch& patch, ProductDraft& draft);

}  // namespace daifa
