#pragma once
// Supplier offers: a variant offered by several suppliers. Scoped: a supplier sees only its own.
#include <optional>
#include <string>

#include "domain/accounts/role.h"
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
};
// Staff see every offer; a supplier only its own; a distributor none (supplier costs are not theirs).
Page<Offer> list_offers(Connection& c, const Scope& scope, const OfferFilter& filter, const PageRequest& page);

}  // namespace daifa::store
