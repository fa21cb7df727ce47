#pragma once
// Orders and purchase orders as JSON, and an order draft read from JSON: shared by the order routes, the
// channel webhooks and the order import.
#include <array>
#include <string_view>

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

// The columns of the purchase-order export (GET /purchase-orders.csv|.xlsx), in order. The tracking upload
// (POST /imports/tracking) reads purchase_order_id, carrier and tracking_number and passes over the others,
// so that a supplier fills in the export and uploads it back.
inline constexpr std::array<std::string_view, 24> kPurchaseOrderExportColumns{
    "purchase_order_id", "order_id", "supplier_id", "status", "created_at", "items", "quantity", "currency", "cost",
    "shipping_cost", "payment", "neutral_packaging", "no_inserts", "receiver_name", "receiver_phone", "province",
    "city", "district", "address", "postal_code", "urge_count", "last_urge_note", "carrier", "tracking_number"};

// Reads POST /orders' body. Every problem is added to `errors` with its JSON path.
OrderDraft read_order_draft(const boost::json::object& body, FieldErrors& errors);
// A shipping address object at `path` (PATCH /orders/{id} uses it too).
ShippingAddress read_address(const boost::json::value& v, const std::string& path, FieldErrors& errors);
// A lines array at `path`.
std::vector<DraftLine> read_lines(const boost::json::value& v, const std::string& path, FieldErrors& errors);

}  // namespace daifa::http
