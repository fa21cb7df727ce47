#include "store/catalog/offer_repo.h"

#include <map>

#include "store/catalog/money_column.h"

namespace daifa::store {
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

}  // namespace daifa::store
