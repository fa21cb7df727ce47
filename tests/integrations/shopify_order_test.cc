// Shopify's orders/create webhook: signatures and the REST Order resource as OrderDraft, with payloads
// written as Shopify's documentation shows them.
#include "integrations/channels/shopify_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "integrations/signature.h"

namespace daifa::integrations {
namespace {

// A US order paid by card: two lines (one discounted), standard shipping, tax on top (taxes_included false).
const std::string kUsPaidOrder = R"json({
  "id": 5678901234567,
  "admin_graphql_api_id": "gid://shopify/Order/5678901234567",
  "app_id": 580111,
  "browser_ip": "203.0.113.7",
  "buyer_accepts_marketing": false,
  "cancel_reason": null,
  "cancelled_at": null,
  "checkout_id": 34567890123,
  "confirmation_number": "XQ4Z9K2PL",
  "confirmed": true,
  "contact_email": "bob.norman@mail.example.com",
  "created_at": "2025-03-20T10:42:17-04:00",
  "currency": "USD",
  "current_total_price": "109.06",
  "customer_locale": "en-US",
  "email": "bob.norman@mail.example.com",
  "financial_status": "paid",
  "fulfillment_status": null,
  "gateway": "shopify_payments",
  "name": "#1001",
  "note": "Please leave it at the side door.\r\nThanks!",
  "number": 1,
  "order_number": 1001,
  "payment_gateway_names": ["shopify_payments"],
  "phone": null,
  "presentment_currency": "USD",
  "processed_at": "2025-03-20T10:42:16-04:00",
  "source_name": "web",
  "subtotal_price": "97.89",
  "tags": "",
  "taxes_included": false,
  "test": false,
  "total_discounts": "5.99",
  "total_line_items_price": "103.88",
  "total_outstanding": "0.00",
  "total_price": "109.06",
  "total_tax": "6.17",
  "total_weight": 600,
  "billing_address": {
    "first_name": "Bob", "last_name": "Norman", "name": "Bob Norman", "company": null,
    "address1": "Chestnut Street 92", "address2": "Apt 4", "city": "Louisville", "province": "Kentucky",
    "province_code": "KY", "country": "United States", "country_code": "US", "zip": "40202",
    "phone": "+1(502)-459-2181", "latitude": 38.2526647, "longitude": -85.7584557
  },
  "customer": {
    "id": 6543210987, "email": "bob.norman@mail.example.com", "created_at": "2024-11-02T09:10:11-04:00",
    "first_name": "Bob", "last_name": "Norman", "state": "enabled", "note": null, "verified_email": true,
    "phone": "+15024592181", "currency": "USD", "tags": ""
  },
  "line_items": [
    {
      "id": 13579246801, "admin_graphql_api_id": "gid://shopify/LineItem/13579246801",
      "fulfillable_quantity": 2, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false,
      "grams": 200, "name": "Cotton T-Shirt - Red / M", "price": "21.99",
      "price_set": {"shop_money": {"amount": "21.99", "currency_code": "USD"},
                    "presentment_money": {"amount": "21.99", "currency_code": "USD"}},
      "product_exists": true, "product_id": 7890123456, "properties": [], "quantity": 2,
      "requires_shipping": true, "sku": "TS-RED-M", "taxable": true, "title": "Cotton T-Shirt",
      "total_discount": "0.00", "variant_id": 42345678901, "variant_title": "Red / M", "vendor": "Daifa Demo",
      "tax_lines": [{"price": "2.64", "rate": 0.06, "title": "KY State Tax"}],
      "discount_allocations": []
    },
    {
      "id": 13579246802, "fulfillable_quantity": 1, "gift_card": false, "grams": 400,
      "name": "Hoodie - Grey / L", "price": "59.90",
      "price_set": {"shop_money": {"amount": "59.90", "currency_code": "USD"},
                    "presentment_money": {"amount": "59.90", "currency_code": "USD"}},
      "product_id": 7890123457, "quantity": 1, "requires_shipping": true, "sku": "HOODIE-GRY-L",
      "taxable": true, "title": "Hoodie", "total_discount": "0.00", "variant_id": 42345678902,
      "tax_lines": [{"price": "3.23", "rate": 0.06, "title": "KY State Tax"}],
      "discount_allocations": [
        {"amount": "5.99", "discount_application_index": 0,
         "amount_set": {"shop_money": {"amount": "5.99", "currency_code": "USD"},
                        "presentment_money": {"amount": "5.99", "currency_code": "USD"}}}
      ]
    }
  ],
  "shipping_address": {
    "first_name": "Bob", "address1": "Chestnut Street 92", "phone": "+1(502)-459-2181", "city": "Louisville",
    "zip": "40202", "province": "Kentucky", "country": "United States", "last_name": "Norman",
    "address2": "Apt 4", "company": null, "latitude": 38.2526647, "longitude": -85.7584557,
    "name": "Bob Norman", "country_code": "US", "province_code": "KY"
  },
  "shipping_lines": [
    {"id": 4321098765, "carrier_identifier": null, "code": "Standard", "discounted_price": "5.00",
     "price": "5.00", "source": "shopify", "title": "Standard Shipping", "tax_lines": [],
     "discount_allocations": []}
  ]
})json";

