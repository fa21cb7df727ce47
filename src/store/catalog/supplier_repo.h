#pragma once
// Suppliers. Staff see all; a supplier user sees only its own supplier; a distributor sees none
// (distributors must not learn who the merchant buys from).
#include <optional>
#include <string>

#include "domain/accounts/role.h"
#include "domain/catalog/supplier.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct SupplierFilter {
  std::optional<SupplierKind> kind;
  std::string name_contains;  // case-insensitive for ASCII; empty = any
};

void insert_supplier(Connection& c, const Supplier& s);
std::optional<Supplier> find_supplier(Connection& c, const Scope& scope, Id id);
Page<Supplier> list_suppliers(Connection& c, const Scope& scope, const SupplierFilter& filter, const PageRequest& page);
// Stores `s` with version expected_version + 1 if the stored version is expected_version and the row is in
// scope. False when it is not (stale version, or not visible).
bool update_supplier(Connection& c, const Scope& scope, const Supplier& s, std::int64_t expected_version);
std::int64_t count_suppliers(Connection& c);

// Escapes % and _ for a LIKE pattern used with ESCAPE '\'.
std::string like_contains(std::string_view text);

}  // namespace daifa::store
