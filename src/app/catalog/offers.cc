#include "app/catalog/offers.h"

#include <algorithm>
#include <unordered_map>

#include "app/catalog/alerts.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::app {
namespace {

OfferState state_of(const Offer& o) { return OfferState{o.stock, o.cost, o.shipping_cost, o.active}; }

// The journal rows for one offer's change; ids are taken after `at`, as list_journal's time bound assumes.
void add_journal_rows(std::vector<JournalEntry>& out, App& app, const ChangeSource& source, Timestamp at, Id offer_id,
                      const std::string& sku, const std::optional<OfferState>& before, const OfferState& after) {
  for (const FieldChange& change : journal_changes(before, after)) {
    JournalEntry j;
    j.id = app.new_id();
    j.offer_id = offer_id;
    j.sku = sku;
    j.field = change.field;
    j.old_value = change.old_value;
    j.new_value = change.new_value;
    j.reason = source.reason;
    j.actor = source.actor;
    j.at = at;
    out.push_back(std::move(j));
  }
}

}  // namespace

Outcome<Offer> create_offer(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source, NewOffer in) {
  FieldErrors errors;
  auto supplier = store::find_supplier(tx.conn(), scope, in.supplier_id);
  if (!supplier) errors.push_back({"supplier_id", "unknown_supplier", "no supplier has this id"});
  auto variant = store::variant_for_offer_by_sku(tx.conn(), in.sku);
  if (!variant) errors.push_back({"sku", "unknown_sku", "no product variant has this SKU"});
  Offer o;
  o.supplier_id = in.supplier_id;
  o.variant_id = variant ? variant->id : 0;
  o.sku = in.sku;
  o.supplier_sku = std::move(in.supplier_sku);
  o.cost = in.cost;
  o.shipping_cost = in.shipping_cost.value_or(Money{0, in.cost.currency});
  o.stock = in.stock;
  o.lead_time_days = in.lead_time_days.value_or(supplier ? supplier->lead_time_days : 0);
  o.active = in.active;
  for (auto& e : validate_offer(o, variant ? variant->price.currency : o.cost.currency)) errors.push_back(std::move(e));
  if (!o.supplier_sku.empty() && store::supplier_sku_taken(tx.conn(), o.supplier_id, o.supplier_sku)) {
    errors.push_back({"supplier_sku", "taken", "this supplier already has an offer with this supplier SKU"});
  }
  if (!errors.empty()) return fail(Status::invalid_fields, "the offer has invalid fields", std::move(errors));

  o.created_at = o.updated_at = app.now();
  o.id = app.new_id();
  o.version = 1;
  const Id stock_row = app.new_id();
  const Id cost_row = app.new_id();
  store::insert_offer(tx.conn(), o, stock_row, cost_row, source.actor, source.reason);
  raise_due_alerts(tx, app, OfferChangeFacts{o.supplier_id, o.id, o.sku, std::nullopt, state_of(o), variant->price},
                   alert_policy(app));
  return o;
}

Outcome<Offer> update_offer(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source, Id id,
                            std::int64_t expected_version, const OfferPatch& patch) {
  auto current = store::find_offer(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such offer");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the offer was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  Offer next = *current;
  if (patch.supplier_sku) next.supplier_sku = *patch.supplier_sku;
  if (patch.cost) next.cost = *patch.cost;
  if (patch.shipping_cost) next.shipping_cost = *patch.shipping_cost;
  if (patch.stock) next.stock = *patch.stock;
  if (patch.lead_time_days) next.lead_time_days = *patch.lead_time_days;
  if (patch.active) next.active = *patch.active;
  auto variant = store::variant_for_offer(tx.conn(), current->variant_id);
  if (!variant) return fail(Status::internal, "the offer's variant is missing");
  FieldErrors errors = validate_offer(next, variant->price.currency);
  if (next.supplier_sku != current->supplier_sku && !next.supplier_sku.empty() &&
      store::supplier_sku_taken(tx.conn(), next.supplier_id, next.supplier_sku, next.id)) {
    errors.push_back({"supplier_sku", "taken", "this supplier already has an offer with this supplier SKU"});
  }
  if (!errors.empty()) return fail(Status::invalid_fields, "the offer has invalid fields", std::move(errors));

  const Timestamp now = app.now();
  next.updated_at = now;
  if (!store::update_offer(tx.conn(), scope, next, expected_version)) {
    return fail(Status::version_conflict, "the offer was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  std::vector<JournalEntry> journal;
  add_journal_rows(journal, app, source, now, next.id, next.sku, state_of(*current), state_of(next));
  store::insert_journal(tx.conn(), journal);
  raise_due_alerts(tx, app,
                   OfferChangeFacts{next.supplier_id, next.id, next.sku, state_of(*current), state_of(next),
                                    variant->price},
                   alert_policy(app));
  return next;
}

std::optional<Offer> get_offer(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_offer(c, scope, id); });
}

store::Page<Offer> list_offers(App& app, const Scope& scope, const store::OfferFilter& filter,
                               const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_offers(c, scope, filter, page); });
}