// A mainland China order, cash on delivery (货到付款): Chinese names, the district typed at the start of
// address1, and an order discount that does not divide evenly over three units.
const std::string kCnCodOrder = R"json({
  "id": 5678901299001,
  "email": "",
  "currency": "CNY",
  "financial_status": "pending",
  "gateway": "Cash on Delivery (COD)",
  "name": "#1002",
  "note": "工作日送货，谢谢",
  "payment_gateway_names": ["Cash on Delivery (COD)"],
  "phone": "+8613800138000",
  "presentment_currency": "CNY",
  "subtotal_price": "368.70",
  "taxes_included": true,
  "total_discounts": "10.00",
  "total_outstanding": "380.70",
  "total_price": "380.70",
  "total_tax": "0.00",
  "customer": {"id": 6543210999, "email": null, "first_name": "小明", "last_name": "王", "phone": null},
  "line_items": [
    {"id": 13579246901, "name": "纯棉T恤 - 红 / M", "price": "59.90", "quantity": 3, "sku": "TS-RED-M",
     "requires_shipping": true, "taxable": false, "total_discount": "0.00",
     "discount_allocations": [{"amount": "10.00", "discount_application_index": 0}]},
    {"id": 13579246902, "name": "龙井茶 250g", "price": "199.00", "quantity": 1, "sku": "TEA-LJ-250G",
     "requires_shipping": true, "taxable": false, "total_discount": "0.00", "discount_allocations": []}
  ],
  "shipping_address": {
    "first_name": "小明", "last_name": "王", "name": "小明 王", "company": null,
    "address1": "南山区科技园南区深南大道10000号", "address2": "腾讯大厦 3楼",
    "city": "深圳市", "province": "Guangdong", "province_code": "GD", "country": "China",
    "country_code": "CN", "zip": "518057", "phone": "13800138000", "latitude": null, "longitude": null
  },
  "shipping_lines": [{"id": 4321098799, "code": "顺丰", "price": "12.00", "title": "顺丰速运", "discount_allocations": []}]
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

TEST(ShopifySignature, OnlyTheExactHmacOfTheRawBodyWithTheSecretPasses) {
  // RFC 4231-style known value: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
  EXPECT_TRUE(verify_shopify_signature("The quick brown fox jumps over the lazy dog",
                                       "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", "key"));
  const std::string secret = "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";
  const std::string header = hmac_sha256_base64(secret, kUsPaidOrder);
  EXPECT_TRUE(verify_shopify_signature(kUsPaidOrder, header, secret));
  EXPECT_TRUE(verify_shopify_signature(kUsPaidOrder, " " + header + " ", secret)) << "header whitespace is not signed";

  std::string flipped = header;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, flipped, secret));
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, header.substr(0, 43), secret));
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, header + "=", secret));
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, "", secret));
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, header, "another-secret"));
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder + " ", header, secret)) << "one more byte of body";
  // An empty secret is a channel without a configured secret: nothing passes, not even a matching HMAC.
  EXPECT_FALSE(verify_shopify_signature(kUsPaidOrder, hmac_sha256_base64("", kUsPaidOrder), ""));
}

