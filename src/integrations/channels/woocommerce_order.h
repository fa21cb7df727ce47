#pragma once
// WooCommerce's `order.created` webhook: its signature, its first-delivery ping, and its body (a REST
// API v3 order) as a Daifa OrderDraft. Pure: no I/O.
//
// Headers: X-WC-Webhook-Signature = base64(HMAC-SHA256(raw body, the webhook's secret)); X-WC-Webhook-Topic
// "order.created". When a webhook is created WooCommerce first POSTs an unsigned ping, the form body
// `webhook_id=<id>` (application/x-www-form-urlencoded); it must be answered 200 or the webhook is not
// saved. The ping carries no order and no signature, so it must be recognised before the signature check.
//
// Mapping (every amount exactly, never through a double):
//  external_id       `id` as decimal text (not `number`, which plugins renumber)
//  currency          `currency`; one Currency::parse knows, else an error on "currency"
//  lines             one per line_items[i]: `sku` (required: Daifa routes by SKU), `quantity`, and the line's
//                    amount after discounts: `total` (a decimal string), plus the line's `total_tax` when the
//                    shop's prices include tax (`prices_include_tax`), so the price is the one the shop
//                    lists. Without `total`, `price` — a JSON number, read from its exact decimal text
//                    (21.99), never as a double — times the quantity. A total that does not divide by the
//                    quantity becomes two lines of the SKU one minor unit apart (add_lines in payload.h).
//  shipping_fee      `shipping_total` plus Σ fee_lines[].total (fees such as a COD surcharge are charged to the
//                    customer on top of the goods; a Daifa order has no other place for them)
//  customer          name from billing.first_name/last_name (Chinese: family name first), else the
//                    shipping name; phone billing.phone, else shipping.phone; email billing.email
//  shipping_address  `shipping` when it has an address_1 or city, else `billing`: name, phone (else the
//                    customer's), country, state → province (China's codes CN1…CN32 become the names
//                    云南, 北京, …, as WooCommerce's own list has them; other countries' codes stay, e.g.
//                    "CA"), city, postcode → postal_code, address_1/address_2 → district + line1 as street_of
//                    in payload.h documents (CN: a district typed as address_2 or at the start of address_1;
//                    else none, and review holds the order as address_incomplete)
//  payment           payment_method "cod" → cod, nothing paid; otherwise prepaid: status processing or
//                    completed → paid = `total`, other statuses (pending, on-hold, failed…) → paid 0. Paid is
//                    capped at the Daifa total: WooCommerce's `total` can include tax Daifa does not carry.
//  note              customer_note (carriage returns removed, cut at 500 characters)
#include <string_view>

#include "domain/common/id.h"
#include "integrations/channels/parsed_order.h"

namespace daifa::integrations {

// Constant time on the raw bytes. False for an empty or missing header (pass "") or an empty secret.
bool verify_woocommerce_signature(std::string_view raw_body, std::string_view header_value, std::string_view secret);

// True for WooCommerce's creation ping: a form body (Content-Type application/x-www-form-urlencoded, any
// parameters) that is exactly `webhook_id=<digits>`.
bool is_woocommerce_ping(std::string_view content_type, std::string_view body);

ParsedOrder parse_woocommerce_order(std::string_view raw_body, Id channel_id);

}  // namespace daifa::integrations
