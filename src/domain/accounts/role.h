#pragma once
#include <optional>
#include <string_view>

#include "domain/common/id.h"

namespace daifa {

enum class Role : int {
  owner = 0,        // everything, including users
  operator_ = 1,    // 运营: catalog, orders, suppliers, channels
  agent = 2,        // 客服: customers, tickets, after-sales, orders (read, urge, change)
  finance = 3,      // 财务: ledger, settlements, reports
  supplier = 4,     // bound to one supplier: its own offers and purchase orders only
  distributor = 5,  // bound to one distributor: its own orders, catalog at its tier price
};

std::string_view to_string(Role r);  // "owner", "operator", ...
std::optional<Role> parse_role(std::string_view text);

// Who is calling. Every repository query takes this, so a supplier or distributor can only reach its rows.
struct Scope {
  Id user_id = 0;
  Role role = Role::owner;
  std::optional<Id> supplier_id;     // set exactly when role == supplier
  std::optional<Id> distributor_id;  // set exactly when role == distributor

  bool is_staff() const { return role != Role::supplier && role != Role::distributor; }
};

}  // namespace daifa
