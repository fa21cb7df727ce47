#include "store/catalog/offer_repo.h"

#include <array>

#include "store/catalog/money_column.h"

namespace daifa::store {
namespace {

constexpr std::string_view kOfferSelect =
    "SELECT o.id, o.supplier_id, o.variant_id, v.sku, o.supplier_sku, o.cost_minor, o.shipping_cost_minor, "
    "o.currency, o.stock, o.lead_time_days, o.active, o.version, o.created_at, o.updated_at "
    "FROM offers o JOIN variants v ON v.id = o.variant_id";

Offer offer_from(const Row& r) {
  Currency cur = currency_of(r.text(7));
  return Offer{r.i64(0),          r.i64(1),  r.i64(2),  r.text(3), r.text(4),           Money{r.i64(5), cur},
               Money{r.i64(6), cur}, r.i64(8), r.i64(9), r.flag(10), r.i64(11), Timestamp{r.i64(12)},
               Timestamp{r.i64(13)}};
}

// Appends the scope's restriction on offers (alias o). False when the scope may see no offer at all.
bool restrict_offers(const Scope& scope, std::string& sql, std::vector<Value>& params,
                     std::string_view supplier_column = "o.supplier_id") {
  if (scope.role == Role::distributor) return false;
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return false;
    sql += " AND " + std::string(supplier_column) + " = ?";
    params.emplace_back(*scope.supplier_id);
  }
  return true;
}

// Batched statements take their rows in chunks of these sizes only (greedy, largest first), so that a
// connection prepares at most one statement per size instead of one per batch length.
constexpr std::array<std::size_t, 9> kChunkSizes{256, 128, 64, 32, 16, 8, 4, 2, 1};

template <class F>
void for_each_chunk(std::size_t count, F&& f) {
  std::size_t start = 0;
  for (std::size_t size : kChunkSizes) {
    while (count - start >= size) {
      f(start, size);
      start += size;
    }
  }
}

// "(?, ?, ?)" repeated `rows` times, separated by commas; built once per size.
std::string placeholders(std::size_t columns, std::size_t rows) {
  std::string one = "(";
  for (std::size_t i = 0; i < columns; ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string all;
  all.reserve(rows * (one.size() + 2));
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) all += ", ";
    all += one;
  }
  return all;
}

std::size_t chunk_index(std::size_t size) {
  for (std::size_t i = 0; i < kChunkSizes.size(); ++i) if (kChunkSizes[i] == size) return i;
  return kChunkSizes.size() - 1;
}

const std::string& sync_select_sql(std::size_t size) {
  static const std::array<std::string, kChunkSizes.size()> statements = [] {
    std::array<std::string, kChunkSizes.size()> out;
    for (std::size_t i = 0; i < kChunkSizes.size(); ++i) {
      std::string in = placeholders(1, kChunkSizes[i]);
      std::string list;  // "(?), (?)" → "?, ?"
      for (char ch : in) if (ch != '(' && ch != ')') list.push_back(ch);
      out[i] =
          "SELECT o.id, o.supplier_sku, v.sku, o.stock, o.cost_minor, o.shipping_cost_minor, o.currency, o.active, "
          "o.version, v.price_minor, v.currency FROM offers o JOIN variants v ON v.id = o.variant_id "
          "WHERE o.supplier_id = ? AND o.supplier_sku IN (" + list + ")";
    }
    return out;
  }();
  return statements[chunk_index(size)];
}

constexpr std::size_t kJournalColumns = 11;

const std::string& journal_insert_sql(std::size_t size) {
  static const std::array<std::string, kChunkSizes.size()> statements = [] {
    std::array<std::string, kChunkSizes.size()> out;
    for (std::size_t i = 0; i < kChunkSizes.size(); ++i) {
      out[i] = "INSERT INTO offer_journal (id, offer_id, sku, old_stock, new_stock, cost_id, old_cost, new_cost, reason, "
               "actor, at) VALUES " +
               placeholders(kJournalColumns, kChunkSizes[i]);
    }
    return out;
  }();
  return statements[chunk_index(size)];
}

std::optional<VariantRef> variant_from(const Result& r) {
  if (r.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  return VariantRef{row.i64(0), row.text(1), Money{row.i64(2), currency_of(row.text(3))}};
}

}  // namespace

