#pragma once
// Products with their variants and image metadata. The whole catalog is visible to every role allowed to
// read it (the routes decide who that is), so there is no scope restriction here.
#include <optional>
#include <string>

#include "domain/accounts/role.h"
#include "domain/catalog/product.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct ProductFilter {
  std::string category;        // exact; empty = any
  std::string text_contains;   // in title or title_en, case-insensitive for ASCII; empty = any
  std::string tag;             // exact tag; empty = any
};

void insert_product(Connection& c, const Product& p);  // with its variants
Page<Product> list_products(Connection& c, const PageRequest& page);  // variants and images included
Page<Product> list_products(Connection& c, const ProductFilter& filter, const PageRequest& page);
std::optional<Product> find_product(Connection& c, Id id);
std::int64_t count_products(Connection& c);

// Stores the product's own fields (not its variants) with version expected_version + 1 if the stored
// version is expected_version. False when it is not.
bool update_product(Connection& c, const Product& p, std::int64_t expected_version);
// Moves the version on (an image was added or removed). False for an unknown product.
bool touch_product(Connection& c, Id id, Timestamp now);

void insert_variant(Connection& c, const Variant& v);
void update_variant(Connection& c, const Variant& v);  // options, price, weight (the SKU never changes)
void delete_variant(Connection& c, Id variant_id);
// The variant holding this SKU anywhere in the catalog.
std::optional<Variant> find_sku_holder(Connection& c, std::string_view sku);
std::int64_t count_offers_of_variant(Connection& c, Id variant_id);

// "(?, ?, …)" for an IN over these ids (not empty), padded to a power of two by repeating the last id, so
// that lists of every length share a few prepared statements instead of caching one per length.
// Appends the ids to `params`.
std::string id_list(const std::vector<Id>& ids, std::vector<Value>& params);

}  // namespace daifa::store