TEST(ShopifyOrder, APaidUsOrderMapsEveryField) {
  ParsedOrder p = parse_shopify_order(kUsPaidOrder, 42);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  EXPECT_TRUE(p.errors.empty());
  const OrderDraft& d = *p.draft;
  const Currency usd = *Currency::parse("USD");
  EXPECT_EQ(d.channel_id, 42);
  EXPECT_EQ(d.external_id, "5678901234567");
  EXPECT_EQ(d.customer.name, "Bob Norman");
  EXPECT_EQ(d.customer.phone, "+15024592181");
  EXPECT_EQ(d.customer.email, "bob.norman@mail.example.com");
  const ShippingAddress& a = d.shipping_address;
  EXPECT_EQ(a.name, "Bob Norman");
  EXPECT_EQ(a.phone, "+1(502)-459-2181");
  EXPECT_EQ(a.country, "US");
  EXPECT_EQ(a.province, "Kentucky");
  EXPECT_EQ(a.city, "Louisville");
  EXPECT_EQ(a.district, "");
  EXPECT_EQ(a.line1, "Chestnut Street 92, Apt 4");
  EXPECT_EQ(a.postal_code, "40202");
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_EQ(d.lines[0].sku, "TS-RED-M");
  EXPECT_EQ(d.lines[0].quantity, 2);
  EXPECT_EQ(d.lines[0].unit_price, (Money{2199, usd}));
  EXPECT_EQ(d.lines[1].sku, "HOODIE-GRY-L");
  EXPECT_EQ(d.lines[1].quantity, 1);
  EXPECT_EQ(d.lines[1].unit_price, (Money{5391, usd})) << "59.90 less its 5.99 discount allocation";
  EXPECT_EQ(d.shipping_fee, (Money{500, usd}));
  EXPECT_EQ(d.payment_method, PaymentMethod::prepaid);
  // Shopify's total_price 109.06 includes 6.17 tax, which a Daifa order does not carry: paid is capped.
  EXPECT_EQ(d.paid, (Money{10289, usd}));
  EXPECT_EQ(order_total(d), (Money{10289, usd}));
  EXPECT_EQ(d.note, "Please leave it at the side door.\nThanks!");
  EXPECT_TRUE(d.blind_ship);
}

TEST(ShopifyOrder, AChineseCashOnDeliveryOrderKeepsEveryFen) {
  ParsedOrder p = parse_shopify_order(kCnCodOrder, 7);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  const OrderDraft& d = *p.draft;
  const Currency cny = *Currency::parse("CNY");
  EXPECT_EQ(d.external_id, "5678901299001");
  EXPECT_EQ(d.customer.name, "王小明") << "family name first, no space";
  EXPECT_EQ(d.customer.phone, "+8613800138000") << "the order's phone when the customer has none";
  EXPECT_EQ(d.customer.email, "");
  const ShippingAddress& a = d.shipping_address;
  EXPECT_EQ(a.name, "王小明");
  EXPECT_EQ(a.phone, "13800138000");
  EXPECT_EQ(a.country, "CN");
  EXPECT_EQ(a.province, "Guangdong");
  EXPECT_EQ(a.city, "深圳市");
  EXPECT_EQ(a.district, "南山区");
  EXPECT_EQ(a.line1, "科技园南区深南大道10000号 腾讯大厦 3楼");
  EXPECT_EQ(a.postal_code, "518057");
  EXPECT_TRUE(missing_address_fields(a).empty());
  // 3 × 59.90 − 10.00 = 169.70 does not divide by 3: 1 × 56.56 + 2 × 56.57, exactly 169.70.
  ASSERT_EQ(d.lines.size(), 3u);
  EXPECT_EQ(d.lines[0].sku, "TS-RED-M");
  EXPECT_EQ(d.lines[0].quantity, 1);
  EXPECT_EQ(d.lines[0].unit_price, (Money{5656, cny}));
  EXPECT_EQ(d.lines[1].sku, "TS-RED-M");
  EXPECT_EQ(d.lines[1].quantity, 2);
  EXPECT_EQ(d.lines[1].unit_price, (Money{5657, cny}));
  EXPECT_EQ(d.lines[2].sku, "TEA-LJ-250G");
  EXPECT_EQ(d.lines[2].unit_price, (Money{19900, cny}));
  EXPECT_EQ(d.shipping_fee, (Money{1200, cny}));
  EXPECT_EQ(order_total(d), (Money{38070, cny})) << "equal to Shopify's total_price 380.70";
  EXPECT_EQ(d.payment_method, PaymentMethod::cod);
  EXPECT_FALSE(d.paid) << "cash on delivery: nothing is paid yet";
  EXPECT_EQ(d.note, "工作日送货，谢谢");
}

