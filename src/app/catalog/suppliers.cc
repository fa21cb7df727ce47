#include "app/catalog/suppliers.h"

namespace daifa::app {

Outcome<Supplier> create_supplier(store::Tx& tx, App& app, Supplier s) {
  FieldErrors errors = validate(s);
  if (!errors.empty()) return fail(Status::invalid_fields, "the supplier has invalid fields", std::move(errors));
  s.id = app.new_id();
  s.version = 1;
  s.created_at = s.updated_at = app.now();
  store::insert_supplier(tx.conn(), s);
  return s;
}

Outcome<Supplier> update_supplier(store::Tx& tx, App& app, const Scope& scope, Id id, std::int64_t expected_version,
                                  const std::function<void(Supplier&)>& patch) {
  auto current = store::find_supplier(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such supplier");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the supplier was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  Supplier next = *current;
  patch(next);
  next.id = current->id;
  FieldErrors errors = validate(next);
  if (!errors.empty()) return fail(Status::invalid_fields, "the supplier has invalid fields", std::move(errors));
  next.updated_at = app.now();
  if (!store::update_supplier(tx.conn(), scope, next, expected_version)) {
    return fail(Status::version_conflict, "the supplier was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  return next;
}

std::optional<Supplier> get_supplier(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_supplier(c, scope, id); });
}

store::Page<Supplier> list_suppliers(App& app, const Scope& scope, const store::SupplierFilter& filter,
                                     const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_suppliers(c, scope, filter, page); });
}

}  // namespace daifa::app
