#pragma once
// What any carrier source (Kuaidi100 push, a polled carrier) tells Daifa about a parcel: its status in
// Daifa's four words and the carrier's scan events. Values only; the lead's shipment code applies them.
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/time.h"

namespace daifa::integrations {

enum class TrackingStatus { in_transit, delivered, exception, returned };

constexpr std::string_view to_string(TrackingStatus s) {
  switch (s) {
    case TrackingStatus::in_transit: return "in_transit";
    case TrackingStatus::delivered: return "delivered";
    case TrackingStatus::exception: return "exception";
    case TrackingStatus::returned: return "returned";
  }
  return "in_transit";
}

struct TrackingEvent {
  Timestamp at;          // when the carrier scanned, UTC
  std::string text;      // the carrier's words, as sent ("【深圳市】快件已揽收")
  bool operator==(const TrackingEvent&) const = default;
};

}  // namespace daifa::integrations
