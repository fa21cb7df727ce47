#include "store/catalog/product_repo.h"

#include <algorithm>
#include <map>

#include "store/catalog/image_repo.h"
#include "store/catalog/money_column.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::store {
namespace {
constexpr std::string_view kProductColumns =
    "id, title, title_en, category, tags, description, size_chart, version, created_at, updated_at";
constexpr std::string_view kVariantColumns = "id, product_id, sku, options, price_minor, currency, weight_g";

Product product_from(const Row& r) {
  Product p;
  p.id = r.i64(0);
  p.title = r.text(1);
  p.title_en = r.text(2);
  p.category = r.text(3);
  p.tags_json = r.text(4);
  p.description = r.text(5);
  p.size_chart_json = r.text(6);
  p.version = r.i64(7);
  p.created_at = Timestamp{r.i64(8)};
  p.updated_at = Timestamp{r.i64(9)};
  return p;
}

Variant variant_from(const Row& row) {
  return Variant{row.i64(0), row.i64(1), row.text(2), row.text(3), Money{row.i64(4), currency_of(row.text(5))},
                 row.i64(6)};
}

void attach_variants(Connection& c, std::vector<Product>& products) {
  if (products.empty()) return;
  std::map<Id, Product*> by_id;
  std::vector<Id> ids;
  for (auto& p : products) {
    by_id[p.id] = &p;
    ids.push_back(p.id);
  }
  std::vector<Value> params;
  const std::string products_in = id_list(ids, params);
  Result r = c.exec("SELECT " + std::string(kVariantColumns) + " FROM variants WHERE product_id IN " + products_in +
                        " ORDER BY product_id, id",
                    params);
  for (const Row& row : r.rows) {
    auto it = by_id.find(row.i64(1));
    if (it != by_id.end()) it->second->variants.push_back(variant_from(row));
  }
  std::map<Id, Variant*> variants;
  for (auto& p : products) {
    for (auto& v : p.variants) variants[v.id] = &v;
  }
  // Their tier prices, and what their active offers can still sell (stock minus reservations).
  Result tiers = c.exec(
      "SELECT t.variant_id, t.tier, t.amount_minor FROM variant_tier_prices t JOIN variants v ON v.id = t.variant_id "
      "WHERE v.product_id IN " + products_in + " ORDER BY t.variant_id, t.tier",
      params);
  for (const Row& row : tiers.rows) {
    auto it = variants.find(row.i64(0));
    if (it == variants.end()) continue;
    Variant& v = *it->second;
    v.tier_prices.push_back({row.i64(1), Money{row.i64(2), v.price.currency}});
  }
  Result available = c.exec(
      "SELECT o.variant_id, SUM(CASE WHEN o.stock > o.reserved THEN o.stock - o.reserved ELSE 0 END) FROM offers o "
      "JOIN variants v ON v.id = o.variant_id WHERE v.product_id IN " + products_in + " AND o.active = 1 "
      "GROUP BY o.variant_id",
      params);
  for (const Row& row : available.rows) {
    auto it = variants.find(row.i64(0));
    if (it != variants.end()) it->second->available = row.i64(1);
  }
}

void attach_details(Connection& c, std::vector<Product>& products) {
  attach_variants(c, products);
  attach_images(c, products);
}

}  // namespace

std::string id_list(const std::vector<Id>& ids, std::vector<Value>& params) {
  std::size_t n = 1;
  while (n < ids.size()) n *= 2;
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i) {
    out += i ? ", ?" : "?";
    params.emplace_back(ids[std::min(i, ids.size() - 1)]);
  }
  return out + ")";
}

