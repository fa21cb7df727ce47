#include "domain/orders/order_status.h"

#include <array>
#include <utility>

namespace daifa {
namespace {

constexpr std::array kStatusNames{
    std::pair{OrderStatus::received, std::string_view("received")},
    std::pair{OrderStatus::on_hold, std::string_view("on_hold")},
    std::pair{OrderStatus::routed, std::string_view("routed")},
    std::pair{OrderStatus::purchased, std::string_view("purchased")},
    std::pair{OrderStatus::partially_shipped, std::string_view("partially_shipped")},
    std::pair{OrderStatus::shipped, std::string_view("shipped")},
    std::pair{OrderStatus::delivered, std::string_view("delivered")},
    std::pair{OrderStatus::completed, std::string_view("completed")},
    std::pair{OrderStatus::cancelled, std::string_view("cancelled")},
};

constexpr std::array kHoldNames{
    std::pair{HoldReason::out_of_stock, std::string_view("out_of_stock")},
    std::pair{HoldReason::address_incomplete, std::string_view("address_incomplete")},
    std::pair{HoldReason::blacklisted, std::string_view("blacklisted")},
    std::pair{HoldReason::cod_limit, std::string_view("cod_limit")},
    std::pair{HoldReason::margin_below_floor, std::string_view("margin_below_floor")},
    std::pair{HoldReason::duplicate_suspected, std::string_view("duplicate_suspected")},
    std::pair{HoldReason::offer_unavailable, std::string_view("offer_unavailable")},
    std::pair{HoldReason::currency_mismatch, std::string_view("currency_mismatch")},
    std::pair{HoldReason::unknown_sku, std::string_view("unknown_sku")},
};

// The allowed moves, as a table a reader can check against the product brief.
constexpr std::array kMoves{
    std::pair{OrderStatus::received, OrderStatus::on_hold},
    std::pair{OrderStatus::received, OrderStatus::routed},
    std::pair{OrderStatus::on_hold, OrderStatus::routed},          // approved, or the reason went away
    std::pair{OrderStatus::on_hold, OrderStatus::on_hold},         // reasons changed (recorded)
    std::pair{OrderStatus::routed, OrderStatus::on_hold},          // a supplier refused and nothing else can serve
    std::pair{OrderStatus::routed, OrderStatus::purchased},
    std::pair{OrderStatus::purchased, OrderStatus::on_hold},       // every remaining supplier refused
    std::pair{OrderStatus::purchased, OrderStatus::partially_shipped},
    std::pair{OrderStatus::purchased, OrderStatus::shipped},
    std::pair{OrderStatus::partially_shipped, OrderStatus::shipped},
    std::pair{OrderStatus::shipped, OrderStatus::delivered},
    std::pair{OrderStatus::delivered, OrderStatus::completed},
};

}  // namespace

std::string_view to_string(OrderStatus s) {
  for (auto& [v, n] : kStatusNames) if (v == s) return n;
  return "received";
}

std::optional<OrderStatus> parse_order_status(std::string_view text) {
  for (auto& [v, n] : kStatusNames) if (n == text) return v;
  return std::nullopt;
}

std::string_view to_string(HoldReason r) {
  for (auto& [v, n] : kHoldNames) if (v == r) return n;
  return "out_of_stock";
}

std::string join_hold_reasons(const std::vector<HoldReason>& reasons, std::string_view separator) {
  std::string out;
  for (HoldReason r : reasons) {
    if (!out.empty()) out += separator;
    out += to_string(r);
  }
  return out;
}

std::optional<HoldReason> parse_hold_reason(std::string_view text) {
  for (auto& [v, n] : kHoldNames) if (n == text) return v;
  return std::nullopt;
}

bool before_shipping(OrderStatus s) {
  return s == OrderStatus::received || s == OrderStatus::on_hold || s == OrderStatus::routed ||
         s == OrderStatus::purchased;
}

bool can_move(OrderStatus from, OrderStatus to) {
  if (to == OrderStatus::cancelled) return before_shipping(from);
  for (auto& [a, b] : kMoves) {
    if (a == from && b == to) return true;
  }
  return false;
}

}  // namespace daifa
