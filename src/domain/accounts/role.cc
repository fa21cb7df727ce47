#include "domain/accounts/role.h"

namespace daifa {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::owner: return "owner";
    case Role::operator_: return "operator";
    case Role::agent: return "agent";
    case Role::finance: return "finance";
    case Role::supplier: return "supplier";
    case Role::distributor: return "distributor";
  }
  return "owner";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier, Role::distributor}) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

}  // namespace daifa
