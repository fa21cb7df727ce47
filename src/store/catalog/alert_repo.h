#pragma once
// Stored alerts about offers, purchase orders and shipments. Staff see all; a supplier only its own (the
// alert's supplier_id); a distributor none. At most one alert of a kind is open per offer, per purchase
// order and per shipment: raising it again while it is open does nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/catalog/offer_rules.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

// Inserts `a` unless an open alert of the same kind exists for the same subject. True when inserted.
bool raise_alert(Connection& c, const Alert& a);

struct AlertFilter {
  std::optional<AlertKind> kind;
  std::optional<AlertStatus> status;
  std::optional<Id> offer_id;
  std::optional<Id> purchase_order_id;
  std::optional<Id> shipment_id;
  std::optional<Id> feed_id;
};
Page<Alert> list_alerts(Connection& c, const Scope& scope, const AlertFilter& filter, const PageRequest& page);
std::optional<Alert> find_alert(Connection& c, const Scope& scope, Id id);
// Marks an open alert acknowledged by `user_id`. False when it is not open (or not in scope).
bool acknowledge_alert(Connection& c, const Scope& scope, Id id, Id user_id, Timestamp at);

// ---- the facts the fulfilment scan (app/catalog/fulfilment_alerts.h) looks at; no scope: a system job --

struct LateShippingFacts {
  Id purchase_order_id = 0;
  Id supplier_id = 0;
  Id order_id = 0;
  Timestamp accepted_at;
  std::int64_t lead_time_days = 0;  // the longest of its lines' offers
};
// Accepted, unshipped POs that never had a late_shipping alert (late or not yet: the caller decides).
std::vector<LateShippingFacts> late_shipping_candidates(Connection& c);

struct ShipmentAlertFacts {
  Id shipment_id = 0;
  Id supplier_id = 0;
  Id order_id = 0;
  Id purchase_order_id = 0;
  std::string status;
  std::string carrier;
  std::string tracking_number;
  Timestamp since;  // stuck: the last scan (or creation); exception: the last status change (updated_at)
};
// Parcels in label_created or in_transit without a scan since before `quiet_since`, not yet alerted for
// this quiet spell.
std::vector<ShipmentAlertFacts> stuck_shipment_candidates(Connection& c, Timestamp quiet_since);
// Whether `feed_id` had a feed_late alert raised at or after `since` (open or acknowledged).
bool feed_alerted_since(Connection& c, Id feed_id, Timestamp since);

// Parcels in exception or returned, not yet alerted since their last change.
std::vector<ShipmentAlertFacts> exception_shipment_candidates(Connection& c);

}  // namespace daifa::store
