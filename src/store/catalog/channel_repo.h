#pragma once
// Sales channels (own store, marketplaces, social shops) and the rows their listings are computed from.
#include <optional>
#include <string>
#include <vector>

#include "domain/catalog/product.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

void insert_channel(Connection& c, const Channel& ch);
std::optional<Channel> find_channel(Connection& c, Id id);
// `distributor`: only that distributor's own channels.
Page<Channel> list_channels(Connection& c, const PageRequest& page, std::optional<Id> distributor = std::nullopt);
// Writes `ch` as version expected_version + 1 if the stored version is expected_version.
bool update_channel(Connection& c, const Channel& ch, std::int64_t expected_version);

// One variant with what a listing needs: its product's title, its list price, and its offers.
struct ListingSource {
  Id variant_id = 0;
  Id product_id = 0;
  std::string sku;
  std::string title;
  Money list_price{0, *Currency::parse("CNY")};
  struct OfferFacts {
    Id offer_id = 0;
    Id supplier_id = 0;
    std::int64_t landed_minor = 0;  // cost + shipping
    std::string currency;
    std::int64_t stock = 0;
  };
  std::vector<OfferFacts> offers;  // active offers only
};

// Variants newest first (keyset by variant id), each with its active offers.
Page<ListingSource> list_listing_sources(Connection& c, const PageRequest& page);

}  // namespace daifa::store
