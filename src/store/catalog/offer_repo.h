#pragma once
// Supplier offers and their change journal (stock_journal). Scoped: a supplier sees only its own offers;
// a distributor sees no offer (supplier costs are not theirs) and only the stock rows of the journal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/catalog/offer_rules.h"
#include "domain/catalog/product.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

// Inserts the offer and its opening stock and cost as journal rows (old value NULL).
void insert_offer(Connection& c, const Offer& o, Id stock_journal_id, Id cost_journal_id, std::string_view actor,
                  std::string_view reason);

struct OfferFilter {
  std::string sku;                  // exact variant SKU; empty = any
  std::optional<Id> supplier_id;
  std::optional<bool> active;
};
// Staff see every offer; a supplier only its own; a distributor none (supplier costs are not theirs).
Page<Offer> list_offers(Connection& c, const Scope& scope, const OfferFilter& filter, const PageRequest& page);
std::optional<Offer> find_offer(Connection& c, const Scope& scope, Id id);

// Stores every editable field of `o` with version expected_version + 1, if the stored version is still
// expected_version and the offer is in scope. False when it is not (another change came first).
bool update_offer(Connection& c, const Scope& scope, const Offer& o, std::int64_t expected_version);

// The variant an offer is for, looked up by its SKU (variants.sku is unique).
struct VariantRef {
  Id id = 0;
  std::string sku;
  Money price{0, *Currency::parse("CNY")};
};
std::optional<VariantRef> variant_for_offer_by_sku(Connection& c, std::string_view sku);
std::optional<VariantRef> variant_for_offer(Connection& c, Id variant_id);
// True when the supplier already has an offer with this supplier SKU (other than `except_offer`).
bool supplier_sku_taken(Connection& c, Id supplier_id, std::string_view supplier_sku, Id except_offer = 0);

// What a sync needs of one offer: its current state, version and the price of its variant.
struct OfferForSync {
  Id id = 0;
  std::string supplier_sku;
  std::string sku;
  OfferState state;
  std::int64_t version = 0;
  Money price{0, *Currency::parse("CNY")};
};
// The supplier's offers among `supplier_skus` (unknown ones are absent), in a few statements whatever
// the count: the SKUs go in IN lists of fixed sizes, so few distinct statements are ever prepared.
std::vector<OfferForSync> find_offers_for_sync(Connection& c, Id supplier_id,
                                               const std::vector<std::string_view>& supplier_skus);
// New stock and cost for one offer, if it is still at expected_version with the stock and cost that were
// read. The values are compared as well as the version because not every writer of `stock` bumps the
// version (shipping a purchase order moves units out of stock and reserved without it).
struct StockCostChange {
  Id offer_id = 0;
  std::int64_t expected_version = 0;
  std::int64_t expected_stock = 0;
  std::int64_t expected_cost_minor = 0;
  std::int64_t stock = 0;
  std::int64_t cost_minor = 0;
};
// Compare-and-set of stock and cost for many offers, one prepared statement per offer. Returns the ids of
// the offers changed; an offer left out changed since it was read (another command, or another node,
// came first, and nothing of it is overwritten).
std::vector<Id> update_stock_cost(Connection& c, const std::vector<StockCostChange>& changes, Timestamp at);

// Appends journal rows, many per statement.
void insert_journal(Connection& c, const std::vector<JournalEntry>& rows);

struct JournalFilter {
  std::string sku;                     // exact variant SKU; empty = any
  std::optional<Id> offer_id;
  std::optional<Timestamp> since;      // at >= since
  std::optional<JournalField> field;
};
// Newest first. Staff see every row; a supplier the rows of its own offers; a distributor only stock rows
// of active offers (never costs) — what it needs to trust the stock it sells.
Page<JournalEntry> list_journal(Connection& c, const Scope& scope, const JournalFilter& filter, const PageRequest& page);

}  // namespace daifa::store
