#pragma once
// Distributors. Staff see all; a distributor user sees only itself; a supplier sees none.
#include <optional>

#include "domain/accounts/role.h"
#include "domain/distribution/distributor.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct DistributorFilter {
  std::optional<std::int64_t> tier;
  std::string name_contains;
};

void insert_distributor(Connection& c, const Distributor& d);
std::optional<Distributor> find_distributor(Connection& c, const Scope& scope, Id id);
Page<Distributor> list_distributors(Connection& c, const Scope& scope, const DistributorFilter& filter,
                                    const PageRequest& page);
bool update_distributor(Connection& c, const Scope& scope, const Distributor& d, std::int64_t expected_version);

}  // namespace daifa::store
