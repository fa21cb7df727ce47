// WooCommerce's order.created webhook: signature, the creation ping, and a REST API v3 order as
// OrderDraft, with payloads written as WooCommerce's REST API documentation shows them.
#include "integrations/channels/woocommerce_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "integrations/signature.h"

namespace daifa::integrations {
namespace {

// A Shenzhen order paid by Alipay ("processing"): line prices as JSON numbers (21.99, 59.9), the
// district typed as address_2, WooCommerce's state code CN20 (广东).
const std::string kCnPaidOrder = R"json({
  "id": 727,
  "parent_id": 0,
  "number": "727",
  "order_key": "wc_order_58d2d042d1d",
  "created_via": "checkout",
  "version": "8.6.1",
  "status": "processing",
  "currency": "CNY",
  "date_created": "2025-03-20T16:30:41",
  "date_created_gmt": "2025-03-20T08:30:41",
  "date_modified": "2025-03-20T16:30:45",
  "date_modified_gmt": "2025-03-20T08:30:45",
  "discount_total": "0.00",
  "discount_tax": "0.00",
  "shipping_total": "10.00",
  "shipping_tax": "0.00",
  "cart_tax": "0.00",
  "total": "113.88",
  "total_tax": "0.00",
  "prices_include_tax": false,
  "customer_id": 26,
  "customer_ip_address": "::1",
  "customer_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)",
  "customer_note": "工作日送货\r\n请先电话联系",
  "billing": {
    "first_name": "芳", "last_name": "李", "company": "", "address_1": "科技园南区深南大道10000号",
    "address_2": "南山区", "city": "深圳市", "state": "CN20", "postcode": "518057", "country": "CN",
    "email": "lifang@example.cn", "phone": "13912345678"
  },
  "shipping": {
    "first_name": "芳", "last_name": "李", "company": "", "address_1": "科技园南区深南大道10000号",
    "address_2": "南山区", "city": "深圳市", "state": "CN20", "postcode": "518057", "country": "CN",
    "phone": ""
  },
  "payment_method": "alipay",
  "payment_method_title": "支付宝",
  "transaction_id": "2025032022001412345678901234",
  "date_paid": "2025-03-20T16:30:45",
  "date_paid_gmt": "2025-03-20T08:30:45",
  "date_completed": null,
  "date_completed_gmt": null,
  "cart_hash": "b5a2a4e6b0e8a9c1d7f3e2c1b0a9f8e7",
  "meta_data": [],
  "line_items": [
    {
      "id": 315, "name": "纯棉T恤 - 红, M", "product_id": 93, "variation_id": 101, "quantity": 2,
      "tax_class": "", "subtotal": "43.98", "subtotal_tax": "0.00", "total": "43.98", "total_tax": "0.00",
      "taxes": [], "meta_data": [{"id": 2001, "key": "pa_color", "value": "red"}], "sku": "TS-RED-M",
      "price": 21.99, "image": {"id": "", "src": ""}, "parent_name": "纯棉T恤"
    },
    {
      "id": 316, "name": "连帽卫衣 - 灰, L", "product_id": 94, "variation_id": 0, "quantity": 1,
      "tax_class": "", "subtotal": "59.90", "subtotal_tax": "0.00", "total": "59.90", "total_tax": "0.00",
      "taxes": [], "meta_data": [], "sku": "HOODIE-GRY-L", "price": 59.9, "parent_name": null
    }
  ],
  "tax_lines": [],
  "shipping_lines": [
    {"id": 317, "method_title": "Flat rate", "method_id": "flat_rate", "instance_id": "1", "total": "10.00",
     "total_tax": "0.00", "taxes": [], "meta_data": []}
  ],
  "fee_lines": [],
  "coupon_lines": [],
  "refunds": [],
  "currency_symbol": "¥",
  "_links": {"self": [{"href": "https://shop.example.cn/wp-json/wc/v3/orders/727"}],
             "collection": [{"href": "https://shop.example.cn/wp-json/wc/v3/orders"}]}
})json";

