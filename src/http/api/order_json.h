#pragma once
// Orders and purchase orders as JSON, and an order draft read from JSON: shared by the order routes, the
// channel webhooks and the order import.
#include <boost/json.hpp>

#include "domain/accounts/role.h"
#include "domain/orders/order.h"
#include "store/orders/ledger_repo.h"
#include "store/orders/order_repo.h"

namespace daifa::http {

// A distributor does not see the purchase side of its orders: offers, suppliers, costs, route reasons.
boost::json::object order_json(const Order& o, const Scope& scope);
boost::json::object purchase_order_json(const PurchaseOrder& po);
boost::json::object history_json(const store::HistoryRow& h);
boost::json::object posting_json(const store::Posting& p);
boost::json::object address_json(const ShippingAddress& a);

// Reads POST /orders' body. Every problem is added to `errors` with its JSON path.
OrderDraft read_order_draft(const boost::json::object& body, FieldErrors& errors);
// A shipping address object at `path` (PATCH /orders/{id} uses it too).
ShippingAddress read_address(const boost::json::value& v, const std::string& path, FieldErrors& errors);
// A lines array at `path`.
std::vector<DraftLine> read_lines(const boost::json::value& v, const std::string& path, FieldErrors& errors);

}  // namespace daifa::http
