#include "store/catalog/catalog_repo.h"

#include <map>

namespace daifa::store {
namespace {

Currency currency_of(const std::string& code) {
  auto c = Currency::parse(code);
  if (!c) throw StoreError(ErrorKind::other, "unknown currency in store: " + code);
  return *c;
}

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

void insert_offer(Connection& c, const Offer& o, Id stock_journal_id, Id cost_journal_id, std::string_view actor,
                  std::string_view reason) {
  c.exec("INSERT INTO offers (id, supplier_id, variant_id, supplier_sku, cost_minor, shipping_cost_minor, currency, "
         "stock, lead_time_days, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {o.id, o.supplier_id, o.variant_id, o.supplier_sku, o.cost.amount_minor, o.shipping_cost.amount_minor,
          std::string(o.cost.currency.code()), o.stock, o.lead_time_days, std::int64_t{o.active}, o.version,
          o.created_at.unix_ms, o.updated_at.unix_ms});
  const std::string sql =
      "INSERT INTO stock_journal (id, offer_id, sku, field, old_value, new_value, reason, actor, at) "
      "VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)";
  c.exec(sql, {stock_journal_id, o.id, o.sku, std::string("stock"), o.stock, std::string(reason), std::string(actor),
               o.created_at.unix_ms});
  c.exec(sql, {cost_journal_id, o.id, o.sku, std::string("cost"), o.cost.amount_minor, std::string(reason),
               std::string(actor), o.created_at.unix_ms});
}

Page<Offer> list_offers(Connection& c, const Scope& scope, const OfferFilter& filter, const PageRequest& page) {
  if (scope.role == Role::distributor) return {};
  std::string sql =
      "SELECT o.id, o.supplier_id, o.variant_id, v.sku, o.supplier_sku, o.cost_minor, o.shipping_cost_minor, "
      "o.currency, o.stock, o.lead_time_days, o.active, o.version, o.created_at, o.updated_at "
      "FROM offers o JOIN variants v ON v.id = o.variant_id WHERE o.id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return {};
    sql += " AND o.supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
  }
  if (filter.supplier_id) {
    sql += " AND o.supplier_id = ?";
    params.emplace_back(*filter.supplier_id);
  }
  if (!filter.sku.empty()) {
    sql += " AND v.sku = ?";
    params.emplace_back(filter.sku);
  }
  sql += " ORDER BY o.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Offer> offers;
  for (const Row& r : c.exec(sql, params).rows) {
    Currency cur = currency_of(r.text(7));
    offers.push_back(Offer{r.i64(0), r.i64(1), r.i64(2), r.text(3), r.text(4), Money{r.i64(5), cur},
                           Money{r.i64(6), cur}, r.i64(8), r.i64(9), r.flag(10), r.i64(11), Timestamp{r.i64(12)},
                           Timestamp{r.i64(13)}});
  }
  return make_page(std::move(offers), page, [](const Offer& o) { return o.id; });
}

void insert_channel(Connection& c, const Channel& ch) {
  c.exec("INSERT INTO channels (id, name, kind, secret, stock_buffer, pricing_rule, version, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {ch.id, ch.name, std::string(to_string(ch.kind)), ch.secret, ch.stock_buffer, ch.pricing_rule_json,
          ch.version, ch.created_at.unix_ms, ch.updated_at.unix_ms});
}

Page<Channel> list_channels(Connection& c, const PageRequest& page) {
  Result r = c.exec(
      "SELECT id, name, kind, secret, stock_buffer, pricing_rule, version, created_at, updated_at FROM channels "
      "WHERE id < ? ORDER BY id DESC LIMIT ?",
      {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<Channel> channels;
  for (const Row& row : r.rows) {
    channels.push_back(Channel{row.i64(0), row.text(1), parse_channel_kind(row.text(2)).value_or(ChannelKind::api),
                               row.text(3), row.i64(4), row.text(5), row.i64(6), Timestamp{row.i64(7)},
                               Timestamp{row.i64(8)}});
  }
  return make_page(std::move(channels), page, [](const Channel& ch) { return ch.id; });
}

}  // namespace daifa::store