TEST(ShopifyOrder, PaymentFollowsFinancialStatusAndGateway) {
  const Currency usd = *Currency::parse("USD");
  auto paid_of = [&](const std::string& body) -> std::optional<Money> {
    ParsedOrder p = parse_shopify_order(body, 1);
    EXPECT_TRUE(p.draft) << dump(p.errors);
    return p.draft ? p.draft->paid : std::nullopt;
  };
  std::string partially = replaced(replaced(kUsPaidOrder, R"("financial_status": "paid")", R"("financial_status": "partially_paid")"),
                                   R"("total_outstanding": "0.00")", R"("total_outstanding": "59.06")");
  EXPECT_EQ(paid_of(partially), (Money{5000, usd})) << "109.06 − 59.06 outstanding";
  EXPECT_EQ(paid_of(replaced(kUsPaidOrder, R"("financial_status": "paid")", R"("financial_status": "pending")")),
            (Money{0, usd}));
  EXPECT_EQ(paid_of(replaced(kUsPaidOrder, R"("financial_status": "paid")", R"("financial_status": "authorized")")),
            (Money{0, usd}));
  // A shop's own name for its COD method still reads as COD; a prepaid gateway does not.
  for (std::string gateway : {"cash on delivery", "COD", "货到付款"}) {
    ParsedOrder p = parse_shopify_order(replaced(kUsPaidOrder, R"(["shopify_payments"])", "[\"" + gateway + "\"]"), 1);
    ASSERT_TRUE(p.draft) << dump(p.errors);
    EXPECT_EQ(p.draft->payment_method, PaymentMethod::cod) << gateway;
    EXPECT_FALSE(p.draft->paid);
  }
  ParsedOrder manual = parse_shopify_order(replaced(kUsPaidOrder, R"(["shopify_payments"])", R"(["manual", "gift_card"])"), 1);
  ASSERT_TRUE(manual.draft);
  EXPECT_EQ(manual.draft->payment_method, PaymentMethod::prepaid);
}

TEST(ShopifyOrder, WithoutAShippingAddressTheBillingAddressIsUsed) {
  std::string body = replaced(kUsPaidOrder, R"("shipping_address": {)", R"("shipping_address": null, "unused": {)");
  ParsedOrder p = parse_shopify_order(body, 1);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  EXPECT_EQ(p.draft->shipping_address.city, "Louisville");
  EXPECT_EQ(p.draft->shipping_address.name, "Bob Norman");
}