namespace {

// plan_sync's work on any connection: the read pool's (HTTP push) or the writer's (sync_offers).
Outcome<SyncPlan> plan_on(store::Connection& c, const Scope& scope, Id supplier_id, std::vector<SyncItem> items,
                          std::size_t first_index) {
  if (items.size() > kMaxSyncItems) {
    return fail(Status::payload_too_large, "at most " + std::to_string(kMaxSyncItems) + " items per call",
                {{"items", "too_many_items", "must have at most " + std::to_string(kMaxSyncItems) + " items"}});
  }
  if (!store::find_supplier(c, scope, supplier_id)) return fail(Status::not_found, "no such supplier");

  SyncPlan plan;
  plan.supplier_id = supplier_id;
  plan.items = std::move(items);
  SyncReport& report = plan.report;
  report.results.resize(plan.items.size());
  auto refuse = [&](std::size_t i, FieldError error) {
    report.results[i].status = SyncStatus::refused;
    report.results[i].error = std::move(error);
  };

  // Check every item on its own, then look all the valid ones up in one go.
  std::unordered_map<std::string_view, std::size_t> first_seen;
  first_seen.reserve(plan.items.size());
  std::vector<std::string_view> lookup;
  lookup.reserve(plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    SyncItem& item = plan.items[i];
    report.results[i].index = first_index + i;
    report.results[i].supplier_sku = item.supplier_sku;
    check_sync_item(item);
    if (!item.errors.empty()) {
      refuse(i, item.errors.front());
      continue;
    }
    auto [seen, fresh] = first_seen.emplace(item.supplier_sku, i);
    if (!fresh) {
      // Which of two values for one SKU should win is not ours to guess.
      refuse(i, {"supplier_sku", "duplicate_item",
                 "appears earlier in this batch (at " + std::to_string(first_index + seen->second) + ")"});
      continue;
    }
    lookup.push_back(item.supplier_sku);
  }
  std::vector<store::OfferForSync> offers = store::find_offers_for_sync(c, supplier_id, lookup);
  std::unordered_map<std::string_view, store::OfferForSync*> by_sku;
  by_sku.reserve(offers.size());
  for (auto& o : offers) by_sku.emplace(o.supplier_sku, &o);

  plan.pending.reserve(lookup.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    SyncResult& result = report.results[i];
    if (result.status == SyncStatus::refused) continue;
    auto found = by_sku.find(plan.items[i].supplier_sku);
    if (found == by_sku.end()) {
      refuse(i, {"supplier_sku", "unknown_supplier_sku", "this supplier has no offer with this supplier SKU"});
      continue;
    }
    SyncDecision decision = decide_sync(found->second->state, plan.items[i]);
    result.status = decision.status;
    if (decision.status == SyncStatus::refused) {
      result.error = decision.error;
      continue;
    }
    if (decision.status == SyncStatus::unchanged) continue;
    plan.pending.push_back({i, *found->second, decision.after});
  }
  return plan;
}

// Compare-and-set on what was read: on SQLite another command may have run between the read pool's
// snapshot and this one; on PostgreSQL with several nodes, another node. In id order, so that two nodes
// syncing overlapping batches lock rows in the same order and cannot deadlock. Returns the ids written,
// sorted.
std::vector<Id> write_changes(store::Tx& tx, const std::vector<const SyncPlan::Pending*>& pending, Timestamp now) {
  std::vector<store::StockCostChange> changes;
  changes.reserve(pending.size());
  for (const SyncPlan::Pending* p : pending) {
    changes.push_back({p->offer.id, p->offer.version, p->offer.state.stock, p->offer.state.cost.amount_minor,
                       p->after.stock, p->after.cost.amount_minor});
  }
  std::sort(changes.begin(), changes.end(),
            [](const store::StockCostChange& a, const store::StockCostChange& b) { return a.offer_id < b.offer_id; });
  std::vector<Id> updated = store::update_stock_cost(tx.conn(), changes, now);
  std::sort(updated.begin(), updated.end());
  return updated;
}

}  // namespace

Outcome<SyncPlan> plan_sync(App& app, const Scope& scope, Id supplier_id, std::vector<SyncItem> items,
                            std::size_t first_index) {
  return app.store().reads().read([&](store::Connection& c) {
    return plan_on(c, scope, supplier_id, std::move(items), first_index);
  });
}

