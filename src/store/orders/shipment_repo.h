#pragma once
// Shipments: the parcels suppliers sent for purchase orders. Scoped like the orders they belong to: staff see
// all; a supplier its own; a distributor those of its own orders.
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
};

void insert_shipment(Connection& c, const Shipment& s);  // unique_violation for a (carrier, tracking) taken
std::optional<Shipment> find_shipment(Connection& c, const Scope& scope, Id id);
struct ShipmentFilter {
  std::optional<Id> order_id;
  std::optional<Id> purchase_order_id;
};
Page<Shipment> list_shipments(Connection& c, const Scope& scope, const ShipmentFilter& filter, const PageRequest& page);

}  // namespace daifa::store
