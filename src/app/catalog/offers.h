#pragma once
// Use cases for supplier offers: create, edit, read, and the sync push that CSV imports share. Every
// change of stock or cost writes its journal rows, and raises the alerts it makes due, in the same
// transaction as the change.
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/catalog/offer_rules.h"
#include "domain/common/outcome.h"
#include "store/catalog/offer_repo.h"

namespace daifa::app {

// Who made a change and why, as the journal records it.
struct ChangeSource {
  std::string actor;   // the user's email, "supplier:<id>", "import:<file>", ...
  std::string reason;  // "sync", "edit", "created", ...
};

struct NewOffer {
  Id supplier_id = 0;
  std::string sku;  // the variant's SKU
  std::string supplier_sku;
  Money cost{0, *Currency::parse("CNY")};
  std::optional<Money> shipping_cost;         // default: 0 in the cost's currency
  std::int64_t stock = 0;
  std::optional<std::int64_t> lead_time_days;  // default: the supplier's
  bool active = true;
};
Outcome<Offer> create_offer(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source, NewOffer input);

// The fields an edit may set; unset ones stay. A supplier user may set only stock, cost, shipping_cost,
// lead_time_days and active (the HTTP layer refuses the others before this is called).
struct OfferPatch {
  std::optional<std::string> supplier_sku;
  std::optional<Money> cost;
  std::optional<Money> shipping_cost;
  std::optional<std::int64_t> stock;
  std::optional<std::int64_t> lead_time_days;
  std::optional<bool> active;
};
Outcome<Offer> update_offer(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source, Id id,
                            std::int64_t expected_version, const OfferPatch& patch);

std::optional<Offer> get_offer(App& app, const Scope& scope, Id id);
store::Page<Offer> list_offers(App& app, const Scope& scope, const store::OfferFilter& filter,
                               const store::PageRequest& page);

struct SyncResult {
  std::size_t index = 0;  // the item's position in the request (or the import's row number)
  std::string supplier_sku;
  SyncStatus status = SyncStatus::unchanged;
  std::optional<FieldError> error;  // for a refusal; the field is relative to the item ("stock", "cost")
};
struct SyncReport {
  std::vector<SyncResult> results;  // one per item, in order
  std::size_t applied = 0, unchanged = 0, refused = 0;
};

// Applies each item on its own: a refused item leaves the rest applied. An unchanged item writes nothing,
// so sending a batch twice changes nothing the second time. Fails (not_found) when the supplier is not
// visible to `scope`; at most kMaxSyncItems items. `first_index` numbers the results (0 for an API
// array, 2 for a CSV file whose row 1 is the header).
Outcome<SyncReport> sync_offers(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                                Id supplier_id, std::vector<SyncItem> items, std::size_t first_index = 0);

// The same push in two halves, so that the single writer does only the writing (what the HTTP push uses;
// bench/results/offer_sync.md has the numbers). plan_sync checks the items and reads the offers they name
// on a read connection, outside the writer, and decides each item. apply_sync, in the writer, checks the
// supplier's scope again, writes each change as a compare-and-set on the version, stock and cost it read,
// decides again — on offers re-read inside the transaction — the few items whose offer changed in between,
// and writes their journal rows and alerts. An item is decided on the offer as it is when its change is
// written (an item left unchanged or refused, as it was when read). Results as sync_offers would give.
struct SyncPlan {
  struct Pending {
    std::size_t item = 0;        // position in items
    store::OfferForSync offer;   // as read
    OfferState after;
  };
  Id supplier_id = 0;
  std::vector<SyncItem> items;
  SyncReport report;             // refusals and unchanged items found while planning
  std::vector<Pending> pending;  // the changes to write, in item order
};
Outcome<SyncPlan> plan_sync(App& app, const Scope& scope, Id supplier_id, std::vector<SyncItem> items,
                            std::size_t first_index = 0);
// `plan` is not changed: the writer may run a command again.
Outcome<SyncReport> apply_sync(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                               const SyncPlan& plan);

// An import file's rows through the same rules as sync_offers, in chunks of kMaxSyncItems inside the
// caller's transaction. A supplier SKU that appears on an earlier row is refused (which value was meant
// is not ours to guess). `row_numbers[i]` is the file's row number of rows[i]; results carry it as index.
constexpr std::size_t kMaxImportRows = 20'000;
Outcome<SyncReport> import_offers(store::Tx& tx, App& app, const Scope& scope, const ChangeSource& source,
                                  Id supplier_id, std::vector<SyncItem> rows,
                                  const std::vector<std::size_t>& row_numbers);

store::Page<JournalEntry> list_journal(App& app, const Scope& scope, const store::JournalFilter& filter,
                                       const store::PageRequest& page);

}  // namespace daifa::app
