#pragma once
// An order as it arrives (OrderDraft, from the API, a channel webhook, an import row or manual entry) and
// as it is kept (Order with its lines), and the purchase orders (采购单) it becomes. Pure values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/money.h"
#include "domain/common/status.h"
#include "domain/common/time.h"
#include "domain/orders/order_status.h"
#include "domain/orders/review.h"

namespace daifa {

enum class PaymentMethod : int { prepaid = 0, cod = 1 };  // cod: 货到付款, collected by the carrier
std::string_view to_string(PaymentMethod m);
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

struct Customer {
  std::string name;
  std::string phone;
  std::string email;  // may be empty
};

struct DraftLine {
  std::string sku;  // the catalog variant's SKU
  std::int64_t quantity = 1;
  Money unit_price{0, *Currency::parse("CNY")};  // what the customer pays per unit
};

// An order as a channel sends it, before Daifa has looked at stock or suppliers.
struct OrderDraft {
  Id channel_id = 0;
  std::string external_id;  // the channel's own order number; (channel_id, external_id) is unique
  Customer customer;
  ShippingAddress shipping_address;
  std::vector<DraftLine> lines;
  std::optional<Money> shipping_fee;  // charged to the customer; default 0
  PaymentMethod payment_method = PaymentMethod::prepaid;
  std::optional<Money> paid;  // prepaid: what the customer paid (default: the total); cod: nothing yet
  bool blind_ship = true;     // neutral packaging, no supplier advertising (dropshipping's normal)
  std::string note;           // the buyer's or the operator's remark
};

constexpr std::size_t kMaxOrderLines = 100;
constexpr std::int64_t kMaxLineQuantity = 100'000;

// Every invalid field, named as a JSON path ("lines[2].quantity", "shipping_address.phone"). Currency:
// every amount of an order must be in one currency (the first line's). Address completeness is NOT checked
// here: an incomplete address is a hold (review), not a refusal — a valid order is always accepted.
FieldErrors validate_order_draft(const OrderDraft& d);

// The goods total (Σ unit price × quantity) plus the shipping fee. Call after validation (no overflow).
Money order_total(const OrderDraft& d);

// A key that is equal for two orders of the same customer (normalized phone) with the same SKUs and
// quantities, whatever the line order: the duplicate-order suspicion (重复订单) compares these.
std::string duplicate_key(const OrderDraft& d);

struct OrderLine {
  std::int64_t line_no = 0;  // 0-based position in the order
  std::string sku;
  std::int64_t quantity = 1;
  Money unit_price{0, *Currency::parse("CNY")};
  std::optional<Id> offer_id;  // the routed offer; empty while unrouted
  std::optional<Id> supplier_id;
  std::optional<Id> purchase_order_id;
  std::optional<std::int64_t> unit_cost_minor;  // the offer's cost when routed
  std::int64_t reserved = 0;  // units reserved on offer_id (0 or quantity)
  std::string route_reason;
};

struct Order {
  Id id = 0;
  Id channel_id = 0;
  std::optional<Id> distributor_id;  // the channel's distributor, for a distributor's order
  std::string external_id;
  OrderStatus status = OrderStatus::received;
  std::vector<HoldReason> hold_reasons;
  Customer customer;
  ShippingAddress shipping_address;
  std::vector<OrderLine> lines;
  Money goods_total{0, *Currency::parse("CNY")};
  Money shipping_fee{0, *Currency::parse("CNY")};
  Money total{0, *Currency::parse("CNY")};
  PaymentMethod payment_method = PaymentMethod::prepaid;
  Money paid{0, *Currency::parse("CNY")};
  bool blind_ship = true;
  std::string note;
  std::int64_t urge_count = 0;
  std::optional<Timestamp> last_urged_at;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

// The same key for an order as it stands now (its address and lines may have changed since intake). It
// starts with the customer's normalized phone and '|' when there is a phone: orders are found by phone
// through it (duplicate_key_phone_range).
std::string duplicate_key(const Order& o);
// The keys of the orders of one normalized phone lie in [first, second).
std::pair<std::string, std::string> duplicate_key_phone_range(std::string_view normalized_phone);

enum class PoStatus : int { placed = 0, accepted = 1, rejected = 2, shipped = 3, delivered = 4, cancelled = 5 };
std::string_view to_string(PoStatus s);
std::optional<PoStatus> parse_po_status(std::string_view text);
// placed → accepted | rejected | cancelled; accepted → shipped | cancelled; shipped → delivered.
bool can_move(PoStatus from, PoStatus to);

// How the supplier is paid for this PO, from its payment terms: prepaid terms are paid on acceptance,
// every other term is on credit (settled on the supplier's statement).
enum class PoPayment : int { prepaid = 0, credit = 1 };
std::string_view to_string(PoPayment p);

struct PoLine {
  std::int64_t order_line_no = 0;
  std::string sku;
  std::string supplier_sku;
  Id offer_id = 0;
  std::int64_t quantity = 1;
  std::int64_t unit_cost_minor = 0;
};

struct PurchaseOrder {
  Id id = 0;
  Id order_id = 0;
  Id supplier_id = 0;
  PoStatus status = PoStatus::placed;
  std::vector<PoLine> lines;
  Money cost_total{0, *Currency::parse("CNY")};     // Σ unit cost × quantity
  Money shipping_cost{0, *Currency::parse("CNY")};  // the supplier's shipping, once per parcel
  PoPayment payment = PoPayment::credit;
  bool neutral_packaging = true;  // no supplier branding on the parcel
  bool no_inserts = true;         // no advertising inserts
  // Who the supplier ships to: always the end customer, never the merchant.
  ShippingAddress ship_to;
  std::string carrier;
  std::string tracking_number;
  std::string reject_reason;
  std::int64_t urge_count = 0;
  std::optional<Timestamp> last_urged_at;
  std::string last_urge_note;  // the merchant's words with its last urge, for the supplier
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

}  // namespace daifa
