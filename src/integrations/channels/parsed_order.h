#pragma once
// What a channel format parser gives back: the order, or every reason it cannot be one.
#include <optional>

#include "domain/common/status.h"
#include "domain/orders/order.h"

namespace daifa::integrations {

// Exactly one of the two is set: `draft` when the payload is a valid order (it has passed
// validate_order_draft), else `errors`, each naming the JSON path in the channel's payload
// ("line_items[1].price", "currency"), not Daifa's own field names.
struct ParsedOrder {
  std::optional<OrderDraft> draft;
  FieldErrors errors;
};

}  // namespace daifa::integrations
