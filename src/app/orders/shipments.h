#pragma once
// Shipments and their tracking (issue #6): the parcels suppliers send for purchase orders, the carriers'
// scans that follow them — pushed by the aggregator (Kuaidi100), polled, uploaded or entered by the
// supplier — and what those scans move: the shipment's status, the PO and, when every parcel has arrived,
// the order (`delivered`). Every move writes history and an outbox event in the same transaction.
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/orders/orders.h"
#include "domain/common/outcome.h"
#include "domain/orders/shipment.h"
#include "store/orders/shipment_repo.h"

namespace daifa::app {

// A shipment with its scans, oldest first.
struct ShipmentView {
  store::Shipment shipment;
  std::vector<store::TrackingEventRow> events;
};
std::optional<ShipmentView> get_shipment(App& app, const Scope& scope, Id id);
// The same inside a command: what it just wrote, before the commit.
std::optional<ShipmentView> get_shipment_in(store::Tx& tx, const Scope& scope, Id id);
store::Page<ShipmentView> list_shipments(App& app, const Scope& scope, const store::ShipmentFilter& filter,
                                         const store::PageRequest& page);

// What a source says about a parcel.
struct TrackingReport {
  std::optional<ShipmentStatus> status;  // nullopt: scans only (an upload, a carrier that sends no state)
  std::vector<TrackingScan> scans;
  std::string source;  // kuaidi100 | poll | upload | supplier
};
struct TrackingApplied {
  store::Shipment shipment;  // as it is now
  std::size_t new_scans = 0;
  bool status_changed = false;
  bool duplicate = false;  // this exact push was applied before: nothing was written
};

// Records the scans not seen before and moves the shipment's status (domain next_shipment_status). A
// delivered shipment delivers its PO, and the order once every live PO's parcel is delivered. A report
// that brings nothing new writes nothing. not_found when the shipment is not visible to `scope`.
Outcome<TrackingApplied> apply_tracking(store::Tx& tx, App& app, const Scope& scope, const Actor& actor,
                                        Id shipment_id, const TrackingReport& report);

// What a push for (company, number) is checked and applied with: the parcel and the salt of the aggregator's
// subscription. Both are fixed once the subscription exists (only its state changes), so they are remembered
// after the first read: a parcel gets a push per scan, and each would otherwise read the store first.
struct PushSubscription {
  Id shipment_id = 0;
  std::string salt;
};
std::optional<PushSubscription> push_subscription(App& app, std::string_view company, std::string_view number);
// Applies a verified push once: `push_key` (kuaidi100.h push_idempotency_key) seen before → duplicate,
// nothing written. A push that says tracking has finished closes the subscription.
Outcome<TrackingApplied> apply_tracking_push(store::Tx& tx, App& app, Id shipment_id, const std::string& push_key,
                                             bool finished, const TrackingReport& report);

// What the job runner needs to follow a parcel: the shipment, the aggregator's company code for its
// carrier, its subscription (when it is followed by push) and the receiver's phone (SF Express asks).
struct TrackingTask {
  store::Shipment shipment;
  std::string company;
  std::optional<store::TrackingSubscription> subscription;
  std::string receiver_phone;
};
std::optional<TrackingTask> tracking_task(App& app, Id shipment_id);
// subscribed, failed (with the aggregator's reason) or closed.
void set_tracking_subscription_state(App& app, Id shipment_id, std::string_view state, std::string_view error);
// The aggregator's code for a carrier as written on a shipment: the known names, else the text itself in
// lower case (suppliers may write the code, e.g. "huitongkuaidi").
std::string tracking_company(std::string_view carrier);

}  // namespace daifa::app
