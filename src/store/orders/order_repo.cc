#include "store/orders/order_repo.h"

#include <algorithm>
#include <map>

#include "store/catalog/money_column.h"
#include "store/common/sql_text.h"

namespace daifa::store {
namespace {

Value opt_time(const std::optional<Timestamp>& t) { return t ? Value(t->unix_ms) : Value(nullptr); }
std::optional<Timestamp> time_of(const Row& r, std::size_t i) {
  auto v = r.opt_i64(i);
  return v ? std::optional<Timestamp>(Timestamp{*v}) : std::nullopt;
}

// A list's period of creation, [since, before), on `column`. No index of its own: the lists walk newest first,
// so a recent period (the usual one) is read at once, and an old one after everything created since.
void add_period(std::string& sql, std::vector<Value>& params, std::string_view column,
                const std::optional<Timestamp>& since, const std::optional<Timestamp>& before) {
  if (since) {
    sql += " AND " + std::string(column) + " >= ?";
    params.emplace_back(since->unix_ms);
  }
  if (before) {
    sql += " AND " + std::string(column) + " < ?";
    params.emplace_back(before->unix_ms);
  }
}

std::vector<HoldReason> split_reasons(std::string_view text) {
  std::vector<HoldReason> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    if (auto r = parse_hold_reason(text.substr(0, comma))) out.push_back(*r);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

constexpr std::string_view kOrderColumns =
    "id, channel_id, distributor_id, external_id, status, hold_reasons, customer_name, customer_phone, "
    "customer_email, ship_name, ship_phone, ship_country, ship_province, ship_city, ship_district, ship_line1, "
    "ship_postal_code, currency, goods_minor, shipping_fee_minor, total_minor, payment_method, paid_minor, "
    "blind_ship, note, urge_count, last_urged_at, version, created_at, updated_at";

Order order_from(const Row& r) {
  Order o;
  o.id = r.i64(0);
  o.channel_id = r.i64(1);
  o.distributor_id = r.opt_i64(2);
  o.external_id = r.text(3);
  o.status = parse_order_status(r.text(4)).value_or(OrderStatus::received);
  o.hold_reasons = split_reasons(r.text(5));
  o.customer = Customer{r.text(6), r.text(7), r.text(8)};
  o.shipping_address = ShippingAddress{r.text(9), r.text(10), r.text(11), r.text(12), r.text(13), r.text(14),
                                       r.text(15), r.text(16)};
  Currency cur = currency_of(r.text(17));
  o.goods_total = Money{r.i64(18), cur};
  o.shipping_fee = Money{r.i64(19), cur};
  o.total = Money{r.i64(20), cur};
  o.payment_method = parse_payment_method(r.text(21)).value_or(PaymentMethod::prepaid);
  o.paid = Money{r.i64(22), cur};
  o.blind_ship = r.flag(23);
  o.note = r.text(24);
  o.urge_count = r.i64(25);
  o.last_urged_at = time_of(r, 26);
  o.version = r.i64(27);
  o.created_at = Timestamp{r.i64(28)};
  o.updated_at = Timestamp{r.i64(29)};
  return o;
}

constexpr std::string_view kLineColumns =
    "order_id, line_no, sku, quantity, unit_price_minor, offer_id, supplier_id, purchase_order_id, unit_cost_minor, "
    "reserved, route_reason";

OrderLine line_from(const Row& r, const Currency& cur) {
  OrderLine l;
  l.line_no = r.i64(1);
  l.sku = r.text(2);
  l.quantity = r.i64(3);
  l.unit_price = Money{r.i64(4), cur};
  l.offer_id = r.opt_i64(5);
  l.supplier_id = r.opt_i64(6);
  l.purchase_order_id = r.opt_i64(7);
  l.unit_cost_minor = r.opt_i64(8);
  l.reserved = r.i64(9);
  l.route_reason = r.text(10);
  return l;
}

// Fills the lines of every order given, in one statement.
void attach_lines(Connection& c, std::vector<Order>& orders) {
  if (orders.empty()) return;
  std::vector<Value> params;
  for (const Order& o : orders) params.emplace_back(o.id);
  Result r = c.exec("SELECT " + std::string(kLineColumns) + " FROM order_lines WHERE order_id IN (" +
                        in_placeholders(orders.size()) + ") ORDER BY order_id, line_no",
                    params);
  std::map<Id, Order*> by_id;
  for (Order& o : orders) by_id[o.id] = &o;
  for (const Row& row : r.rows) {
    Order* o = by_id[row.i64(0)];
    o->lines.push_back(line_from(row, o->total.currency));
  }
}

// Staff: everything. Distributor: its channels' orders. Supplier: no order. False when nothing is visible.
bool restrict_orders(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.is_staff()) return true;
  if (scope.role == Role::distributor && scope.distributor_id) {
    sql += " AND distributor_id = ?";
    params.emplace_back(*scope.distributor_id);
    return true;
  }
  return false;
}

constexpr std::string_view kPoColumns =
    "p.id, p.order_id, p.supplier_id, p.status, p.currency, p.cost_minor, p.shipping_minor, p.payment, "
    "p.neutral_packaging, p.no_inserts, p.carrier, p.tracking_number, p.reject_reason, p.urge_count, "
    "p.last_urged_at, p.version, p.created_at, p.updated_at, o.ship_name, o.ship_phone, o.ship_country, "
    "o.ship_province, o.ship_city, o.ship_district, o.ship_line1, o.ship_postal_code, p.last_urge_note";

PurchaseOrder po_from(const Row& r) {
  PurchaseOrder p;
  p.id = r.i64(0);
  p.order_id = r.i64(1);
  p.supplier_id = r.i64(2);
  p.status = parse_po_status(r.text(3)).value_or(PoStatus::placed);
  Currency cur = currency_of(r.text(4));
  p.cost_total = Money{r.i64(5), cur};
  p.shipping_cost = Money{r.i64(6), cur};
  p.payment = r.text(7) == "prepaid" ? PoPayment::prepaid : PoPayment::credit;
  p.neutral_packaging = r.flag(8);
  p.no_inserts = r.flag(9);
  p.carrier = r.text(10);
  p.tracking_number = r.text(11);
  p.reject_reason = r.text(12);
  p.urge_count = r.i64(13);
  p.last_urged_at = time_of(r, 14);
  p.version = r.i64(15);
  p.created_at = Timestamp{r.i64(16)};
  p.updated_at = Timestamp{r.i64(17)};
  p.ship_to = ShippingAddress{r.text(18), r.text(19), r.text(20), r.text(21), r.text(22), r.text(23), r.text(24),
                              r.text(25)};
  p.last_urge_note = r.text(26);
  return p;
}

void attach_po_lines(Connection& c, std::vector<PurchaseOrder>& pos) {
  if (pos.empty()) return;
  std::vector<Value> params;
  for (const PurchaseOrder& p : pos) params.emplace_back(p.id);
  Result r = c.exec(
      "SELECT purchase_order_id, order_line_no, sku, supplier_sku, offer_id, quantity, unit_cost_minor "
      "FROM purchase_order_lines WHERE purchase_order_id IN (" + in_placeholders(pos.size()) +
          ") ORDER BY purchase_order_id, order_line_no",
      params);
  std::map<Id, PurchaseOrder*> by_id;
  for (PurchaseOrder& p : pos) by_id[p.id] = &p;
  for (const Row& row : r.rows) {
    by_id[row.i64(0)]->lines.push_back(
        PoLine{row.i64(1), row.text(2), row.text(3), row.i64(4), row.i64(5), row.i64(6)});
  }
}

bool restrict_pos(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.is_staff()) return true;
  if (scope.role == Role::supplier && scope.supplier_id) {
    sql += " AND p.supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
    return true;
  }
  return false;  // a distributor sees its orders, never the purchase side (costs)
}

}  // namespace

