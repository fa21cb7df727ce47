#pragma once
// Shipments: the parcels suppliers sent for purchase orders. Scoped like the orders they belong to: staff see
// all; a supplier its own; a distributor those of its own orders.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/common/id.h"
#include "domain/common/time.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct Shipment {
  Id id = 0;
  Id order_id = 0;
  Id purchase_order_id = 0;
  Id supplier_id = 0;
  std::string carrier;
  std::string tracking_number;
  std::int64_t parcels = 1;
  std::string status;  // label_created | in_transit | delivered | exception | returned
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> last_event_at;  // the latest carrier scan
  std::optional<Timestamp> delivered_at;
};

void insert_shipment(Connection& c, const Shipment& s);  // unique_violation for a (carrier, tracking) taken
std::optional<Shipment> find_shipment(Connection& c, const Scope& scope, Id id);
struct ShipmentFilter {
  std::optional<Id> order_id;
  std::optional<Id> purchase_order_id;
  std::optional<std::string> status;
  std::optional<std::string> tracking_number;  // exact, any carrier
};
Page<Shipment> list_shipments(Connection& c, const Scope& scope, const ShipmentFilter& filter, const PageRequest& page);
std::vector<Shipment> shipments_of_order(Connection& c, Id order_id);
void update_shipment_tracking(Connection& c, const Shipment& s);  // status, last_event_at, delivered_at, updated_at

// ---- tracking events ----------------------------------------------------------------------------------

struct TrackingEventRow {
  Id id = 0;
  Id shipment_id = 0;
  Timestamp at;
  std::string text;
  std::string source;  // kuaidi100 | poll | upload | supplier
  Timestamp recorded_at;
};
// Inserts the rows not recorded yet (same shipment, time and text); returns how many were new.
std::size_t insert_tracking_events(Connection& c, const std::vector<TrackingEventRow>& rows);
// Oldest first, per shipment.
std::map<Id, std::vector<TrackingEventRow>> tracking_events_of(Connection& c, const std::vector<Id>& shipment_ids);

// ---- the aggregator's subscriptions and the pushes applied ----------------------------------------------

struct TrackingSubscription {
  Id shipment_id = 0;
  std::string company;  // Kuaidi100's carrier code
  std::string number;
  std::string salt;
  std::string state;  // pending | subscribed | failed | closed
  std::string last_error;
  Timestamp created_at;
  Timestamp updated_at;
};
// False when (company, number) already has a subscription (another shipment of the same parcel).
bool insert_tracking_subscription(Connection& c, const TrackingSubscription& s);
std::optional<TrackingSubscription> find_tracking_subscription(Connection& c, std::string_view company,
                                                               std::string_view number);
std::optional<TrackingSubscription> tracking_subscription_of(Connection& c, Id shipment_id);
void set_tracking_subscription_state(Connection& c, Id shipment_id, std::string_view state,
                                     std::string_view last_error, Timestamp at);
// Records a push by its idempotency key; false when it was applied before.
bool record_tracking_push(Connection& c, std::string_view push_key, Id shipment_id, Timestamp at);

}  // namespace daifa::store