TEST(ShopifyOrder, ChineseDistrictsAreTakenOnlyWhenClear) {
  auto address_of = [&](const std::string& a1, const std::string& a2) {
    std::string body = replaced(replaced(kCnCodOrder, "南山区科技园南区深南大道10000号", a1), "腾讯大厦 3楼", a2);
    ParsedOrder p = parse_shopify_order(body, 1);
    EXPECT_TRUE(p.draft) << dump(p.errors);
    return p.draft ? p.draft->shipping_address : ShippingAddress{};
  };
  auto a = address_of("科技园南区深南大道10000号", "南山区");
  EXPECT_EQ(a.district, "南山区");
  EXPECT_EQ(a.line1, "科技园南区深南大道10000号");
  a = address_of("浦东新区世纪大道100号", "");
  EXPECT_EQ(a.district, "浦东新区");
  EXPECT_EQ(a.line1, "世纪大道100号");
  a = address_of("深南大道10000号", "腾讯大厦");  // no district anywhere: none guessed, review holds the order
  EXPECT_EQ(a.district, "");
  EXPECT_EQ(a.line1, "深南大道10000号 腾讯大厦");
  EXPECT_EQ(missing_address_fields(a), std::vector<std::string>{"district"});
  for (std::string street : {"科技园南区深南大道10000号", "阳光小区3栋2单元", "东校区1号楼", "中山路1号"}) {
    a = address_of(street, "");  // not districts, although some end in 区
    EXPECT_EQ(a.district, "") << street;
    EXPECT_EQ(a.line1, street);
  }
  a = address_of("1号楼", "阳光小区");
  EXPECT_EQ(a.district, "") << "a housing estate in address2 is not a district";
  EXPECT_EQ(a.line1, "1号楼 阳光小区");
  a = address_of("人民路8号", "昆山市");
  EXPECT_EQ(a.district, "昆山市") << "a county-level city, typed alone";
  a = address_of("广东省深圳市南山区科技园", "");  // a full address typed in one field: not split
  EXPECT_EQ(a.district, "");
  EXPECT_EQ(a.line1, "广东省深圳市南山区科技园");
}