std::optional<Id> find_order_id_by_external(Connection& c, Id channel_id, std::string_view external_id) {
  Result r = c.exec("SELECT id FROM orders WHERE channel_id = ? AND external_id = ?",
                    {channel_id, std::string(external_id)});
  if (r.empty()) return std::nullopt;
  return r.rows[0].i64(0);
}

std::vector<SkuOffers> find_route_candidates(Connection& c, const std::vector<std::string>& skus) {
  std::vector<SkuOffers> out;
  for (const std::string& sku : skus) {
    if (std::none_of(out.begin(), out.end(), [&](const SkuOffers& s) { return s.sku == sku; })) {
      out.push_back(SkuOffers{sku, false, {}});
    }
  }
  auto add = [&](const Result& r) {
    for (const Row& row : r.rows) {
      auto it = std::find_if(out.begin(), out.end(), [&](const SkuOffers& s) { return s.sku == row.text(0); });
      if (it == out.end()) continue;
      it->known = true;
      if (row.is_null(1)) continue;
      OfferCandidate o;
      o.offer_id = row.i64(1);
      o.supplier_id = row.i64(2);
      o.supplier_sku = row.text(3);
      o.unit_cost_minor = row.i64(4);
      o.shipping_minor = row.i64(5);
      o.currency = row.text(6);
      o.available = row.i64(7);
      o.lead_time_days = row.i64(8);
      o.active = row.flag(9);
      o.payment_terms = parse_payment_terms(row.text(10)).value_or(PaymentTerms::prepaid);
      o.supplier_blind_ship = row.flag(11);
      it->offers.push_back(std::move(o));
    }
  };
  static const std::string kSelect =
      "SELECT v.sku, o.id, o.supplier_id, o.supplier_sku, o.cost_minor, o.shipping_cost_minor, o.currency, "
      "o.stock - o.reserved, o.lead_time_days, o.active, s.payment_terms, s.blind_ship FROM variants v "
      "LEFT JOIN offers o ON o.variant_id = v.id LEFT JOIN suppliers s ON s.id = o.supplier_id WHERE v.sku ";
  if (c.dialect() == Dialect::postgres) {
    // One round trip for the order.
    std::vector<Value> params;
    for (const SkuOffers& s : out) params.emplace_back(s.sku);
    add(c.exec(kSelect + "IN (" + in_placeholders(params.size()) + ")", params));
  } else {
    // One lookup per SKU: for `sku IN (…)` SQLite builds a temporary B-tree of the list on every order
    // (bench/results/order_intake.md), and a lookup in the same process costs no round trip.
    static const std::string kBySku = kSelect + "= ?";
    for (const SkuOffers& s : out) add(c.exec(kBySku, {s.sku}));
  }
  // In offer id order, whatever plan the store chose: routing's ties are broken in this order.
  for (SkuOffers& s : out) {
    std::sort(s.offers.begin(), s.offers.end(),
              [](const OfferCandidate& a, const OfferCandidate& b) { return a.offer_id < b.offer_id; });
  }
  return out;
}

