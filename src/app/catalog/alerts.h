#pragma once
// Alerts about offers: raised by the rules of domain/catalog/offer_rules inside the transaction of the
// change that made them due, listed, and acknowledged by staff.
#include <optional>
#include <string>

#include "app/app.h"
#include "domain/catalog/offer_rules.h"
#include "domain/common/outcome.h"
#include "store/catalog/alert_repo.h"

namespace daifa::app {

// The thresholds in force. Defaults today (10 % cost rise, 15 % margin floor); one place to read them
// from configuration later.
OfferAlertPolicy alert_policy(const App& app);

// What changed on one offer, for the alert rules.
struct OfferChangeFacts {
  Id supplier_id = 0;
  Id offer_id = 0;
  std::string sku;
  std::optional<OfferState> before;  // nullopt for a new offer
  OfferState after;
  Money price{0, *Currency::parse("CNY")};  // the variant's price
};

// Raises every alert the change makes due, unless one of the same kind is already open for the offer.
// Returns how many were raised. Call inside the change's transaction.
int raise_due_alerts(store::Tx& tx, App& app, const OfferChangeFacts& facts, const OfferAlertPolicy& policy);

store::Page<Alert> list_alerts(App& app, const Scope& scope, const store::AlertFilter& filter,
                               const store::PageRequest& page);
// Acknowledges an open alert; acknowledging one that already is answers it unchanged.
Outcome<Alert> acknowledge_alert(store::Tx& tx, App& app, const Scope& scope, Id id);

}  // namespace daifa::app