Outcome<SyncReport> apply_sync(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                               const SyncPlan& plan) {
  // The scope again, in the writer: what was read outside it is only a proposal.
  if (!store::find_supplier(tx.conn(), scope, plan.supplier_id)) return fail(Status::not_found, "no such supplier");
  const Timestamp now = app.now();
  SyncReport report = plan.report;
  auto refuse = [&](std::size_t i, FieldError error) {
    report.results[i].status = SyncStatus::refused;
    report.results[i].error = std::move(error);
  };

  std::vector<const SyncPlan::Pending*> first_try;
  first_try.reserve(plan.pending.size());
  for (const SyncPlan::Pending& p : plan.pending) first_try.push_back(&p);
  const std::vector<Id> updated = write_changes(tx, first_try, now);

  // The few offers that changed since they were read: read again here, in the transaction, and decided again.
  std::vector<SyncPlan::Pending> again;
  std::vector<Id> updated_again;
  if (updated.size() < plan.pending.size()) {
    std::vector<std::size_t> missed;
    std::vector<std::string_view> lookup;
    for (const SyncPlan::Pending& p : plan.pending) {
      if (std::binary_search(updated.begin(), updated.end(), p.offer.id)) continue;
      missed.push_back(p.item);
      lookup.push_back(plan.items[p.item].supplier_sku);
    }
    std::vector<store::OfferForSync> fresh = store::find_offers_for_sync(tx.conn(), plan.supplier_id, lookup);
    std::unordered_map<std::string_view, store::OfferForSync*> by_sku;
    for (auto& o : fresh) by_sku.emplace(o.supplier_sku, &o);
    for (std::size_t i : missed) {
      auto found = by_sku.find(plan.items[i].supplier_sku);
      if (found == by_sku.end()) {
        refuse(i, {"supplier_sku", "unknown_supplier_sku", "this supplier has no offer with this supplier SKU"});
        continue;
      }
      SyncDecision decision = decide_sync(found->second->state, plan.items[i]);
      report.results[i].status = decision.status;
      report.results[i].error = decision.error;
      if (decision.status == SyncStatus::applied) again.push_back({i, *found->second, decision.after});
    }
    std::vector<const SyncPlan::Pending*> second_try;
    for (const SyncPlan::Pending& p : again) second_try.push_back(&p);
    updated_again = write_changes(tx, second_try, now);
  }

  const OfferAlertPolicy policy = alert_policy(app);
  std::vector<JournalEntry> journal;
  journal.reserve(plan.pending.size() * 2);
  auto record = [&](const SyncPlan::Pending& p, const std::vector<Id>& written) {
    if (!std::binary_search(written.begin(), written.end(), p.offer.id)) {
      // Only on PostgreSQL with several nodes: changed again between the re-read and the write.
      refuse(p.item, {"supplier_sku", "changed_concurrently", "the offer changed while this item was applied; send it again"});
      return;
    }
    add_journal_rows(journal, app, source, now, p.offer.id, p.offer.sku, p.offer.state, p.after);
    raise_due_alerts(tx, app, OfferChangeFacts{plan.supplier_id, p.offer.id, p.offer.sku, p.offer.state, p.after,
                                               p.offer.price},
                     policy);
  };
  for (const SyncPlan::Pending& p : plan.pending) {
    if (std::binary_search(updated.begin(), updated.end(), p.offer.id)) record(p, updated);
  }
  for (const SyncPlan::Pending& p : again) record(p, updated_again);
  store::insert_journal(tx.conn(), journal);
  for (const SyncResult& r : report.results) {
    if (r.status == SyncStatus::applied) ++report.applied;
    else if (r.status == SyncStatus::unchanged) ++report.unchanged;
    else ++report.refused;
  }
  return report;
}

Outcome<SyncReport> sync_offers(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                                Id supplier_id, std::vector<SyncItem> items, std::size_t first_index) {
  auto plan = plan_on(tx.conn(), scope, supplier_id, std::move(items), first_index);
  if (!plan) return plan.failure();
  return apply_sync(tx, app, scope, source, *plan);
}

Outcome<SyncReport> import_offers(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                                  Id supplier_id, std::vector<SyncItem> rows,
                                  const std::vector<std::size_t>& row_numbers) {
  if (rows.size() > kMaxImportRows) {
    return fail(Status::payload_too_large, "at most " + std::to_string(kMaxImportRows) + " rows per file",
                {{"file", "too_many_rows", "must have at most " + std::to_string(kMaxImportRows) + " rows"}});
  }
  auto row_of = [&](std::size_t i) { return i < row_numbers.size() ? row_numbers[i] : i; };
  // Duplicates across chunks: sync_offers sees one chunk at a time, so they are found here, over the file.
  std::unordered_map<std::string_view, std::size_t> first_seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].supplier_sku.empty() || !rows[i].errors.empty()) continue;
    auto [seen, fresh] = first_seen.emplace(rows[i].supplier_sku, i);
    if (!fresh) {
      rows[i].errors.push_back({"supplier_sku", "duplicate_item",
                                "appears earlier in this file (row " + std::to_string(row_of(seen->second)) + ")"});
    }
  }
  SyncReport report;
  report.results.reserve(rows.size());
  for (std::size_t start = 0; start < rows.size(); start += kMaxSyncItems) {
    const std::size_t end = std::min(rows.size(), start + kMaxSyncItems);
    std::vector<SyncItem> chunk(std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(start)),
                                std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(end)));
    auto part = sync_offers(tx, app, scope, source, supplier_id, std::move(chunk), start);
    if (!part) return part.failure();
    for (auto& r : part->results) {
      r.index = row_of(r.index);
      report.results.push_back(std::move(r));
    }
    report.applied += part->applied;
    report.unchanged += part->unchanged;
    report.refused += part->refused;
  }
  return report;
}

store::Page<JournalEntry> list_journal(App& app, const Scope& scope, const store::JournalFilter& filter,
                                       const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_journal(c, scope, filter, page); });
}

}  // namespace daifa::app
