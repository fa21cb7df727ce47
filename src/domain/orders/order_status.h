#pragma once
// The order's life: received → on_hold | routed → purchased → partially_shipped → shipped → delivered →
// completed, and cancelled from any state before shipping. Every move is checked here; history rows
// record each one with who made it and why.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daifa {

enum class OrderStatus : int {
  received = 0,
  on_hold = 1,            // waits for a person: see the hold reasons
  routed = 2,             // every line has a supplier offer
  purchased = 3,          // purchase orders placed with the suppliers
  partially_shipped = 4,  // some parcels are on their way
  shipped = 5,            // every parcel is on its way
  delivered = 6,          // every parcel arrived
  completed = 7,          // settled; after-sales window closed
  cancelled = 8,
};

std::string_view to_string(OrderStatus s);
std::optional<OrderStatus> parse_order_status(std::string_view text);

// Whether `from → to` is a move the order may make.
bool can_move(OrderStatus from, OrderStatus to);
// Before anything has shipped, an order can still be changed (address, lines) or cancelled.
bool before_shipping(OrderStatus s);

// Why an order waits for a person. Stable names: they are stored and shown.
enum class HoldReason : int {
  out_of_stock = 0,          // no sourceable offer has enough stock for a line
  address_incomplete = 1,    // a field the carrier needs is missing
  blacklisted = 2,           // phone, name or address is on the blacklist
  cod_limit = 3,             // cash on delivery above the per-order or per-customer limit
  margin_below_floor = 4,    // the routed cost leaves less margin than the floor
  duplicate_suspected = 5,   // the same customer and lines arrived moments ago through another order
  offer_unavailable = 6,     // the offer a line was routed to vanished or changed SKU at the supplier
  currency_mismatch = 7,     // no offer in the order's currency, and Daifa converts none without a rate
  unknown_sku = 8,           // a line's SKU is no variant of the catalog
};

std::string_view to_string(HoldReason r);
std::optional<HoldReason> parse_hold_reason(std::string_view text);
// The reasons' names joined by `separator`: "," as stored and exported, ", " in a sentence.
std::string join_hold_reasons(const std::vector<HoldReason>& reasons, std::string_view separator = ",");

}  // namespace daifa
