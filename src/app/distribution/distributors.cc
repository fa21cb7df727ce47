#include "app/distribution/distributors.h"

namespace daifa::app {
namespace {
const Scope kSystemScope{0, Role::owner, std::nullopt, std::nullopt};

// The referrer must exist, and following referrers from it must never come back (no cycles).
void check_referrer(store::Connection& c, const Distributor& d, FieldErrors& errors) {
  if (!d.referrer_id) return;
  std::optional<Id> at = d.referrer_id;
  for (int hops = 0; at && hops < 64; ++hops) {
    if (*at == d.id) {
      errors.push_back({"referrer_id", "cycle", "the referral chain would loop back to this distributor"});
      return;
    }
    auto next = store::find_distributor(c, kSystemScope, *at);
    if (!next) {
      if (hops == 0) errors.push_back({"referrer_id", "unknown_distributor", "no distributor has this id"});
      return;
    }
    at = next->referrer_id;
  }
}
}  // namespace

Outcome<Distributor> create_distributor(store::Tx& tx, App& app, Distributor d) {
  d.id = app.new_id();
  FieldErrors errors = validate(d);
  check_referrer(tx.conn(), d, errors);
  if (!errors.empty()) return fail(Status::invalid_fields, "the distributor has invalid fields", std::move(errors));
  d.version = 1;
  d.created_at = d.updated_at = app.now();
  store::insert_distributor(tx.conn(), d);
  return d;
}

Outcome<Distributor> update_distributor(store::Tx& tx, App& app, const Scope& scope, Id id,
                                        std::int64_t expected_version, const std::function<void(Distributor&)>& patch) {
  auto current = store::find_distributor(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such distributor");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the distributor was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  Distributor next = *current;
  patch(next);
  next.id = current->id;
  FieldErrors errors = validate(next);
  check_referrer(tx.conn(), next, errors);
  if (!errors.empty()) return fail(Status::invalid_fields, "the distributor has invalid fields", std::move(errors));
  next.updated_at = app.now();
  if (!store::update_distributor(tx.conn(), scope, next, expected_version)) {
    return fail(Status::version_conflict, "the distributor was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  return next;
}

std::optional<Distributor> get_distributor(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_distributor(c, scope, id); });
}

store::Page<Distributor> list_distributors(App& app, const Scope& scope, const store::DistributorFilter& filter,
                                           const store::PageRequest& page) {
  return app.store().reads().read(
      [&](store::Connection& c) { return store::list_distributors(c, scope, filter, page); });
}

}  // namespace daifa::app
