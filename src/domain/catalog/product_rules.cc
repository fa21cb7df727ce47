#include "domain/catalog/product_rules.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/common/validation.h"
#include "domain/distribution/distributor.h"

namespace daifa {
namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxCategoryChars = 64;
constexpr std::size_t kMaxDescriptionChars = 10'000;
constexpr std::size_t kMaxTagChars = 32;
constexpr std::size_t kMaxOptionNameChars = 32;
constexpr std::size_t kMaxOptionValueChars = 64;
constexpr std::size_t kMaxChartCellChars = 32;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<std::string> sorted_names(const std::vector<NamedValue>& pairs) {
  std::vector<std::string> names;
  for (const auto& p : pairs) names.push_back(p.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> names_in_order(const std::vector<NamedValue>& pairs) {
  std::vector<std::string> names;
  for (const auto& p : pairs) names.push_back(p.name);
  return names;
}

// Options compared as sets: {"颜色":"红","尺码":"M"} equals {"尺码":"M","颜色":"红"}.
std::vector<NamedValue> sorted_pairs(Options o) {
  std::sort(o.begin(), o.end(), [](const NamedValue& a, const NamedValue& b) {
    return a.name != b.name ? a.name < b.name : a.value < b.value;
  });
  return o;
}

const NamedValue* find_named(const std::vector<NamedValue>& pairs, std::string_view name) {
  for (const auto& p : pairs) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string describe(const VariantDraft& v) {
  return v.field.empty() ? "variant " + v.sku : v.field + " (" + v.sku + ")";
}

void validate_tags(FieldErrors& errors, const std::vector<std::string>& tags) {
  if (tags.size() > kMaxTags) {
    errors.push_back({"tags", "too_many", "must have at most " + std::to_string(kMaxTags) + " tags"});
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string field = "tags[" + std::to_string(i) + "]";
    std::size_t before = errors.size();
    check_text(errors, field, tags[i], 1, kMaxTagChars);
    if (errors.size() == before && !seen.insert(tags[i]).second) {
      errors.push_back({field, "duplicate", "is already a tag of this product"});
    }
  }
}

// Returns the name of the size column, or empty when there is no chart or no size column.
std::string validate_size_chart(FieldErrors& errors, const std::vector<SizeChartRow>& chart) {
  if (chart.empty()) return {};
  if (chart.size() > kMaxSizeChartRows) {
    errors.push_back({"size_chart", "too_many_rows", "must have at most " + std::to_string(kMaxSizeChartRows) + " rows"});
    return {};
  }
  const SizeChartRow& first = chart.front();
  const auto first_columns = sorted_names(first);
  std::string size_column;
  for (const auto& cell : first) {
    if (is_size_column(cell.name)) {
      size_column = cell.name;
      break;
    }
  }
  if (size_column.empty()) {
    errors.push_back({"size_chart[0]", "missing_size_column", "must have a 尺码 (size) column"});
  }
  std::set<std::string> sizes;
  for (std::size_t i = 0; i < chart.size(); ++i) {
    const SizeChartRow& row = chart[i];
    const std::string row_field = "size_chart[" + std::to_string(i) + "]";
    if (row.size() > kMaxSizeChartColumns) {
      errors.push_back({row_field, "too_many_columns",
                        "must have at most " + std::to_string(kMaxSizeChartColumns) + " columns"});
      continue;
    }
    for (const auto& cell : row) {
      std::size_t before = errors.size();
      check_text(errors, row_field, cell.name, 1, kMaxOptionNameChars);
      if (errors.size() != before) {
        errors.back().code = "invalid_column";
        errors.back().message = "column names must be 1 to " + std::to_string(kMaxOptionNameChars) + " characters";
        continue;
      }
      check_text(errors, row_field + "." + cell.name, cell.value, 0, kMaxChartCellChars);
    }
    if (i > 0 && sorted_names(row) != first_columns) {
      errors.push_back({row_field, "columns_differ",
                        "must have the same columns as size_chart[0]: " + joined(names_in_order(first))});
      continue;
    }
    if (size_column.empty()) continue;
    const NamedValue* size = find_named(row, size_column);
    if (!size) continue;
    if (size->value.empty()) {
      errors.push_back({row_field + "." + size_column, "required", "every row needs its size"});
    } else if (!sizes.insert(size->value).second) {
      errors.push_back({row_field + "." + size_column, "duplicate_size", "size " + size->value + " has two rows"});
    }
  }
  return size_column;
}

void validate_tier_prices(FieldErrors& errors, const VariantDraft& v) {
  std::map<std::int64_t, std::size_t> by_tier;  // tier → index, for the order rule
  for (std::size_t i = 0; i < v.tier_prices.size(); ++i) {
    const TierPrice& p = v.tier_prices[i];
    const std::string f = v.field + ".tier_prices[" + std::to_string(i) + "]";
    const std::size_t before = errors.size();
    check_range(errors, f + ".tier", p.tier, 1, kMaxDistributorTier);
    check_range(errors, f + ".price.amount", p.price.amount_minor, 0, kMaxPriceMinor);
    if (!(p.price.currency == v.price.currency)) {
      errors.push_back({f + ".price.currency", "currency_mismatch",
                        "must be " + std::string(v.price.currency.code()) + ", the currency of the variant's price"});
    } else if (p.price.amount_minor > v.price.amount_minor) {
      errors.push_back({f + ".price.amount", "above_list_price",
                        "must not exceed the variant's list price (" + std::to_string(v.price.amount_minor) + ")"});
    }
    if (errors.size() != before) continue;
    if (!by_tier.emplace(p.tier, i).second) {
      errors.push_back({f + ".tier", "duplicate_tier", "tier " + std::to_string(p.tier) + " is priced twice"});
    }
  }
  // A higher tier never pays more than a lower one.
  const TierPrice* lower = nullptr;
  for (const auto& [tier, i] : by_tier) {
    const TierPrice& p = v.tier_prices[i];
    if (lower && p.price.amount_minor > lower->price.amount_minor) {
      errors.push_back({v.field + ".tier_prices[" + std::to_string(i) + "].price.amount", "above_lower_tier",
                        "tier " + std::to_string(tier) + " must not pay more than tier " + std::to_string(lower->tier) +
                            " (" + std::to_string(lower->price.amount_minor) + ")"});
    }
    lower = &p;
  }
}

void validate_one_variant(FieldErrors& errors, const VariantDraft& v) {
  const std::string& f = v.field;
  if (!is_valid_sku(v.sku)) {
    errors.push_back({f + ".sku", "invalid_sku", "must be 1 to 64 characters of A-Z, 0-9, '-', '_' and '.'"});
  }
  if (v.options.size() > kMaxOptionsPerVariant) {
    errors.push_back({f + ".options", "too_many",
                      "must have at most " + std::to_string(kMaxOptionsPerVariant) + " options"});
  }
  for (const auto& o : v.options) {
    std::size_t before = errors.size();
    check_text(errors, f + ".options", o.name, 1, kMaxOptionNameChars);
    if (errors.size() != before) {
      errors.back().code = "invalid_option_name";
      errors.back().message = "option names must be 1 to " + std::to_string(kMaxOptionNameChars) + " characters";
      continue;
    }
    check_text(errors, f + ".options." + o.name, o.value, 1, kMaxOptionValueChars);
  }
  check_range(errors, f + ".price.amount", v.price.amount_minor, 0, kMaxPriceMinor);
  check_range(errors, f + ".weight_g", v.weight_g, 0, kMaxWeightG);
  validate_tier_prices(errors, v);
}

// Rules across variants. The reference (currency, option names) is a stored variant the request left
// alone when there is one, else the first variant: a request's variant must fit the product, not the
// other way round.
void validate_across(FieldErrors& errors, const std::vector<VariantDraft>& vs, const std::vector<SizeChartRow>& chart,
                     const std::string& size_column) {
  const VariantDraft* ref = &vs.front();
  for (const auto& v : vs) {
    if (v.field.empty()) {
      ref = &v;
      break;
    }
  }
  const auto ref_names = sorted_names(ref->options);
  std::set<std::string> chart_sizes;
  if (!size_column.empty()) {
    for (const auto& row : chart) {
      if (const NamedValue* s = find_named(row, size_column)) chart_sizes.insert(s->value);
    }
  }
  std::map<std::vector<NamedValue>, std::size_t> by_options;
  std::map<std::string, std::size_t> by_sku;
  for (std::size_t i = 0; i < vs.size(); ++i) {
    const VariantDraft& v = vs[i];
    if (!v.field.empty()) {
      if (!(v.price.currency == ref->price.currency)) {
        errors.push_back({v.field + ".price.currency", "currency_mismatch",
                          "must be " + std::string(ref->price.currency.code()) +
                              ", like the product's other variants: a product has one price currency"});
      }
      if (&v != ref && sorted_names(v.options) != ref_names) {
        errors.push_back({v.field + ".options", "option_names_differ",
                          "must name the same options as the product's other variants: " +
                              joined(names_in_order(ref->options))});
      }
    }
    // A pair in conflict is reported on the one the request brought (the later one if both did).
    auto report = [&](std::size_t other, std::string_view sub, std::string code, std::string message) {
      const VariantDraft& o = vs[other];
      const VariantDraft& target = !v.field.empty() ? v : o;
      if (target.field.empty()) return;  // two stored variants: not this request's doing
      errors.push_back({target.field + std::string(sub), std::move(code),
                        std::move(message) + " " + describe(&target == &v ? o : v)});
    };
    auto [opt_it, opt_new] = by_options.emplace(sorted_pairs(v.options), i);
    if (!opt_new) report(opt_it->second, ".options", "duplicate_options", "has the same options as");
    auto [sku_it, sku_new] = by_sku.emplace(v.sku, i);
    if (!sku_new) report(sku_it->second, ".sku", "duplicate_sku", "is the same SKU as");

    if (chart_sizes.empty()) continue;
    for (const auto& o : v.options) {
      if (!is_size_column(o.name) || chart_sizes.count(o.value)) continue;
      if (!v.field.empty()) {
        errors.push_back({v.field + ".options." + o.name, "not_in_size_chart",
                          "size " + o.value + " has no row in the size chart"});
      } else {
        errors.push_back({"size_chart", "size_missing",
                          "has no row for size " + o.value + ", which variant " + v.sku + " offers"});
      }
    }
  }
}

}  // namespace

bool is_valid_sku(std::string_view sku) {
  if (sku.empty() || sku.size() > kMaxSkuBytes) return false;
  return std::all_of(sku.begin(), sku.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

bool is_size_column(std::string_view name) {
  if (name == "尺码") return true;
  if (name.size() != 4) return false;
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "size";
}

FieldErrors validate(const ProductDraft& p) {
  FieldErrors errors;
  check_text(errors, "title", p.title, 1, kMaxTitleChars);
  check_text(errors, "title_en", p.title_en, 0, kMaxTitleChars);
  check_text(errors, "category", p.category, 1, kMaxCategoryChars);
  check_text(errors, "description", p.description, 0, kMaxDescriptionChars);
  validate_tags(errors, p.tags);
  const std::string size_column = validate_size_chart(errors, p.size_chart);
  if (p.variants.empty()) {
    errors.push_back({"variants", "required", "a product needs at least one variant"});
    return errors;
  }
  if (p.variants.size() > kMaxVariants) {
    errors.push_back({"variants", "too_many", "must have at most " + std::to_string(kMaxVariants) + " variants"});
    return errors;
  }
  for (const auto& v : p.variants) {
    if (!v.field.empty()) validate_one_variant(errors, v);
  }
  validate_across(errors, p.variants, p.size_chart, size_column);
  return errors;
}

FieldErrors apply(const ProductPatch& patch, ProductDraft& draft) {
  FieldErrors errors;
  if (patch.title) draft.title = *patch.title;
  if (patch.title_en) draft.title_en = *patch.title_en;
  if (patch.category) draft.category = *patch.category;
  if (patch.tags) draft.tags = *patch.tags;
  if (patch.description) draft.description = *patch.description;
  if (patch.size_chart) draft.size_chart = *patch.size_chart;

  auto find = [&](Id id) -> VariantDraft* {
    for (auto& v : draft.variants) {
      if (v.id == id) return &v;
    }
    return nullptr;
  };
  std::set<Id> removed;
  for (const auto& r : patch.remove_variants) {
    if (!find(r.id)) {
      errors.push_back({r.field, "unknown_variant", "is not a variant of this product"});
    } else if (!removed.insert(r.id).second) {
      errors.push_back({r.field, "duplicate", "is listed twice"});
    }
  }
  std::set<Id> changed;
  std::vector<VariantDraft> added;
  for (const auto& c : patch.variants) {
    if (c.id) {
      VariantDraft* v = find(*c.id);
      if (!v) {
        errors.push_back({c.field + ".id", "unknown_variant", "is not a variant of this product"});
        continue;
      }
      if (removed.count(*c.id)) {
        errors.push_back({c.field + ".id", "removed_and_changed", "is also in remove_variants"});
        continue;
      }
      if (!changed.insert(*c.id).second) {
        errors.push_back({c.field + ".id", "duplicate", "this variant is changed twice"});
        continue;
      }
      if (c.sku && *c.sku != v->sku) {
        errors.push_back({c.field + ".sku", "immutable",
                          "a variant's SKU cannot change (offers and orders refer to it); add a new variant instead"});
      }
      v->field = c.field;
      if (c.options) v->options = *c.options;
      if (c.price) v->price = *c.price;
      if (c.weight_g) v->weight_g = *c.weight_g;
      if (c.tier_prices) v->tier_prices = *c.tier_prices;
      continue;
    }
    VariantDraft v;
    v.field = c.field;
    bool complete = true;
    auto need = [&](bool present, std::string_view name) {
      if (!present) {
        errors.push_back({c.field + "." + std::string(name), "required", "is required for a new variant"});
        complete = false;
      }
    };
    need(c.sku.has_value(), "sku");
    need(c.options.has_value(), "options");
    need(c.price.has_value(), "price");
    need(c.weight_g.has_value(), "weight_g");
    if (!complete) continue;
    v.sku = *c.sku;
    v.options = *c.options;
    v.price = *c.price;
    v.weight_g = *c.weight_g;
    if (c.tier_prices) v.tier_prices = *c.tier_prices;
    added.push_back(std::move(v));
  }
  std::erase_if(draft.variants, [&](const VariantDraft& v) { return removed.count(v.id) > 0; });
  for (auto& v : added) draft.variants.push_back(std::move(v));
  return errors;
}

}  // namespace daifa
