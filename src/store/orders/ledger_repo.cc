#include "store/orders/ledger_repo.h"

#include "store/common/sql_text.h"

namespace daifa::store {
namespace {

constexpr std::string_view kPostingColumns =
    "id, entry_id, account, amount_minor, currency, order_id, purchase_order_id, memo, reverses_entry_id, at";

Posting posting_from(const Row& r) {
  return Posting{r.i64(0), r.i64(1), r.text(2), r.i64(3), r.text(4), r.opt_i64(5), r.opt_i64(6), r.text(7),
                 r.opt_i64(8), Timestamp{r.i64(9)}};
}

}  // namespace

void insert_postings(Connection& c, const std::vector<Posting>& rows) {
  if (rows.empty()) return;
  std::vector<Value> params;
  params.reserve(rows.size() * 10);
  for (const Posting& p : rows) {
    params.emplace_back(p.id);
    params.emplace_back(p.entry_id);
    params.emplace_back(p.account);
    params.emplace_back(p.amount_minor);
    params.emplace_back(p.currency);
    params.emplace_back(opt(p.order_id));
    params.emplace_back(opt(p.purchase_order_id));
    params.emplace_back(p.memo);
    params.emplace_back(opt(p.reverses_entry_id));
    params.emplace_back(p.at.unix_ms);
  }
  c.exec("INSERT INTO ledger_postings (" + std::string(kPostingColumns) + ") VALUES " +
             values_placeholders(10, rows.size()),
         params);
}

std::vector<Posting> postings_of_order(Connection& c, Id order_id) {
  std::vector<Posting> out;
  for (const Row& r : c.exec("SELECT " + std::string(kPostingColumns) +
                                 " FROM ledger_postings WHERE order_id = ? ORDER BY id",
                             {order_id})
                          .rows) {
    out.push_back(posting_from(r));
  }
  return out;
}

Page<Posting> list_postings(Connection& c, const PostingFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kPostingColumns) + " FROM ledger_postings WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (filter.order_id) {
    sql += " AND order_id = ?";
    params.emplace_back(*filter.order_id);
  }
  if (!filter.account.empty()) {
    sql += " AND account = ?";
    params.emplace_back(filter.account);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Posting> rows;
  for (const Row& r : c.exec(sql, params).rows) rows.push_back(posting_from(r));
  return make_page(std::move(rows), page, [](const Posting& p) { return p.id; });
}

std::vector<AccountBalance> trial_balance(Connection& c) {
  std::vector<AccountBalance> out;
  for (const Row& r : c.exec("SELECT account, currency, SUM(amount_minor) FROM ledger_postings "
                             "GROUP BY account, currency ORDER BY account, currency")
                          .rows) {
    out.push_back(AccountBalance{r.text(0), r.text(1), r.i64(2)});
  }
  return out;
}

std::vector<Id> unbalanced_entries(Connection& c) {
  std::vector<Id> out;
  for (const Row& r : c.exec("SELECT entry_id FROM ledger_postings GROUP BY entry_id, currency "
                             "HAVING SUM(amount_minor) <> 0 ORDER BY entry_id")
                          .rows) {
    out.push_back(r.i64(0));
  }
  return out;
}

void insert_outbox(Connection& c, const std::vector<OutboxEvent>& events) {
  if (events.empty()) return;
  std::vector<Value> params;
  params.reserve(events.size() * 5);
  for (const OutboxEvent& e : events) {
    params.emplace_back(e.id);
    params.emplace_back(e.topic);
    params.emplace_back(e.payload);
    params.emplace_back(e.created_at.unix_ms);
    params.push_back(e.order_id ? Value(*e.order_id) : Value(nullptr));
  }
  c.exec("INSERT INTO outbox (id, topic, payload, created_at, order_id) VALUES " +
             values_placeholders(5, events.size()),
         params);
}

}  // namespace daifa::store
