#pragma once
// Products with variants, offers (scoped: a supplier sees only its own) and channels.
#include <optional>
#include <string>

#include "domain/accounts/role.h"
#include "domain/catalog/product.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

void insert_product(Connection& c, const Product& p);  // with its variants
Page<Product> list_products(Connection& c, const PageRequest& page);  // variants included
std::optional<Product> find_product(Connection& c, Id id);
std::int64_t count_products(Connection& c);

// Inserts the offer and its opening stock and cost as journal rows (old value NULL).
void insert_offer(Connection& c, const Offer& o, Id stock_journal_id, Id cost_journal_id, std::string_view actor,
                  std::string_view reason);
struct OfferFilter {
  std::string sku;                  // exact variant SKU; empty = any
  std::optional<Id> supplier_id;
};
// Staff see every offer; a supplier only its own; a distributor none (supplier costs are not theirs).
Page<Offer> list_offers(Connection& c, const Scope& scope, const OfferFilter& filter, const PageRequest& page);

void insert_channel(Connection& c, const Channel& ch);
Page<Channel> list_channels(Connection& c, const PageRequest& page);

}  // namespace daifa::store
