#include "store/catalog/channel_repo.h"

#include <map>

#include "store/catalog/money_column.h"

namespace daifa::store {
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