// A San Francisco order, cash on delivery with a COD fee, shipped to the billing address (WooCommerce
// sends the shipping object as empty strings), a coupon that leaves 25.00 for 3 mugs.
const std::string kUsCodOrder = R"json({
  "id": 728,
  "number": "728",
  "status": "processing",
  "currency": "USD",
  "discount_total": "5.00",
  "shipping_total": "7.50",
  "total": "34.50",
  "total_tax": "0.00",
  "prices_include_tax": false,
  "customer_id": 0,
  "customer_note": "",
  "billing": {
    "first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market", "address_2": "",
    "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US",
    "email": "john.doe@example.com", "phone": "(555) 555-5555"
  },
  "shipping": {
    "first_name": "", "last_name": "", "company": "", "address_1": "", "address_2": "", "city": "",
    "state": "", "postcode": "", "country": "", "phone": ""
  },
  "payment_method": "cod",
  "payment_method_title": "Cash on delivery",
  "transaction_id": "",
  "date_paid": null,
  "line_items": [
    {"id": 320, "name": "Mug - White", "product_id": 95, "variation_id": 0, "quantity": 3, "tax_class": "",
     "subtotal": "30.00", "subtotal_tax": "0.00", "total": "25.00", "total_tax": "0.00", "taxes": [],
     "meta_data": [], "sku": "MUG-WHT", "price": 8.333333333333334}
  ],
  "shipping_lines": [{"id": 321, "method_title": "Flat rate", "method_id": "flat_rate", "total": "7.50", "total_tax": "0.00"}],
  "fee_lines": [{"id": 322, "name": "COD fee", "tax_class": "", "tax_status": "none", "total": "2.00", "total_tax": "0.00"}],
  "coupon_lines": [{"id": 323, "code": "mug5", "discount": "5.00", "discount_tax": "0.00"}],
  "refunds": []
})json";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

