#pragma once
// Stored alerts about offers. Staff see all; a supplier only those about its own offers; a distributor none.
// At most one alert of a kind is open per offer: raising it again while it is open does nothing.
#include <optional>

#include "domain/accounts/role.h"
#include "domain/catalog/offer_rules.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

// Inserts `a` unless an open alert of the same kind exists for the same offer. True when inserted.
bool raise_alert(Connection& c, const Alert& a);

struct AlertFilter {
  std::optional<AlertKind> kind;
  std::optional<AlertStatus> status;
  std::optional<Id> offer_id;
};
Page<Alert> list_alerts(Connection& c, const Scope& scope, const AlertFilter& filter, const PageRequest& page);
std::optional<Alert> find_alert(Connection& c, const Scope& scope, Id id);
// Marks an open alert acknowledged by `user_id`. False when it is not open (or not in scope).
bool acknowledge_alert(Connection& c, const Scope& scope, Id id, Id user_id, Timestamp at);

}  // namespace daifa::store
