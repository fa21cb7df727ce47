#include "store/catalog/product_repo.h"

#include <map>

#include "store/catalog/money_column.h"

namespace daifa::store {
namespace {
constexpr std::string_view kProductColumns =
    "id, title, title_en, category, tags, description, size_chart, version, created_at, updated_at";

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

void attach_variants(Connection& c, std::vector<Product>& products) {
  if (products.empty()) return;
  std::map<Id, Product*> by_id;
  Id lo = products.front().id, hi = lo;
  for (auto& p : products) {
    by_id[p.id] = &p;
    lo = std::min(lo, p.id);
    hi = std::max(hi, p.id);
  }
  Result r = c.exec(
      "SELECT id, product_id, sku, options, price_minor, currency, weight_g FROM variants "
      "WHERE product_id BETWEEN ? AND ? ORDER BY product_id, id",
      {lo, hi});
  for (const Row& row : r.rows) {
    auto it = by_id.find(row.i64(1));
    if (it == by_id.end()) continue;
    it->second->variants.push_back(Variant{row.i64(0), row.i64(1), row.text(2), row.text(3),
                                           Money{row.i64(4), currency_of(row.text(5))}, row.i64(6)});
  }
}

}  // namespace


void insert_product(Connection& c, const Product& p) {
  c.exec("INSERT INTO products (" + std::string(kProductColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {p.id, p.title, p.title_en, p.category, p.tags_json, p.description, p.size_chart_json, p.version,
          p.created_at.unix_ms, p.updated_at.unix_ms});
  for (const Variant& v : p.variants) {
    c.exec("INSERT INTO variants (id, product_id, sku, options, price_minor, currency, weight_g) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)",
           {v.id, p.id, v.sku, v.options_json, v.price.amount_minor, std::string(v.price.currency.code()), v.weight_g});
  }
}

Page<Product> list_products(Connection& c, const PageRequest& page) {
  Result r = c.exec("SELECT " + std::string(kProductColumns) + " FROM products WHERE id < ? ORDER BY id DESC LIMIT ?",
                    {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<Product> products;
  for (const Row& row : r.rows) products.push_back(product_from(row));
  auto result = make_page(std::move(products), page, [](const Product& p) { return p.id; });
  attach_variants(c, result.items);
  return result;
}

std::optional<Product> find_product(Connection& c, Id id) {
  Result r = c.exec("SELECT " + std::string(kProductColumns) + " FROM products WHERE id = ?", {id});
  if (r.empty()) return std::nullopt;
  std::vector<Product> one{product_from(r.rows[0])};
  attach_variants(c, one);
  return std::move(one.front());
}

std::int64_t count_products(Connection& c) { return c.exec("SELECT COUNT(*) FROM products").one().i64(0); }

}  // namespace daifa::store
