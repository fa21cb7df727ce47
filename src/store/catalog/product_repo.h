#pragma once
// Products with their variants.
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

}  // namespace daifa::store
