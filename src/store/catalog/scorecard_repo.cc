#include "store/catalog/scorecard_repo.h"

#include <algorithm>

#include "store/common/sql_text.h"

namespace daifa::store {
namespace {

// The smallest id a row created at `t` or later can have: ids are time-ordered (domain/common/id.h) and
// never go back, so `id >= id_floor(since)` lets the (supplier_id, id) indexes bound the window.
Id id_floor(Timestamp t) {
  const std::int64_t ms = std::max<std::int64_t>(0, t.unix_ms - kIdEpochMs);
  return ms << (kIdNodeBits + kIdSequenceBits);
}

// Suppliers per query: bounds the IN list (and so the number of statement texts cached).
constexpr std::size_t kSuppliersPerQuery = 100;

void read_purchase_orders(Connection& c, const std::vector<Id>& ids, Timestamp since, Timestamp until,
                          std::map<Id, ScorecardFacts>& out) {
  // One row per answer of each PO (none: one row with NULLs). Lead time and units come from the PO's lines.
  std::string sql =
      "SELECT p.supplier_id, p.id, p.created_at, p.status, h.to_status, h.at, "
      "(SELECT MAX(f.lead_time_days) FROM purchase_order_lines l JOIN offers f ON f.id = l.offer_id "
      "WHERE l.purchase_order_id = p.id), "
      "(SELECT SUM(l.quantity) FROM purchase_order_lines l WHERE l.purchase_order_id = p.id) "
      "FROM purchase_orders p LEFT JOIN order_history h ON h.order_id = p.order_id AND h.purchase_order_id = p.id "
      "AND h.to_status IN ('accepted', 'rejected', 'shipped') "
      "WHERE p.supplier_id IN (" + in_placeholders(ids.size()) + ") AND p.id >= ? AND p.created_at >= ? "
      "AND p.created_at <= ? ORDER BY p.supplier_id, p.id";
  std::vector<Value> params(ids.begin(), ids.end());
  params.emplace_back(id_floor(since));
  params.emplace_back(since.unix_ms);
  params.emplace_back(until.unix_ms);
  Id last_po = 0;
  for (const Row& r : c.exec(sql, params).rows) {
    auto& pos = out[r.i64(0)].purchase_orders;
    if (r.i64(1) != last_po) {
      last_po = r.i64(1);
      PoFacts po;
      po.po_id = last_po;
      po.placed_at = Timestamp{r.i64(2)};
      po.cancelled = r.text(3) == "cancelled";
      po.lead_time_days = r.opt_i64(6).value_or(0);
      po.units = r.opt_i64(7).value_or(0);
      pos.push_back(po);
    }
    if (r.is_null(4)) continue;
    PoFacts& po = pos.back();
    const Timestamp at{r.i64(5)};
    const std::string& to = r.text(4);
    // The first answer of each kind counts (a PO moves through each state once).
    auto first = [&](std::optional<Timestamp>& slot) { if (!slot || at < *slot) slot = at; };
    if (to == "accepted") first(po.accepted_at);
    if (to == "rejected") first(po.rejected_at);
    if (to == "shipped") first(po.shipped_at);
  }
}

void read_cost_changes(Connection& c, const std::vector<Id>& ids, Timestamp since, Timestamp until,
                       std::map<Id, ScorecardFacts>& out) {
  // Through the variant's SKU: the journal is indexed by (sku, id), not by offer (see 0003).
  std::string sql =
      "SELECT o.supplier_id, j.offer_id, j.old_cost, j.new_cost, j.at FROM offers o "
      "JOIN variants v ON v.id = o.variant_id JOIN offer_journal j ON j.sku = v.sku AND j.offer_id = o.id "
      "WHERE o.supplier_id IN (" + in_placeholders(ids.size()) + ") AND j.new_cost IS NOT NULL "
      "AND j.old_cost IS NOT NULL AND j.id >= ? AND j.at >= ? AND j.at <= ? ORDER BY j.id";
  std::vector<Value> params(ids.begin(), ids.end());
  params.emplace_back(id_floor(since));
  params.emplace_back(since.unix_ms);
  params.emplace_back(until.unix_ms);
  for (const Row& r : c.exec(sql, params).rows) {
    out[r.i64(0)].cost_changes.push_back(CostChange{r.i64(1), r.i64(2), r.i64(3), Timestamp{r.i64(4)}});
  }
}

void read_shipments(Connection& c, const std::vector<Id>& ids, Timestamp since, Timestamp until,
                    std::map<Id, ScorecardFacts>& out) {
  std::string sql = "SELECT supplier_id, status, COUNT(*) FROM shipments WHERE supplier_id IN (" +
                    in_placeholders(ids.size()) +
                    ") AND id >= ? AND created_at >= ? AND created_at <= ? GROUP BY supplier_id, status";
  std::vector<Value> params(ids.begin(), ids.end());
  params.emplace_back(id_floor(since));
  params.emplace_back(since.unix_ms);
  params.emplace_back(until.unix_ms);
  for (const Row& r : c.exec(sql, params).rows) {
    ScorecardFacts& f = out[r.i64(0)];
    f.shipments += r.i64(2);
    if (r.text(1) == "exception" || r.text(1) == "returned") f.shipment_exceptions += r.i64(2);
  }
}

}  // namespace

std::map<Id, ScorecardFacts> scorecard_facts(Connection& c, const std::vector<Id>& supplier_ids, Timestamp since,
                                             Timestamp until) {
  std::vector<Id> ids = supplier_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<Id, ScorecardFacts> out;
  for (Id id : ids) out[id];
  for (std::size_t at = 0; at < ids.size(); at += kSuppliersPerQuery) {
    const std::vector<Id> chunk(ids.begin() + at, ids.begin() + std::min(ids.size(), at + kSuppliersPerQuery));
    read_purchase_orders(c, chunk, since, until, out);
    read_cost_changes(c, chunk, since, until, out);
    read_shipments(c, chunk, since, until, out);
  }
  return out;
}

std::map<Id, std::int64_t> supplier_scores(Connection& c, const std::vector<Id>& supplier_ids, Timestamp now) {
  std::map<Id, std::int64_t> scores;
  const Timestamp since{now.unix_ms - kDefaultScorecardDays * kDayMs};
  for (const auto& [id, facts] : scorecard_facts(c, supplier_ids, since, now)) {
    scores[id] = compute_scorecard(facts, now).score_bp;
  }
  return scores;
}

}  // namespace daifa::store
