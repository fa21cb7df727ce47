#pragma once
// Fulfilment alerts: a purchase order accepted and not shipped within its lead time (late_shipping), a
// parcel with no carrier scan for days (stuck_parcel), a parcel in exception or returned
// (shipment_exception). Raised by a scan over the facts as they stand — run by the periodic
// fulfilment_scan job and by POST /alerts/scan — and stored with the offer alerts (alerts.h): listed,
// scoped to the PO's or shipment's supplier, acknowledged.
#include <cstdint>

#include "app/app.h"

namespace daifa::app {

struct FulfilmentAlertPolicy {
  std::int64_t stuck_after_days = 3;  // a parcel in transit without a scan for this long is stuck
};

// Raises every fulfilment alert now due; returns how many. Idempotent: while an alert is open, or once it
// was raised for the same spell, the same fact raises nothing new. A PO is late once (its deadline never
// moves); a parcel that moves again and then goes quiet again is stuck again; a parcel whose status changes
// again into exception or returned is raised again. Call inside a write transaction.
int scan_fulfilment_alerts(store::Tx& tx, App& app, const FulfilmentAlertPolicy& policy);

}  // namespace daifa::app