bool blacklist_match(Connection& c, std::string_view phone, std::string_view name, std::string_view address) {
  return !c.exec("SELECT 1 FROM blacklist WHERE (kind = 'phone' AND value = ?) OR (kind = 'name' AND value = ?) "
                 "OR (kind = 'address' AND value = ?) LIMIT 1",
                 {std::string(phone), std::string(name), std::string(address)})
              .empty();
}

std::int64_t count_recent_duplicates(Connection& c, std::string_view dup_key, Timestamp since, Id except) {
  return c.exec("SELECT COUNT(*) FROM orders WHERE dup_key = ? AND created_at >= ? AND id <> ? "
                "AND status <> 'cancelled'",
                {std::string(dup_key), since.unix_ms, except})
      .one()
      .i64(0);
}

std::int64_t open_cod_minor(Connection& c, std::string_view phone, Id except) {
  Result r = c.exec("SELECT COALESCE(SUM(total_minor), 0) FROM orders WHERE ship_phone = ? AND payment_method = 'cod' "
                    "AND status NOT IN ('cancelled', 'delivered', 'completed') AND id <> ?",
                    {std::string(phone), except});
  return r.one().i64(0);
}

bool reserve_stock(Connection& c, Id offer_id, std::int64_t quantity) {
  return c.exec("UPDATE offers SET reserved = reserved + ? WHERE id = ? AND active = 1 AND stock - reserved >= ?",
                {quantity, offer_id, quantity})
             .affected == 1;
}

void release_stock(Connection& c, Id offer_id, std::int64_t quantity) {
  c.exec("UPDATE offers SET reserved = reserved - ? WHERE id = ?", {quantity, offer_id});
}