void insert_offer(Connection& c, const Offer& o, Id stock_journal_id, Id cost_journal_id, std::string_view actor,
                  std::string_view reason) {
  c.exec("INSERT INTO offers (id, supplier_id, variant_id, supplier_sku, cost_minor, shipping_cost_minor, currency, "
         "stock, lead_time_days, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {o.id, o.supplier_id, o.variant_id, o.supplier_sku, o.cost.amount_minor, o.shipping_cost.amount_minor,
          std::string(o.cost.currency.code()), o.stock, o.lead_time_days, std::int64_t{o.active}, o.version,
          o.created_at.unix_ms, o.updated_at.unix_ms});
  // The opening row: both fields, from nothing.
  c.exec("INSERT INTO offer_journal (id, offer_id, sku, old_stock, new_stock, cost_id, old_cost, new_cost, reason, actor, "
         "at) VALUES (?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?)",
         {stock_journal_id, o.id, o.sku, o.stock, cost_journal_id, o.cost.amount_minor, std::string(reason),
          std::string(actor), o.created_at.unix_ms});
}

Page<Offer> list_offers(Connection& c, const Scope& scope, const OfferFilter& filter, const PageRequest& page) {
  // With a SKU, the variant finds a handful of offers through variants.sku and offers_variant. Without
  // statistics SQLite would rather walk offers_supplier (supplier_id, id) to skip the sort: every offer of a
  // big supplier (measured: 6 ms at 20,000 offers, growing with the catalog). A unary + on the column keeps
  // that index out of the plan; it means the same on PostgreSQL.
  const std::string_view supplier_column = filter.sku.empty() ? "o.supplier_id" : "+o.supplier_id";
  std::string sql = std::string(kOfferSelect) + " WHERE o.id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict_offers(scope, sql, params, supplier_column)) return {};
  if (filter.supplier_id) {
    sql += " AND " + std::string(supplier_column) + " = ?";
    params.emplace_back(*filter.supplier_id);
  }
  if (!filter.sku.empty()) {
    sql += " AND v.sku = ?";
    params.emplace_back(filter.sku);
  }
  if (filter.active) {
    sql += " AND o.active = ?";
    params.emplace_back(std::int64_t{*filter.active});
  }
  sql += " ORDER BY o.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Offer> offers;
  for (const Row& r : c.exec(sql, params).rows) offers.push_back(offer_from(r));
  return make_page(std::move(offers), page, [](const Offer& o) { return o.id; });
}

