#pragma once
// A parcel's life as the carriers report it, and the carrier names Daifa knows. Pure values and rules.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/time.h"

namespace daifa {

enum class ShipmentStatus { label_created, in_transit, delivered, exception, returned };

std::string_view to_string(ShipmentStatus s);
std::optional<ShipmentStatus> parse_shipment_status(std::string_view text);

// A carrier's scan: when, and its words as sent ("【深圳市】快件已揽收").
struct TrackingScan {
  Timestamp at;
  std::string text;
  bool operator==(const TrackingScan&) const = default;
};

// The status after a report. `reported` is what the source said (nullopt: it sent scans only). Rules:
// a returned parcel stays returned; a delivered one can only come back (returned); scans alone move a
// label_created parcel to in_transit and leave any other status as it is; otherwise the report wins (an
// exception clears when the carrier reports movement again).
ShipmentStatus next_shipment_status(ShipmentStatus current, std::optional<ShipmentStatus> reported, bool has_scans);

// Kuaidi100's company code for a carrier as suppliers write it ("SF", "顺丰", "shunfeng" → "shunfeng"),
// case-insensitive; nullopt for a carrier the aggregator does not know by that name (it is polled or
// followed by uploads instead).
std::optional<std::string> kuaidi100_company(std::string_view carrier);

}  // namespace daifa
