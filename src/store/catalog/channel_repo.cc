#include "store/catalog/channel_repo.h"

#include <map>

#include "store/catalog/money_column.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, name, kind, secret, stock_buffer, pricing_rule, version, created_at, updated_at, distributor_id";

Channel channel_from(const Row& row) {
  Channel ch{row.i64(0),  row.text(1), parse_channel_kind(row.text(2)).value_or(ChannelKind::api),
             row.text(3), row.i64(4),  row.text(5),
             row.opt_i64(9), row.i64(6),  Timestamp{row.i64(7)}, Timestamp{row.i64(8)}};
  return ch;
}

}  // namespace

void insert_channel(Connection& c, const Channel& ch) {
  c.exec("INSERT INTO channels (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {ch.id, ch.name, std::string(to_string(ch.kind)), ch.secret, ch.stock_buffer, ch.pricing_rule_json,
          ch.version, ch.created_at.unix_ms, ch.updated_at.unix_ms,
          opt(ch.distributor_id)});
}

std::optional<Channel> find_channel(Connection& c, Id id) {
  Result r = c.exec("SELECT " + std::string(kColumns) + " FROM channels WHERE id = ?", {id});
  if (r.empty()) return std::nullopt;
  return channel_from(r.rows[0]);
}

Page<Channel> list_channels(Connection& c, const PageRequest& page, std::optional<Id> distributor) {
  Result r = distributor
                 ? c.exec("SELECT " + std::string(kColumns) +
                              " FROM channels WHERE id < ? AND distributor_id = ? ORDER BY id DESC LIMIT ?",
                          {page.before_id.value_or(INT64_MAX), *distributor, page.limit + 1})
                 : c.exec("SELECT " + std::string(kColumns) + " FROM channels WHERE id < ? ORDER BY id DESC LIMIT ?",
                          {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<Channel> channels;
  for (const Row& row : r.rows) channels.push_back(channel_from(row));
  return make_page(std::move(channels), page, [](const Channel& ch) { return ch.id; });
}

bool update_channel(Connection& c, const Channel& ch, std::int64_t expected_version) {
  return c.exec("UPDATE channels SET name = ?, kind = ?, secret = ?, stock_buffer = ?, pricing_rule = ?, distributor_id = ?, "
                "version = ?, updated_at = ? WHERE id = ? AND version = ?",
                {ch.name, std::string(to_string(ch.kind)), ch.secret, ch.stock_buffer, ch.pricing_rule_json,
                 opt(ch.distributor_id),
                 expected_version + 1, ch.updated_at.unix_ms, ch.id, expected_version})
             .affected == 1;
}

Page<ListingSource> list_listing_sources(Connection& c, const PageRequest& page) {
  Result variants = c.exec(
      "SELECT v.id, v.product_id, v.sku, p.title, v.price_minor, v.currency FROM variants v "
      "JOIN products p ON p.id = v.product_id WHERE v.id < ? ORDER BY v.id DESC LIMIT ?",
      {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<ListingSource> rows;
  for (const Row& r : variants.rows) {
    rows.push_back(ListingSource{r.i64(0), r.i64(1), r.text(2), r.text(3), Money{r.i64(4), currency_of(r.text(5))}, {}});
  }
  auto result = make_page(std::move(rows), page, [](const ListingSource& s) { return s.variant_id; });
  if (result.items.empty()) return result;
  // The page's variant ids are a contiguous range in id order, so one range query fetches their offers.
  std::map<Id, ListingSource*> by_variant;
  for (auto& s : result.items) by_variant[s.variant_id] = &s;
  Result offers = c.exec(
      "SELECT variant_id, id, supplier_id, cost_minor + shipping_cost_minor, currency, stock - reserved FROM offers "
      "WHERE variant_id BETWEEN ? AND ? AND active = 1 ORDER BY id",
      {by_variant.begin()->first, by_variant.rbegin()->first});
  for (const Row& r : offers.rows) {
    auto it = by_variant.find(r.i64(0));
    if (it == by_variant.end()) continue;
    it->second->offers.push_back({r.i64(1), r.i64(2), r.i64(3), r.text(4), r.i64(5)});
  }
  return result;
}

}  // namespace daifa::store