bool has_error(const ParsedOrder& p, const std::string& field, const std::string& code) {
  return std::any_of(p.errors.begin(), p.errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

std::string dump(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + " " + e.code + " (" + e.message + ")\n";
  return out;
}

TEST(WooCommerceSignature, OnlyTheExactHmacOfTheRawBodyWithTheSecretPasses) {
  EXPECT_TRUE(verify_woocommerce_signature("The quick brown fox jumps over the lazy dog",
                                           "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", "key"));
  const std::string secret = "wc-secret-Zm9vYmFy";
  const std::string header = hmac_sha256_base64(secret, kCnPaidOrder);
  EXPECT_TRUE(verify_woocommerce_signature(kCnPaidOrder, header, secret));
  std::string flipped = header;
  flipped[0] = flipped[0] == 'x' ? 'y' : 'x';
  EXPECT_FALSE(verify_woocommerce_signature(kCnPaidOrder, flipped, secret));
  EXPECT_FALSE(verify_woocommerce_signature(kCnPaidOrder, "", secret));
  EXPECT_FALSE(verify_woocommerce_signature(kCnPaidOrder, header, ""));
  EXPECT_FALSE(verify_woocommerce_signature(kCnPaidOrder, hmac_sha256_base64(secret, kUsCodOrder), secret));
  // A hex digest of the right HMAC is not WooCommerce's format.
  EXPECT_FALSE(verify_woocommerce_signature(kCnPaidOrder, hmac_sha256_hex(secret, kCnPaidOrder), secret));
}

TEST(WooCommercePing, OnlyTheFormBodyWithAWebhookIdIsThePing) {
  EXPECT_TRUE(is_woocommerce_ping("application/x-www-form-urlencoded", "webhook_id=15"));
  EXPECT_TRUE(is_woocommerce_ping("application/x-www-form-urlencoded; charset=UTF-8", "webhook_id=15"));
  EXPECT_TRUE(is_woocommerce_ping("Application/X-WWW-Form-Urlencoded", "webhook_id=123456"));
  EXPECT_FALSE(is_woocommerce_ping("application/json", "webhook_id=15"));
  EXPECT_FALSE(is_woocommerce_ping("", "webhook_id=15"));
  EXPECT_FALSE(is_woocommerce_ping("application/x-www-form-urlencoded", "webhook_id="));
  EXPECT_FALSE(is_woocommerce_ping("application/x-www-form-urlencoded", "webhook_id=abc"));
  EXPECT_FALSE(is_woocommerce_ping("application/x-www-form-urlencoded", "webhook_id=15&status=active"));
  EXPECT_FALSE(is_woocommerce_ping("application/x-www-form-urlencoded", ""));
  EXPECT_FALSE(is_woocommerce_ping("application/x-www-form-urlencoded", kCnPaidOrder));
  EXPECT_FALSE(is_woocommerce_ping("application/json", kCnPaidOrder));
}

TEST(WooCommerceOrder, APaidChineseOrderMapsEveryField) {
  ParsedOrder p = parse_woocommerce_order(kCnPaidOrder, 9);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  const OrderDraft& d = *p.draft;
  const Currency cny = *Currency::parse("CNY");
  EXPECT_EQ(d.channel_id, 9);
  EXPECT_EQ(d.external_id, "727");
  EXPECT_EQ(d.customer.name, "李芳");
  EXPECT_EQ(d.customer.phone, "13912345678");
  EXPECT_EQ(d.customer.email, "lifang@example.cn");
  const ShippingAddress& a = d.shipping_address;
  EXPECT_EQ(a.name, "李芳");
  EXPECT_EQ(a.phone, "13912345678") << "the shipping phone is empty: the customer's";
  EXPECT_EQ(a.country, "CN");
  EXPECT_EQ(a.province, "广东") << "WooCommerce's CN20";
  EXPECT_EQ(a.city, "深圳市");
  EXPECT_EQ(a.district, "南山区");
  EXPECT_EQ(a.line1, "科技园南区深南大道10000号");
  EXPECT_EQ(a.postal_code, "518057");
  EXPECT_TRUE(missing_address_fields(a).empty());
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_EQ(d.lines[0].sku, "TS-RED-M");
  EXPECT_EQ(d.lines[0].quantity, 2);
  EXPECT_EQ(d.lines[0].unit_price, (Money{2199, cny}));
  EXPECT_EQ(d.lines[1].sku, "HOODIE-GRY-L");
  EXPECT_EQ(d.lines[1].unit_price, (Money{5990, cny}));
  EXPECT_EQ(d.shipping_fee, (Money{1000, cny}));
  EXPECT_EQ(d.payment_method, PaymentMethod::prepaid);
  EXPECT_EQ(d.paid, (Money{11388, cny}));
  EXPECT_EQ(order_total(d), (Money{11388, cny})) << "equal to WooCommerce's total";
  EXPECT_EQ(d.note, "工作日送货\n请先电话联系");
}

TEST(WooCommerceOrder, ANumericPriceIsReadFromItsDigitsNeverAsADouble) {
  // Without `total`, the unit price is the JSON number's own text. 4.35 is 4.3499999999999996… as a
  // double, and 0.29 × 100 is 28.999999999999996: both would lose a cent through floating point.
  const Currency cny = *Currency::parse("CNY");
  for (auto [text, minor] : {std::pair{"4.35", 435}, {"0.29", 29}, {"21.99", 2199}, {"1", 100}, {"59.9", 5990},
                             {"1.10", 110}, {"1.100", 110}}) {
    std::string body = replaced(kCnPaidOrder, R"("total": "43.98", "total_tax": "0.00",)", "");
    body = replaced(body, R"("price": 21.99)", std::string("\"price\": ") + text);
    ParsedOrder p = parse_woocommerce_order(body, 1);
    ASSERT_TRUE(p.draft) << text << "\n" << dump(p.errors);
    EXPECT_EQ(p.draft->lines[0].unit_price, (Money{minor, cny})) << text;
    EXPECT_EQ(p.draft->lines[0].quantity, 2);
  }
  for (std::string text : {"8.333333333333334", "1e1", "2.5E-1", "-1"}) {
    std::string body = replaced(kCnPaidOrder, R"("total": "43.98", "total_tax": "0.00",)", "");
    body = replaced(body, R"("price": 21.99)", "\"price\": " + text);
    ParsedOrder p = parse_woocommerce_order(body, 1);
    EXPECT_FALSE(p.draft) << text;
    EXPECT_TRUE(has_error(p, "line_items[0].price", "must_be_decimal")) << text << "\n" << dump(p.errors);
  }
}

TEST(WooCommerceOrder, CashOnDeliveryToTheBillingAddressWithACouponAndAFee) {
  ParsedOrder p = parse_woocommerce_order(kUsCodOrder, 3);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  const OrderDraft& d = *p.draft;
  const Currency usd = *Currency::parse("USD");
  EXPECT_EQ(d.external_id, "728");
  EXPECT_EQ(d.payment_method, PaymentMethod::cod);
  EXPECT_FALSE(d.paid);
  const ShippingAddress& a = d.shipping_address;
  EXPECT_EQ(a.name, "John Doe");
  EXPECT_EQ(a.phone, "(555) 555-5555");
  EXPECT_EQ(a.country, "US");
  EXPECT_EQ(a.province, "CA");
  EXPECT_EQ(a.city, "San Francisco");
  EXPECT_EQ(a.line1, "969 Market");
  EXPECT_EQ(a.postal_code, "94103");
  // The coupon leaves 25.00 for 3 mugs: 2 × 8.33 + 1 × 8.34, never 8.333….
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_EQ(d.lines[0].quantity, 2);
  EXPECT_EQ(d.lines[0].unit_price, (Money{833, usd}));
  EXPECT_EQ(d.lines[1].quantity, 1);
  EXPECT_EQ(d.lines[1].unit_price, (Money{834, usd}));
  EXPECT_EQ(d.shipping_fee, (Money{950, usd})) << "7.50 shipping + 2.00 COD fee";
  EXPECT_EQ(order_total(d), (Money{3450, usd})) << "what the carrier collects: WooCommerce's total";
}

TEST(WooCommerceOrder, PaidFollowsTheStatus) {
  const Currency cny = *Currency::parse("CNY");
  for (auto [status, paid] : {std::pair{"processing", 11388}, {"completed", 11388}, {"pending", 0}, {"on-hold", 0},
                              {"failed", 0}}) {
    ParsedOrder p = parse_woocommerce_order(
        replaced(kCnPaidOrder, R"("status": "processing")", std::string("\"status\": \"") + status + "\""), 1);
    ASSERT_TRUE(p.draft) << dump(p.errors);
    EXPECT_EQ(p.draft->payment_method, PaymentMethod::prepaid);
    EXPECT_EQ(p.draft->paid, (Money{paid, cny})) << status;
  }
}

TEST(WooCommerceOrder, TaxInclusivePricesKeepTheirTax) {
  std::string body = replaced(kCnPaidOrder, R"("prices_include_tax": false)", R"("prices_include_tax": true)");
  body = replaced(body, R"("total": "43.98", "total_tax": "0.00")", R"("total": "38.92", "total_tax": "5.06")");
  body = replaced(body, R"("total": "113.88")", R"("total": "113.88")");
  ParsedOrder p = parse_woocommerce_order(body, 1);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  EXPECT_EQ(p.draft->lines[0].unit_price.amount_minor, 2199) << "(38.92 + 5.06) / 2, as the shop lists it";
}

TEST(WooCommerceOrder, EveryInvalidFieldIsNamedByItsPayloadPath) {
  std::string body = replaced(kCnPaidOrder, R"("currency": "CNY")", R"("currency": "RMB")");
  body = replaced(body, R"("id": 727,)", R"("id": 0,)");
  body = replaced(body, R"("sku": "HOODIE-GRY-L")", R"("sku": "")");
  ParsedOrder p = parse_woocommerce_order(body, 1);
  EXPECT_FALSE(p.draft);
  EXPECT_TRUE(has_error(p, "currency", "unknown_currency")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "id", "must_be_id"));
  EXPECT_TRUE(has_error(p, "line_items[1].sku", "required"));

  body = replaced(kCnPaidOrder, R"("total": "59.90")", R"("total": "59.9O")");
  body = replaced(body, R"("shipping_total": "10.00")", R"("shipping_total": "ten")");
  body = replaced(body, R"("quantity": 2,)", R"("quantity": 2.5,)");
  p = parse_woocommerce_order(body, 1);
  EXPECT_TRUE(has_error(p, "line_items[1].total", "must_be_decimal")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "shipping_total", "must_be_decimal"));
  EXPECT_TRUE(has_error(p, "line_items[0].quantity", "must_be_integer"));

  p = parse_woocommerce_order(replaced(kUsCodOrder, R"("total": "2.00", "total_tax")", R"("total": "-20.00", "total_tax")"), 1);
  EXPECT_TRUE(has_error(p, "fee_lines", "negative_total")) << dump(p.errors);
  p = parse_woocommerce_order(replaced(kCnPaidOrder, R"("prices_include_tax": false)", R"("prices_include_tax": "no")"), 1);
  EXPECT_TRUE(has_error(p, "prices_include_tax", "must_be_boolean"));
  p = parse_woocommerce_order(replaced(kCnPaidOrder, R"("line_items": [)", R"("line_items": {}, "x": [)"), 1);
  EXPECT_TRUE(has_error(p, "line_items", "must_be_array")) << dump(p.errors);

  // Domain validation, renamed to WooCommerce's paths.
  body = replaced(kCnPaidOrder, R"("email": "lifang@example.cn")", R"("email": "lifang")");
  body = replaced(body, R"("country": "CN",
    "phone": "")", R"("country": "China",
    "phone": "")");
  p = parse_woocommerce_order(body, 1);
  EXPECT_FALSE(p.draft);
  EXPECT_TRUE(has_error(p, "billing.email", "invalid_email")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "shipping.country", "must_be_country_code"));

  for (std::string bad : {"", "webhook_id=15", "[]", "{\"id\": 1,}"}) {
    p = parse_woocommerce_order(bad, 1);
    ASSERT_EQ(p.errors.size(), 1u) << bad;
    EXPECT_EQ(p.errors[0].field, "body");
  }
}

}  // namespace
}  // namespace daifa::integrations
