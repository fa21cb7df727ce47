#pragma once
// Use cases for suppliers: create, read, edit with optimistic concurrency.
#include <functional>

#include "app/app.h"
#include "domain/catalog/supplier.h"
#include "domain/common/outcome.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::app {

Outcome<Supplier> create_supplier(store::Tx& tx, App& app, Supplier input);
// Applies `patch` to the current supplier if `expected_version` is current; validates the result.
Outcome<Supplier> update_supplier(store::Tx& tx, App& app, const Scope& scope, Id id, std::int64_t expected_version,
                                  const std::function<void(Supplier&)>& patch);
std::optional<Supplier> get_supplier(App& app, const Scope& scope, Id id);
store::Page<Supplier> list_suppliers(App& app, const Scope& scope, const store::SupplierFilter& filter,
                                     const store::PageRequest& page);

}  // namespace daifa::app