TEST(ShopifyOrder, EveryInvalidFieldIsNamedByItsPayloadPath) {
  std::string body = kUsPaidOrder;
  body = replaced(body, R"("id": 5678901234567,)", R"("id": "abc",)");
  body = replaced(body, R"("currency": "USD")", R"("currency": "XBT")");
  body = replaced(body, R"("sku": "TS-RED-M")", R"("sku": null)");
  body = replaced(body, R"("quantity": 1, "requires_shipping")", R"("quantity": "1", "requires_shipping")");
  ParsedOrder p = parse_shopify_order(body, 1);
  EXPECT_FALSE(p.draft);
  EXPECT_TRUE(has_error(p, "id", "must_be_id")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "currency", "unknown_currency"));
  EXPECT_TRUE(has_error(p, "line_items[0].sku", "required"));
  EXPECT_TRUE(has_error(p, "line_items[1].quantity", "must_be_integer"));

  // With a known currency, the amounts are checked too: exact decimals only.
  body = replaced(kUsPaidOrder, R"("price": "59.90")", R"("price": "59.999")");
  body = replaced(body, R"("price": "5.00")", R"("price": 5.5e0)");
  body = replaced(body, R"("amount": "5.99", "discount_application_index")", R"("amount": "-1", "discount_application_index")");
  p = parse_shopify_order(body, 1);
  EXPECT_FALSE(p.draft);
  EXPECT_TRUE(has_error(p, "line_items[1].price", "must_be_decimal")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "shipping_lines[0].price", "must_be_decimal")) << "an exponent is not a plain decimal";
  EXPECT_TRUE(has_error(p, "line_items[1].discount_allocations[0].amount", "must_be_decimal"));

  p = parse_shopify_order(replaced(kUsPaidOrder, R"("amount": "5.99", "discount_application_index")",
                                   R"("amount": "60.00", "discount_application_index")"), 1);
  EXPECT_TRUE(has_error(p, "line_items[1].discount_allocations", "exceeds_price")) << dump(p.errors);

  p = parse_shopify_order(replaced(kUsPaidOrder, R"("quantity": 2,)", R"("quantity": 0,)"), 1);
  EXPECT_TRUE(has_error(p, "line_items[0].quantity", "out_of_range")) << dump(p.errors);
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("quantity": 2,)", R"("quantity": 9999999999,)"), 1);
  EXPECT_TRUE(has_error(p, "line_items[0].quantity", "out_of_range")) << dump(p.errors);
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("price": "21.99")", R"("price": "90000000000000.00")"), 1);
  EXPECT_TRUE(has_error(p, "line_items[0].price", "out_of_range")) << dump(p.errors);

  p = parse_shopify_order(replaced(kUsPaidOrder, R"("currency": "USD")", R"("currency": null)"), 1);
  EXPECT_TRUE(has_error(p, "currency", "required")) << dump(p.errors);
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("id": 5678901234567,)", R"("id": -5,)"), 1);
  EXPECT_TRUE(has_error(p, "id", "must_be_id"));
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("id": 5678901234567,)", ""), 1);
  EXPECT_TRUE(has_error(p, "id", "required"));
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("customer": {)", R"("customer": [], "x": {)"), 1);
  EXPECT_TRUE(has_error(p, "customer", "must_be_object"));
  p = parse_shopify_order(replaced(kUsPaidOrder, R"("city": "Louisville",
    "zip")", R"("city": 7, "zip")"), 1);
  EXPECT_TRUE(has_error(p, "shipping_address.city", "must_be_string")) << dump(p.errors);

  std::string no_lines = kCnCodOrder.substr(0, kCnCodOrder.find(R"("line_items")")) + R"("line_items": []})";
  p = parse_shopify_order(no_lines, 1);
  EXPECT_TRUE(has_error(p, "line_items", "required")) << dump(p.errors);
  p = parse_shopify_order(R"({"id": 1, "currency": "CNY"})", 1);
  EXPECT_TRUE(has_error(p, "line_items", "required"));
  p = parse_shopify_order(R"({"id": 1, "currency": "CNY", "line_items": [7]})", 1);
  EXPECT_TRUE(has_error(p, "line_items[0]", "must_be_object"));
}

TEST(ShopifyOrder, DomainValidationErrorsAreRenamedToPayloadPaths) {
  std::string body = replaced(kUsPaidOrder, R"("email": "bob.norman@mail.example.com",
  "financial_status")", R"("email": "bob at example", "financial_status")");
  body = replaced(body, R"("country_code": "US", "province_code": "KY"
  },
  "shipping_lines")", R"("country_code": "USA", "province_code": "KY"
  },
  "shipping_lines")");
  body = replaced(body, R"("sku": "HOODIE-GRY-L")", "\"sku\": \"" + std::string(65, 'H') + "\"");
  ParsedOrder p = parse_shopify_order(body, 1);
  EXPECT_FALSE(p.draft);
  EXPECT_TRUE(has_error(p, "email", "invalid_email")) << dump(p.errors);
  EXPECT_TRUE(has_error(p, "shipping_address.country_code", "must_be_country_code"));
  EXPECT_TRUE(has_error(p, "line_items[1].sku", "too_long"));
  for (const auto& e : p.errors) EXPECT_EQ(e.field.find("lines["), std::string::npos) << "a Daifa path leaked: " << e.field;
}

TEST(ShopifyOrder, LongNotesAreCutNotRefused) {
  std::string long_note(700, 'x');
  ParsedOrder p = parse_shopify_order(replaced(kUsPaidOrder, R"("Please leave it at the side door.\r\nThanks!")",
                                               "\"" + long_note + "\""), 1);
  ASSERT_TRUE(p.draft) << dump(p.errors);
  EXPECT_EQ(p.draft->note.size(), 500u);
}

TEST(ShopifyOrder, ABodyThatIsNotAnOrderObjectIsOneError) {
  for (std::string body : {"", "{", "[1,2]", "\"order\"", "{\"id\": 1} trailing", "null"}) {
    ParsedOrder p = parse_shopify_order(body, 1);
    EXPECT_FALSE(p.draft) << body;
    ASSERT_EQ(p.errors.size(), 1u) << body;
    EXPECT_EQ(p.errors[0].field, "body");
  }
}

}  // namespace
}  // namespace daifa::integrations