std::optional<Offer> find_offer(Connection& c, const Scope& scope, Id id) {
  std::string sql = std::string(kOfferSelect) + " WHERE o.id = ?";
  std::vector<Value> params{id};
  if (!restrict_offers(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return offer_from(r.rows[0]);
}

bool update_offer(Connection& c, const Scope& scope, const Offer& o, std::int64_t expected_version) {
  std::string sql =
      "UPDATE offers SET supplier_sku = ?, cost_minor = ?, shipping_cost_minor = ?, currency = ?, stock = ?, "
      "lead_time_days = ?, active = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?";
  std::vector<Value> params{o.supplier_sku,        o.cost.amount_minor, o.shipping_cost.amount_minor,
                            std::string(o.cost.currency.code()), o.stock, o.lead_time_days,
                            std::int64_t{o.active}, expected_version + 1, o.updated_at.unix_ms,
                            o.id,                  expected_version};
  if (scope.role == Role::distributor) return false;
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return false;
    sql += " AND supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
  }
  return c.exec(sql, params).affected == 1;
}

std::optional<VariantRef> variant_for_offer_by_sku(Connection& c, std::string_view sku) {
  return variant_from(c.exec("SELECT id, sku, price_minor, currency FROM variants WHERE sku = ?", {std::string(sku)}));
}

std::optional<VariantRef> variant_for_offer(Connection& c, Id variant_id) {
  return variant_from(c.exec("SELECT id, sku, price_minor, currency FROM variants WHERE id = ?", {variant_id}));
}

bool supplier_sku_taken(Connection& c, Id supplier_id, std::string_view supplier_sku, Id except_offer) {
  return !c.exec("SELECT 1 FROM offers WHERE supplier_id = ? AND supplier_sku = ? AND id <> ?",
                 {supplier_id, std::string(supplier_sku), except_offer})
              .empty();
}

std::vector<OfferForSync> find_offers_for_sync(Connection& c, Id supplier_id,
                                               const std::vector<std::string_view>& supplier_skus) {
  std::vector<OfferForSync> out;
  out.reserve(supplier_skus.size());
  std::vector<Value> params;
  for_each_chunk(supplier_skus.size(), [&](std::size_t start, std::size_t size) {
    params.clear();
    params.reserve(size + 1);
    params.emplace_back(supplier_id);
    for (std::size_t i = start; i < start + size; ++i) params.emplace_back(std::string(supplier_skus[i]));
    Result r = c.exec(sync_select_sql(size), params);
    for (Row& row : r.rows) {
      Currency cur = currency_of(row.text(6));
      OfferForSync o;
      o.id = row.i64(0);
      o.supplier_sku = std::move(std::get<std::string>(row.values[1]));
      o.sku = std::move(std::get<std::string>(row.values[2]));
      o.state = OfferState{row.i64(3), Money{row.i64(4), cur}, Money{row.i64(5), cur}, row.flag(7)};
      o.version = row.i64(8);
      o.price = Money{row.i64(9), currency_of(row.text(10))};
      out.push_back(std::move(o));
    }
  });
  return out;
}

std::vector<Id> update_stock_cost(Connection& c, const std::vector<StockCostChange>& changes, Timestamp at) {
  // One prepared UPDATE per offer. Measured against one UPDATE … FROM (VALUES …) per 256 offers on SQLite:
  // 13.9 vs 15.6 µs of writer CPU per offer update (materialising the VALUES costs more than the statements).
  std::vector<Id> updated;
  updated.reserve(changes.size());
  for (const StockCostChange& ch : changes) {
    Result r = c.exec("UPDATE offers SET stock = ?, cost_minor = ?, version = version + 1, updated_at = ? "
                      "WHERE id = ? AND version = ? AND stock = ? AND cost_minor = ?",
                      {ch.stock, ch.cost_minor, at.unix_ms, ch.offer_id, ch.expected_version, ch.expected_stock,
                       ch.expected_cost_minor});
    if (r.affected == 1) updated.push_back(ch.offer_id);
  }
  return updated;
}

namespace {

// One stored row: a change of one offer's stock, cost or both (see migration 0014).
struct JournalRow {
  const JournalEntry* stock = nullptr;
  const JournalEntry* cost = nullptr;
  const JournalEntry& any() const { return stock ? *stock : *cost; }
};

// The entries of one change come in a row — the stock entry, then the cost entry of the same offer, time,
// reason and actor (journal_changes' order) — and share a stored row.
std::vector<JournalRow> rows_of(const std::vector<JournalEntry>& entries) {
  std::vector<JournalRow> rows;
  rows.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const JournalEntry& e = entries[i];
    if (e.field == JournalField::cost) {
      rows.push_back({nullptr, &e});
      continue;
    }
    JournalRow row{&e, nullptr};
    if (i + 1 < entries.size()) {
      const JournalEntry& next = entries[i + 1];
      if (next.field == JournalField::cost && next.offer_id == e.offer_id && next.at == e.at &&
          next.reason == e.reason && next.actor == e.actor && next.sku == e.sku) {
        row.cost = &next;
        ++i;
      }
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void insert_journal(Connection& c, const std::vector<JournalEntry>& entries) {
  const std::vector<JournalRow> rows = rows_of(entries);
  std::vector<Value> params;
  for_each_chunk(rows.size(), [&](std::size_t start, std::size_t size) {
    params.clear();
    params.reserve(size * kJournalColumns);
    for (std::size_t i = start; i < start + size; ++i) {
      const JournalRow& r = rows[i];
      const JournalEntry& e = r.any();
      params.emplace_back(e.id);
      params.emplace_back(e.offer_id);
      params.emplace_back(e.sku);
      params.emplace_back(r.stock ? opt(r.stock->old_value) : Value(nullptr));
      params.emplace_back(r.stock ? Value(r.stock->new_value) : Value(nullptr));
      params.emplace_back(r.stock && r.cost ? Value(r.cost->id) : Value(nullptr));
      params.emplace_back(r.cost ? opt(r.cost->old_value) : Value(nullptr));
      params.emplace_back(r.cost ? Value(r.cost->new_value) : Value(nullptr));
      params.emplace_back(e.reason);
      params.emplace_back(e.actor);
      params.emplace_back(e.at.unix_ms);
    }
    c.exec(journal_insert_sql(size), params);
  });
}

Page<JournalEntry> list_journal(Connection& c, const Scope& scope, const JournalFilter& filter,
                                const PageRequest& page) {
  std::string sql =
      "SELECT j.id, j.offer_id, j.sku, j.old_stock, j.new_stock, j.cost_id, j.old_cost, j.new_cost, j.reason, j.actor, "
      "j.at, o.currency FROM offer_journal j JOIN offers o ON o.id = j.offer_id WHERE j.id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  // Which fields' entries this reader gets: a distributor never sees costs.
  bool want_stock = true, want_cost = true;
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return {};
    sql += " AND o.supplier_id = ?";
    params.emplace_back(*scope.supplier_id);
  } else if (scope.role == Role::distributor) {
    sql += " AND o.active = 1";
    want_cost = false;
  }
  if (filter.field) {
    want_stock = want_stock && *filter.field == JournalField::stock;
    want_cost = want_cost && *filter.field == JournalField::cost;
  }
  if (!want_stock && !want_cost) return {};
  if (!want_cost) sql += " AND j.new_stock IS NOT NULL";
  if (!want_stock) sql += " AND j.new_cost IS NOT NULL";
  if (filter.offer_id) {
    // The journal is indexed by (sku, id) only: an offer's rows are found among its SKU's (a variant has a
    // few offers), which spares every journal row a second index entry on the write path.
    sql += " AND j.offer_id = ? AND j.sku = (SELECT v2.sku FROM offers o2 JOIN variants v2 ON v2.id = o2.variant_id "
           "WHERE o2.id = ?)";
    params.emplace_back(*filter.offer_id);
    params.emplace_back(*filter.offer_id);
  }
  if (!filter.sku.empty()) {
    sql += " AND j.sku = ?";
    params.emplace_back(filter.sku);
  }
  if (filter.since) {
    // Ids are time-ordered and a row's id is taken after its time: every row at or after `since` has an
    // id at or above the smallest id of that millisecond. The bound lets the newest-first scan stop there.
    std::int64_t ms = std::max<std::int64_t>(0, filter.since->unix_ms - kIdEpochMs);
    sql += " AND j.at >= ? AND j.id >= ?";
    params.emplace_back(filter.since->unix_ms);
    params.emplace_back(ms << (kIdNodeBits + kIdSequenceBits));
  }
  sql += " ORDER BY j.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);

  // A page holds whole changes: the cursor is a row's id, so a change's two entries never straddle pages. A
  // page of `limit` rows may then hold more than `limit` entries; it stops before the row that would pass
  // the limit unless that row is its first.
  Page<JournalEntry> out;
  const Result result = c.exec(sql, params);
  for (std::size_t n = 0; n < result.rows.size(); ++n) {
    const Row& r = result.rows[n];
    std::vector<JournalEntry> entries;
    auto entry = [&](Id id, JournalField field, std::optional<std::int64_t> old_value, std::int64_t new_value) {
      JournalEntry j;
      j.id = id;
      j.offer_id = r.i64(1);
      j.sku = r.text(2);
      j.field = field;
      j.old_value = old_value;
      j.new_value = new_value;
      j.reason = r.text(8);
      j.actor = r.text(9);
      j.at = Timestamp{r.i64(10)};
      if (field == JournalField::cost) j.currency = currency_of(r.text(11));
      entries.push_back(std::move(j));
    };
    if (want_stock && !r.is_null(4)) entry(r.i64(0), JournalField::stock, r.opt_i64(3), r.i64(4));
    if (want_cost && !r.is_null(7)) entry(r.opt_i64(5).value_or(r.i64(0)), JournalField::cost, r.opt_i64(6), r.i64(7));
    // Newest first within the change too (the sync takes the cost entry's id after the stock entry's).
    if (entries.size() == 2 && entries[0].id < entries[1].id) std::swap(entries[0], entries[1]);
    const auto limit = static_cast<std::size_t>(page.limit);
    if (n == limit || (!out.items.empty() && out.items.size() + entries.size() > limit)) {
      out.next_before_id = result.rows[n - 1].i64(0);
      break;
    }
    for (auto& e : entries) out.items.push_back(std::move(e));
  }
  return out;
}

}  // namespace daifa::store
