#pragma once
// Shopify's `orders/create` webhook: its signature and its body (the REST Admin API Order resource) as
// a Daifa OrderDraft. Pure: no I/O; the route checks the signature, then parses, then places the order.
//
// Headers: X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(raw body, the app's secret)); X-Shopify-Topic
// "orders/create"; X-Shopify-Webhook-Id stays the same across Shopify's retries (a retry is also
// recognised by the order's (channel, external_id)).
//
// Mapping (every amount is read from its decimal string, exactly; never through a double):
//  external_id       `id` as decimal text (not `name` "#1001", which a shop may renumber)
//  currency          `currency` (the shop's currency, in which all the prices below are given); one
//                    Currency::parse knows, else an error on "currency"
//  lines             one per line_items[i]: `sku` (required: Daifa routes by SKU), `quantity`, and the
//                    unit price `price` less the line's `discount_allocations` (order discounts are
//                    allocated there by Shopify). A discounted total that does not divide by the quantity
//                    becomes two lines of the SKU one minor unit apart (see add_lines in payload.h).
//  shipping_fee      Σ shipping_lines[].price less their discount_allocations (0 without shipping lines)
//  customer          name from customer.first_name/last_name (else the shipping, then billing, address);
//                    phone from customer.phone, else `phone`, else the shipping then billing address's;
//                    email from `email`, else `contact_email`, else customer.email
//  shipping_address  `shipping_address` (else `billing_address`): name from first_name/last_name (Chinese
//                    names family name first: 王小明), else `name`; phone (else the customer's phone);
//                    country_code; province (the name as sent, else province_code); city; zip →
//                    postal_code; address1/address2 → district + line1 as street_of in payload.h documents
//                    (CN: a district typed as address2 or at the start of address1; else none, and review
//                    holds the order as address_incomplete). No address at all: empty fields (country
//                    stays CN, the default of ShippingAddress), and review holds the order too.
//  payment           a gateway in payment_gateway_names named "Cash on Delivery (COD)" (or any name
//                    containing "cash on delivery", or "cod", or 货到付款) → cod, nothing paid.
//                    Otherwise prepaid: financial_status "paid" → paid = the order's total;
//                    "partially_paid" → paid = total_price − total_outstanding (0 if that is missing);
//                    any other status (pending, authorized, …) → paid 0. Paid is capped at the Daifa
//                    total: Shopify's total_price can include tax, which a Daifa order does not carry.
//  note              `note` (carriage returns removed, cut at 500 characters)
// Tax lines, `name`, tags and the rest of the resource are not part of a Daifa order.
#include <string_view>

#include "domain/common/id.h"
#include "integrations/channels/parsed_order.h"

namespace daifa::integrations {

// Constant time on the raw bytes. False for an empty or missing header (pass "") or an empty secret.
bool verify_shopify_signature(std::string_view raw_body, std::string_view header_value, std::string_view secret);

ParsedOrder parse_shopify_order(std::string_view raw_body, Id channel_id);

}  // namespace daifa::integrations