std::pair<std::int64_t, std::int64_t> consume_stock(Connection& c, Id offer_id, std::int64_t quantity) {
  std::int64_t before = c.exec("SELECT stock FROM offers WHERE id = ?", {offer_id}).one().i64(0);
  std::int64_t after = std::max<std::int64_t>(0, before - quantity);
  c.exec("UPDATE offers SET stock = ?, reserved = reserved - ? WHERE id = ?", {after, quantity, offer_id});
  return {before, after};
}

void insert_order(Connection& c, const Order& o, std::string_view dup_key) {
  static const std::string sql = "INSERT INTO orders (" + std::string(kOrderColumns) +
                                 ", dup_key) VALUES " + values_placeholders(31, 1);
  const ShippingAddress& a = o.shipping_address;
  c.exec(sql, {o.id,
               o.channel_id,
               opt(o.distributor_id),
               o.external_id,
               std::string(to_string(o.status)),
               join_hold_reasons(o.hold_reasons),
               o.customer.name,
               o.customer.phone,
               o.customer.email,
               a.name,
               a.phone,
               a.country,
               a.province,
               a.city,
               a.district,
               a.line1,
               a.postal_code,
               std::string(o.total.currency.code()),
               o.goods_total.amount_minor,
               o.shipping_fee.amount_minor,
               o.total.amount_minor,
               std::string(to_string(o.payment_method)),
               o.paid.amount_minor,
               std::int64_t{o.blind_ship},
               o.note,
               o.urge_count,
               opt_time(o.last_urged_at),
               o.version,
               o.created_at.unix_ms,
               o.updated_at.unix_ms,
               std::string(dup_key)});
}

void insert_order_lines(Connection& c, Id order_id, const std::vector<OrderLine>& lines) {
  if (lines.empty()) return;
  std::vector<Value> params;
  params.reserve(lines.size() * 11);
  for (const OrderLine& l : lines) {
    params.emplace_back(order_id);
    params.emplace_back(l.line_no);
    params.emplace_back(l.sku);
    params.emplace_back(l.quantity);
    params.emplace_back(l.unit_price.amount_minor);
    params.emplace_back(opt(l.offer_id));
    params.emplace_back(opt(l.supplier_id));
    params.emplace_back(opt(l.purchase_order_id));
    params.emplace_back(opt(l.unit_cost_minor));
    params.emplace_back(l.reserved);
    params.emplace_back(l.route_reason);
  }
  c.exec("INSERT INTO order_lines (" + std::string(kLineColumns) + ") VALUES " +
             values_placeholders(11, lines.size()),
         params);
}

void replace_order_lines(Connection& c, Id order_id, const std::vector<OrderLine>& lines) {
  c.exec("DELETE FROM order_lines WHERE order_id = ?", {order_id});
  insert_order_lines(c, order_id, lines);
}

void update_order_line_route(Connection& c, Id order_id, const OrderLine& l) {
  c.exec("UPDATE order_lines SET offer_id = ?, supplier_id = ?, purchase_order_id = ?, unit_cost_minor = ?, "
         "reserved = ?, route_reason = ? WHERE order_id = ? AND line_no = ?",
         {opt(l.offer_id), opt(l.supplier_id), opt(l.purchase_order_id), opt(l.unit_cost_minor), l.reserved,
          l.route_reason, order_id, l.line_no});
}

void insert_purchase_order(Connection& c, const PurchaseOrder& p) {
  static const std::string sql =
      "INSERT INTO purchase_orders (id, order_id, supplier_id, status, currency, cost_minor, shipping_minor, payment, "
      "neutral_packaging, no_inserts, carrier, tracking_number, reject_reason, urge_count, last_urged_at, version, "
      "created_at, updated_at) VALUES " + values_placeholders(18, 1);
  c.exec(sql, {p.id, p.order_id, p.supplier_id, std::string(to_string(p.status)),
               std::string(p.cost_total.currency.code()), p.cost_total.amount_minor, p.shipping_cost.amount_minor,
               std::string(to_string(p.payment)), std::int64_t{p.neutral_packaging}, std::int64_t{p.no_inserts},
               p.carrier, p.tracking_number, p.reject_reason, p.urge_count, opt_time(p.last_urged_at), p.version,
               p.created_at.unix_ms, p.updated_at.unix_ms});
  std::vector<Value> params;
  params.reserve(p.lines.size() * 7);
  for (const PoLine& l : p.lines) {
    params.emplace_back(p.id);
    params.emplace_back(l.order_line_no);
    params.emplace_back(l.sku);
    params.emplace_back(l.supplier_sku);
    params.emplace_back(l.offer_id);
    params.emplace_back(l.quantity);
    params.emplace_back(l.unit_cost_minor);
  }
  c.exec("INSERT INTO purchase_order_lines (purchase_order_id, order_line_no, sku, supplier_sku, offer_id, quantity, "
         "unit_cost_minor) VALUES " + values_placeholders(7, p.lines.size()),
         params);
}

