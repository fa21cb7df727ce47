#include "app/catalog/products.h"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "app/catalog/compliance.h"

namespace daifa::app {
namespace json = boost::json;

namespace {

// ---- Stored JSON documents ↔ values ----
// Stored documents were written by this file (or the demo) and are trusted to be well-formed; a value that
// is not a string is kept as its JSON text rather than failing a read.

std::string text_of(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

json::value parse_or_null(const std::string& text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

std::vector<NamedValue> pairs_of(const json::value& v) {
  std::vector<NamedValue> out;
  if (!v.is_object()) return out;
  for (const auto& kv : v.as_object()) out.push_back({std::string(kv.key()), text_of(kv.value())});
  return out;
}

std::string json_of(const std::vector<NamedValue>& pairs) {
  json::object o;
  for (const auto& p : pairs) o[p.name] = p.value;
  return json::serialize(o);
}

std::vector<std::string> tags_of(const std::string& tags_json) {
  std::vector<std::string> out;
  json::value v = parse_or_null(tags_json);
  if (v.is_array()) {
    for (const auto& t : v.as_array()) out.push_back(text_of(t));
  }
  return out;
}

std::string tags_json(const std::vector<std::string>& tags) {
  json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return json::serialize(a);
}

std::vector<SizeChartRow> chart_of(const std::string& chart_json) {
  std::vector<SizeChartRow> out;
  json::value v = parse_or_null(chart_json);
  if (v.is_array()) {
    for (const auto& row : v.as_array()) out.push_back(pairs_of(row));
  }
  return out;
}

std::string chart_json(const std::vector<SizeChartRow>& chart) {
  json::array a;
  for (const auto& row : chart) {
    json::object o;
    for (const auto& cell : row) o[cell.name] = cell.value;
    a.push_back(std::move(o));
  }
  return json::serialize(a);
}

}  // namespace

ProductDraft draft_of(const Product& p) {
  ProductDraft d;
  d.title = p.title;
  d.title_en = p.title_en;
  d.category = p.category;
  d.tags = tags_of(p.tags_json);
  d.description = p.description;
  d.size_chart = chart_of(p.size_chart_json);
  for (const Variant& v : p.variants) {
    VariantDraft vd;
    vd.id = v.id;
    vd.sku = v.sku;
    vd.options = pairs_of(parse_or_null(v.options_json));
    vd.price = v.price;
    vd.weight_g = v.weight_g;
    vd.tier_prices = v.tier_prices;
    d.variants.push_back(std::move(vd));
  }
  return d;
}

namespace {

void set_fields(Product& p, const ProductDraft& d) {
  p.title = d.title;
  p.title_en = d.title_en;
  p.category = d.category;
  p.tags_json = tags_json(d.tags);
  p.description = d.description;
  p.size_chart_json = chart_json(d.size_chart);
}

Variant variant_of(const VariantDraft& d, Id id, Id product_id) {
  return Variant{id, product_id, d.sku, json_of(d.options), d.price, d.weight_g, d.tier_prices};
}

// The texts the compliance check reads, with their field paths.
std::vector<std::pair<std::string, std::string>> texts_of(const ProductDraft& d) {
  std::vector<std::pair<std::string, std::string>> fields{
      {"title", d.title}, {"title_en", d.title_en}, {"description", d.description}};
  for (std::size_t i = 0; i < d.tags.size(); ++i) fields.emplace_back("tags[" + std::to_string(i) + "]", d.tags[i]);
  return fields;
}

// A SKU the request brings must not be held by any other variant in the catalog.
void check_skus_free(store::Connection& c, const ProductDraft& d, FieldErrors& errors) {
  for (const auto& v : d.variants) {
    if (v.field.empty() || v.id != 0 || !is_valid_sku(v.sku)) continue;
    if (auto holder = store::find_sku_holder(c, v.sku)) {
      errors.push_back({v.field + ".sku", "sku_taken", "SKU " + v.sku + " is already used by another variant"});
    }
  }
}

Failure invalid(FieldErrors errors) {
  return fail(Status::invalid_fields, "the product has invalid fields", std::move(errors));
}

// A save that loses a race for a SKU on a shared PostgreSQL (another node inserted it since our check)
// fails on the unique index; it is the same answer as the check's.
bool is_sku_conflict(const store::StoreError& e) {
  return e.kind() == store::ErrorKind::unique_violation && e.constraint().find("sku") != std::string::npos;
}

}  // namespace

std::vector<ComplianceMatch> compliance_of(const WordSet& words, const Product& p) {
  ProductDraft d;
  d.title = p.title;
  d.title_en = p.title_en;
  d.description = p.description;
  d.tags = tags_of(p.tags_json);
  return check(words, texts_of(d));
}

ProductSaved create_product(store::Tx& tx, App& app, const ProductDraft& draft) {
  FieldErrors errors = validate(draft);
  check_skus_free(tx.conn(), draft, errors);
  auto words = app.compliance_words().current(tx.conn());
  std::vector<ComplianceMatch> matches = check(*words, texts_of(draft));
  for (auto& e : refusals(matches)) errors.push_back(std::move(e));
  if (!errors.empty()) return {invalid(std::move(errors)), std::move(matches)};

  Product p;
  p.id = app.new_id();
  set_fields(p, draft);
  p.version = 1;
  p.created_at = p.updated_at = app.now();
  for (const auto& v : draft.variants) p.variants.push_back(variant_of(v, app.new_id(), p.id));
  try {
    store::insert_product(tx.conn(), p);
  } catch (const store::StoreError& e) {
    if (!is_sku_conflict(e)) throw;
    return {invalid({{"variants", "sku_taken", "a SKU of this product was just taken by another save; retry"}}),
            std::move(matches)};
  }
  return {std::move(p), std::move(matches)};
}

ProductSaved update_product(store::Tx& tx, App& app, Id id, std::int64_t expected_version, const ProductPatch& patch) {
  auto current = store::find_product(tx.conn(), id);
  if (!current) return {fail(Status::not_found, "no such product"), {}};
  if (current->version != expected_version) {
    return {fail(Status::version_conflict, "the product was changed by someone else (now version " +
                                               std::to_string(current->version) + "); reload and retry"),
            {}};
  }
  ProductDraft draft = draft_of(*current);
  FieldErrors errors = apply(patch, draft);
  for (auto& e : validate(draft)) errors.push_back(std::move(e));
  check_skus_free(tx.conn(), draft, errors);

  // Restricted words refuse an edit only in the fields it sets: a word listed since the product was saved
  // must not block, say, a price change. The others are reported as warnings.
  auto words = app.compliance_words().current(tx.conn());
  std::vector<ComplianceMatch> matches = check(*words, texts_of(draft));
  std::vector<ComplianceMatch> refusable;
  for (const auto& m : matches) {
    bool set_here = (m.field == "title" && patch.title) || (m.field == "title_en" && patch.title_en) ||
                    (m.field == "description" && patch.description) ||
                    (m.field.starts_with("tags[") && patch.tags);
    if (set_here) refusable.push_back(m);
  }
  for (auto& e : refusals(refusable)) errors.push_back(std::move(e));
  if (!errors.empty()) return {invalid(std::move(errors)), std::move(matches)};

  // A variant with supplier offers stays: offers, their stock journal and orders point at it.
  FieldErrors conflicts;
  for (const auto& r : patch.remove_variants) {
    std::int64_t offers = store::count_offers_of_variant(tx.conn(), r.id);
    if (offers == 0) continue;
    auto it = std::find_if(current->variants.begin(), current->variants.end(), [&](const Variant& v) { return v.id == r.id; });
    conflicts.push_back({r.field, "variant_has_offers",
                         "variant " + (it == current->variants.end() ? id_to_string(r.id) : it->sku) + " has " +
                             std::to_string(offers) + " supplier offer(s); remove or move them before the variant"});
  }
  if (!conflicts.empty()) {
    return {fail(Status::state_conflict, "a variant with supplier offers cannot be removed", std::move(conflicts)),
            std::move(matches)};
  }

  Product next = *current;
  set_fields(next, draft);
  next.updated_at = app.now();
  if (!store::update_product(tx.conn(), next, expected_version)) {
    return {fail(Status::version_conflict, "the product was changed by someone else; reload and retry"), {}};
  }
  std::set<Id> kept;
  for (const auto& v : draft.variants) kept.insert(v.id);
  for (const auto& v : current->variants) {
    if (!kept.count(v.id)) store::delete_variant(tx.conn(), v.id);
  }
  try {
    for (const auto& v : draft.variants) {
      if (v.field.empty()) continue;  // left alone
      if (v.id != 0) {
        store::update_variant(tx.conn(), variant_of(v, v.id, id));
      } else {
        store::insert_variant(tx.conn(), variant_of(v, app.new_id(), id));
      }
    }
  } catch (const store::StoreError& e) {
    if (!is_sku_conflict(e)) throw;
    tx.abort();
    return {invalid({{"variants", "sku_taken", "a SKU of this product was just taken by another save; retry"}}),
            std::move(matches)};
  }
  auto saved = store::find_product(tx.conn(), id);
  return {std::move(*saved), std::move(matches)};
}

std::optional<Product> get_product(App& app, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_product(c, id); });
}

store::Page<Product> list_products(App& app, const store::ProductFilter& filter, const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_products(c, filter, page); });
}

}  // namespace daifa::app
