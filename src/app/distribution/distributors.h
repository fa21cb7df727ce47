#pragma once
// Use cases for distributors: create, read, edit with optimistic concurrency.
#include <functional>

#include "app/app.h"
#include "domain/common/outcome.h"
#include "domain/distribution/distributor.h"
#include "store/distribution/distributor_repo.h"

namespace daifa::app {

Outcome<Distributor> create_distributor(store::Tx& tx, App& app, Distributor input);
Outcome<Distributor> update_distributor(store::Tx& tx, App& app, const Scope& scope, Id id,
                                        std::int64_t expected_version, const std::function<void(Distributor&)>& patch);
std::optional<Distributor> get_distributor(App& app, const Scope& scope, Id id);
store::Page<Distributor> list_distributors(App& app, const Scope& scope, const store::DistributorFilter& filter,
                                           const store::PageRequest& page);

}  // namespace daifa::app