std::optional<Order> find_order(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kOrderColumns) + " FROM orders WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict_orders(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  std::vector<Order> one{order_from(r.rows[0])};
  attach_lines(c, one);
  return std::move(one[0]);
}

Page<Order> list_orders(Connection& c, const Scope& scope, const OrderFilter& filter, const PageRequest& page) {
  // A customer has a handful of orders: by phone, the duplicate key's index must lead. Without statistics
  // SQLite would rather walk (status, id) or (distributor_id, id) newest first and test every order's key.
  const bool by_phone = !filter.phone.empty();
  std::string sql = "SELECT " + std::string(kOrderColumns) + " FROM orders" +
                    (by_phone && c.dialect() == Dialect::sqlite ? " INDEXED BY orders_dup" : "") + " WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict_orders(scope, sql, params)) return {};
  if (filter.status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(to_string(*filter.status)));
  }
  if (filter.channel_id) {
    sql += " AND channel_id = ?";
    params.emplace_back(*filter.channel_id);
  }
  if (filter.hold_reason) {
    // Reasons are stored comma-separated; match a whole name.
    sql += " AND (',' || hold_reasons || ',') LIKE ?";
    params.emplace_back("%," + std::string(to_string(*filter.hold_reason)) + ",%");
  }
  if (!filter.external_id.empty()) {
    sql += " AND external_id = ?";
    params.emplace_back(filter.external_id);
  }
  if (by_phone) {
    // Through the duplicate key's index, which starts with the phone (duplicate_key_phone_range).
    auto [first, after] = duplicate_key_phone_range(filter.phone);
    sql += " AND dup_key >= ? AND dup_key < ?";
    params.emplace_back(std::move(first));
    params.emplace_back(std::move(after));
  }
  add_period(sql, params, "created_at", filter.created_since, filter.created_before);
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Order> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(order_from(row));
  auto result = make_page(std::move(rows), page, [](const Order& o) { return o.id; });
  attach_lines(c, result.items);
  return result;
}

bool update_order(Connection& c, const Order& o, std::int64_t expected_version) {
  const ShippingAddress& a = o.shipping_address;
  return c.exec("UPDATE orders SET status = ?, hold_reasons = ?, ship_name = ?, ship_phone = ?, ship_country = ?, "
                "ship_province = ?, ship_city = ?, ship_district = ?, ship_line1 = ?, ship_postal_code = ?, "
                "goods_minor = ?, total_minor = ?, note = ?, urge_count = ?, last_urged_at = ?, version = ?, "
                "updated_at = ?, dup_key = ? WHERE id = ? AND version = ?",
                {std::string(to_string(o.status)), join_hold_reasons(o.hold_reasons), a.name, a.phone, a.country,
                 a.province, a.city, a.district, a.line1, a.postal_code, o.goods_total.amount_minor,
                 o.total.amount_minor, o.note, o.urge_count, opt_time(o.last_urged_at), expected_version + 1,
                 o.updated_at.unix_ms, duplicate_key(o), o.id, expected_version})
             .affected == 1;
}

std::optional<PurchaseOrder> find_purchase_order(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kPoColumns) +
                    " FROM purchase_orders p JOIN orders o ON o.id = p.order_id WHERE p.id = ?";
  std::vector<Value> params{id};
  if (!restrict_pos(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  std::vector<PurchaseOrder> one{po_from(r.rows[0])};
  attach_po_lines(c, one);
  return std::move(one[0]);
}

Page<PurchaseOrder> list_purchase_orders(Connection& c, const Scope& scope, const PurchaseOrderFilter& filter,
                                         const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kPoColumns) +
                    " FROM purchase_orders p JOIN orders o ON o.id = p.order_id WHERE p.id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict_pos(scope, sql, params)) return {};
  if (filter.supplier_id) {
    sql += " AND p.supplier_id = ?";
    params.emplace_back(*filter.supplier_id);
  }
  if (filter.order_id) {
    sql += " AND p.order_id = ?";
    params.emplace_back(*filter.order_id);
  }
  if (filter.status) {
    sql += " AND p.status = ?";
    params.emplace_back(std::string(to_string(*filter.status)));
  }
  add_period(sql, params, "p.created_at", filter.created_since, filter.created_before);
  sql += " ORDER BY p.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<PurchaseOrder> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(po_from(row));
  auto result = make_page(std::move(rows), page, [](const PurchaseOrder& p) { return p.id; });
  attach_po_lines(c, result.items);
  return result;
}