void insert_product(Connection& c, const Product& p) {
  c.exec("INSERT INTO products (" + std::string(kProductColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {p.id, p.title, p.title_en, p.category, p.tags_json, p.description, p.size_chart_json, p.version,
          p.created_at.unix_ms, p.updated_at.unix_ms});
  for (Variant v : p.variants) {
    v.product_id = p.id;
    insert_variant(c, v);
  }
}

Page<Product> list_products(Connection& c, const PageRequest& page) { return list_products(c, ProductFilter{}, page); }

Page<Product> list_products(Connection& c, const ProductFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kProductColumns) + " FROM products WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!filter.category.empty()) {
    sql += " AND category = ?";
    params.emplace_back(filter.category);
  }
  if (!filter.text_contains.empty()) {
    sql += " AND (LOWER(title) LIKE LOWER(?) ESCAPE '\\' OR LOWER(title_en) LIKE LOWER(?) ESCAPE '\\')";
    params.emplace_back(like_contains(filter.text_contains));
    params.emplace_back(like_contains(filter.text_contains));
  }
  if (!filter.tag.empty()) {
    // Tags are stored as a JSON array of strings; a tag without quotes or backslashes appears in it as
    // "tag" (the routes refuse any other tag filter). LOWER on both sides: the same answer on both stores.
    sql += " AND LOWER(tags) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(like_contains("\"" + filter.tag + "\""));
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Product> products;
  for (const Row& row : c.exec(sql, params).rows) products.push_back(product_from(row));
  auto result = make_page(std::move(products), page, [](const Product& p) { return p.id; });
  attach_details(c, result.items);
  return result;
}

std::optional<Product> find_product(Connection& c, Id id) {
  Result r = c.exec("SELECT " + std::string(kProductColumns) + " FROM products WHERE id = ?", {id});
  if (r.empty()) return std::nullopt;
  std::vector<Product> one{product_from(r.rows[0])};
  attach_details(c, one);
  return std::move(one.front());
}

std::int64_t count_products(Connection& c) { return c.exec("SELECT COUNT(*) FROM products").one().i64(0); }

bool update_product(Connection& c, const Product& p, std::int64_t expected_version) {
  return c.exec("UPDATE products SET title = ?, title_en = ?, category = ?, tags = ?, description = ?, size_chart = ?, "
                "version = ?, updated_at = ? WHERE id = ? AND version = ?",
                {p.title, p.title_en, p.category, p.tags_json, p.description, p.size_chart_json, expected_version + 1,
                 p.updated_at.unix_ms, p.id, expected_version})
             .affected == 1;
}

bool touch_product(Connection& c, Id id, Timestamp now) {
  return c.exec("UPDATE products SET version = version + 1, updated_at = ? WHERE id = ?", {now.unix_ms, id}).affected ==
         1;
}

namespace {
void insert_tier_prices(Connection& c, const Variant& v) {
  for (const TierPrice& p : v.tier_prices) {
    c.exec("INSERT INTO variant_tier_prices (variant_id, tier, amount_minor) VALUES (?, ?, ?)",
           {v.id, p.tier, p.price.amount_minor});
  }
}
}  // namespace

void insert_variant(Connection& c, const Variant& v) {
  c.exec("INSERT INTO variants (" + std::string(kVariantColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
         {v.id, v.product_id, v.sku, v.options_json, v.price.amount_minor, std::string(v.price.currency.code()),
          v.weight_g});
  insert_tier_prices(c, v);
}

void update_variant(Connection& c, const Variant& v) {
  c.exec("UPDATE variants SET options = ?, price_minor = ?, currency = ?, weight_g = ? WHERE id = ?",
         {v.options_json, v.price.amount_minor, std::string(v.price.currency.code()), v.weight_g, v.id});
  c.exec("DELETE FROM variant_tier_prices WHERE variant_id = ?", {v.id});
  insert_tier_prices(c, v);
}

void delete_variant(Connection& c, Id variant_id) {
  c.exec("DELETE FROM variant_tier_prices WHERE variant_id = ?", {variant_id});
  c.exec("DELETE FROM variants WHERE id = ?", {variant_id});
}

std::optional<Variant> find_sku_holder(Connection& c, std::string_view sku) {
  Result r = c.exec("SELECT " + std::string(kVariantColumns) + " FROM variants WHERE sku = ?", {std::string(sku)});
  if (r.empty()) return std::nullopt;
  return variant_from(r.rows[0]);
}

std::int64_t count_offers_of_variant(Connection& c, Id variant_id) {
  return c.exec("SELECT COUNT(*) FROM offers WHERE variant_id = ?", {variant_id}).one().i64(0);
}

}  // namespace daifa::store