std::vector<PurchaseOrder> purchase_orders_of(Connection& c, Id order_id) {
  Result r = c.exec("SELECT " + std::string(kPoColumns) +
                        " FROM purchase_orders p JOIN orders o ON o.id = p.order_id WHERE p.order_id = ? ORDER BY p.id",
                    {order_id});
  std::vector<PurchaseOrder> out;
  for (const Row& row : r.rows) out.push_back(po_from(row));
  attach_po_lines(c, out);
  return out;
}

bool update_purchase_order(Connection& c, const PurchaseOrder& p, std::int64_t expected_version) {
  return c.exec("UPDATE purchase_orders SET status = ?, carrier = ?, tracking_number = ?, reject_reason = ?, "
                "urge_count = ?, last_urged_at = ?, last_urge_note = ?, version = ?, updated_at = ? "
                "WHERE id = ? AND version = ?",
                {std::string(to_string(p.status)), p.carrier, p.tracking_number, p.reject_reason, p.urge_count,
                 opt_time(p.last_urged_at), p.last_urge_note, expected_version + 1, p.updated_at.unix_ms, p.id,
                 expected_version})
             .affected == 1;
}

void insert_history(Connection& c, const std::vector<HistoryRow>& rows) {
  if (rows.empty()) return;
  std::vector<Value> params;
  params.reserve(rows.size() * 8);
  for (const HistoryRow& h : rows) {
    params.emplace_back(h.id);
    params.emplace_back(h.order_id);
    params.emplace_back(opt(h.purchase_order_id));
    params.emplace_back(h.from_status.empty() ? Value(nullptr) : Value(h.from_status));
    params.emplace_back(h.to_status);
    params.emplace_back(h.actor);
    params.emplace_back(h.reason);
    params.emplace_back(h.at.unix_ms);
  }
  c.exec("INSERT INTO order_history (id, order_id, purchase_order_id, from_status, to_status, actor, reason, at) "
         "VALUES " + values_placeholders(8, rows.size()),
         params);
}

std::vector<HistoryRow> order_history(Connection& c, Id order_id) {
  Result r = c.exec("SELECT id, order_id, purchase_order_id, from_status, to_status, actor, reason, at "
                    "FROM order_history WHERE order_id = ? ORDER BY id",
                    {order_id});
  std::vector<HistoryRow> out;
  for (const Row& row : r.rows) {
    out.push_back(HistoryRow{row.i64(0), row.i64(1), row.opt_i64(2), row.opt_text(3).value_or(""), row.text(4),
                             row.text(5), row.text(6), Timestamp{row.i64(7)}});
  }
  return out;
}

void insert_blacklist(Connection& c, const BlacklistEntry& e) {
  c.exec("INSERT INTO blacklist (id, kind, value, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
         {e.id, e.kind, e.value, e.note, e.created_by, e.created_at.unix_ms});
}

Page<BlacklistEntry> list_blacklist(Connection& c, const PageRequest& page) {
  Result r = c.exec("SELECT id, kind, value, note, created_by, created_at FROM blacklist WHERE id < ? "
                    "ORDER BY id DESC LIMIT ?",
                    {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<BlacklistEntry> rows;
  for (const Row& row : r.rows) {
    rows.push_back(BlacklistEntry{row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4), Timestamp{row.i64(5)}});
  }
  return make_page(std::move(rows), page, [](const BlacklistEntry& e) { return e.id; });
}

bool delete_blacklist(Connection& c, Id id) {
  return c.exec("DELETE FROM blacklist WHERE id = ?", {id}).affected == 1;
}

}  // namespace daifa::store
