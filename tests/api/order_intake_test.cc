// Orders from the channels over HTTP, on both stores: Shopify and WooCommerce webhooks with their real
// signatures (a wrong one stores nothing), WooCommerce's ping, retries that find the first order, and
// CSV/XLSX imports with a report of every row.
#include <gtest/gtest.h>

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "integrations/signature.h"
#include "store/catalog/channel_repo.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

// A Shopify orders/create body as Shopify sends it (trimmed to the fields that matter, as the REST Order
// resource names them).
constexpr std::string_view kShopifyOrder = R"({"id":5678901234,"name":"#1001","email":"li@example.com",
  "currency":"CNY","total_price":"128.80","financial_status":"paid","note":"请尽快发货",
  "customer":{"first_name":"小明","last_name":"李","phone":"+86 139 1234 5678"},
  "shipping_address":{"first_name":"小明","last_name":"李","phone":"13912345678","address1":"文三路 100 号",
    "address2":"西湖区","city":"杭州市","province":"浙江省","country_code":"CN","zip":"310000"},
  "line_items":[{"id":1,"sku":"TS-RED-M","quantity":2,"price":"59.40","title":"纯棉T恤"}],
  "shipping_lines":[{"title":"顺丰","price":"10.00"}]})";

constexpr std::string_view kWooOrder = R"({"id":727,"number":"727","status":"processing","currency":"CNY",
  "total":"69.00","shipping_total":"10.00","payment_method":"alipay","customer_note":"",
  "billing":{"first_name":"芳","last_name":"王","phone":"13800138000","email":"wang@example.com",
    "address_1":"科技园南路 8 号","address_2":"南山区","city":"深圳市","state":"CN30","postcode":"518000","country":"CN"},
  "shipping":{"first_name":"芳","last_name":"王","address_1":"科技园南路 8 号","address_2":"南山区","city":"深圳市",
    "state":"CN30","postcode":"518000","country":"CN"},
  "line_items":[{"id":315,"sku":"TS-RED-M","quantity":1,"price":59,"subtotal":"59.00","total":"59.00"}]})";

class OrderIntake : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");

  std::string channel_of(ChannelKind kind, std::string secret) {
    Channel ch;
    ch.id = server_.app().new_id();
    ch.name = std::string(to_string(kind)) + " 店";
    ch.kind = kind;
    ch.secret = std::move(secret);
    ch.created_at = ch.updated_at = server_.clock().now();
    server_.store().writer().run([&](store::Tx& tx) { store::insert_channel(tx.conn(), ch); });
    return id_to_string(ch.id);
  }

  std::size_t order_count() { return owner_.get("/api/v1/orders?limit=500").json().at("items").as_array().size(); }

  // Whatever a test did, the ledger balances afterwards: every entry, and the whole.
  void TearDown() override {
    auto tb = owner_.get("/api/v1/ledger/trial-balance");
    ASSERT_EQ(tb.status, 200) << tb.body;
    EXPECT_TRUE(tb.json().at("balanced").as_bool()) << tb.body;
  }
};

TEST_P(OrderIntake, AShopifyWebhookSignedWithTheChannelSecretBecomesOneOrderWhateverTheRetries) {
  const std::string channel = channel_of(ChannelKind::shopify, "shpss_secret");
  const std::string path = "/api/v1/channels/" + channel + "/webhooks/shopify";
  HttpClient shopify(server_.port());
  const std::string body(kShopifyOrder);
  const http::Headers signed_headers{{"X-Shopify-Hmac-Sha256", integrations::hmac_sha256_base64("shpss_secret", body)},
                                     {"X-Shopify-Topic", "orders/create"},
                                     {"X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"},
                                     {"Content-Type", "application/json"}};
  auto wrong = shopify.post(path, body, {{"X-Shopify-Hmac-Sha256", integrations::hmac_sha256_base64("other", body)},
                                         {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  auto unsigned_call = shopify.post(path, body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(unsigned_call.status, 401);
  EXPECT_EQ(order_count(), 0u);

  auto first = shopify.post(path, body, signed_headers);
  ASSERT_EQ(first.status, 201) << first.body;
  const json::value order = first.json();
  EXPECT_EQ(order.at("external_id").as_string(), "5678901234");
  EXPECT_EQ(order.at("status").as_string(), "purchased");
  EXPECT_EQ(order.at("totals").at("total").at("amount").as_int64(), 2 * 5940 + 1000);
  EXPECT_EQ(order.at("shipping_address").at("district").as_string(), "西湖区");
  auto retry = shopify.post(path, body, signed_headers);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.json().at("id"), order.at("id"));
  EXPECT_EQ(order_count(), 1u);
  // A tampered body with the old signature is refused.
  std::string tampered = body;
  tampered.replace(tampered.find("\"quantity\":2"), 12, "\"quantity\":9");
  EXPECT_EQ(shopify.post(path, tampered, signed_headers).status, 401);
  // A channel of another kind has no Shopify webhook.
  EXPECT_EQ(shopify.post("/api/v1/channels/" + id_to_string(server_.parties().channel) + "/webhooks/shopify", body,
                         signed_headers).status,
            404);
  // Signed, but no order Daifa can take: acknowledged (a 4xx would make Shopify drop the subscription),
  // recorded, and nothing is made of it.
  const std::string no_sku = R"({"id":5678909999,"currency":"CNY","total_price":"10.00","financial_status":"paid",
    "line_items":[{"id":2,"quantity":1,"price":"10.00"}]})";
  auto refused = shopify.post(path, no_sku, {{"X-Shopify-Hmac-Sha256", integrations::hmac_sha256_base64("shpss_secret", no_sku)},
                                             {"Content-Type", "application/json"}});
  ASSERT_EQ(refused.status, 202) << refused.body;
  EXPECT_FALSE(refused.json().at("accepted").as_bool());
  EXPECT_NE(refused.body.find("line_items[0].sku"), std::string::npos) << refused.body;
  EXPECT_EQ(order_count(), 1u);
  auto h = owner_.get("/api/v1/orders/" + std::string(order.at("id").as_string()) + "/history");
  EXPECT_NE(h.body.find("webhook:shopify:b54557e4"), std::string::npos) << h.body;
}

TEST_P(OrderIntake, AWooCommerceWebhookAnswersThePingAndTakesSignedOrders) {
  const std::string channel = channel_of(ChannelKind::woocommerce, "wc_secret");
  const std::string path = "/api/v1/channels/" + channel + "/webhooks/woocommerce";
  HttpClient woo(server_.port());
  auto ping = woo.post(path, "webhook_id=17", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(ping.status, 200) << ping.body;
  EXPECT_EQ(order_count(), 0u);

  const std::string body(kWooOrder);
  auto wrong = woo.post(path, body, {{"X-WC-Webhook-Signature", "bm90IGl0"}, {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 401);
  const http::Headers headers{{"X-WC-Webhook-Signature", integrations::hmac_sha256_base64("wc_secret", body)},
                              {"X-WC-Webhook-Topic", "order.created"},
                              {"Content-Type", "application/json"}};
  auto made = woo.post(path, body, headers);
  ASSERT_EQ(made.status, 201) << made.body;
  const json::value order = made.json();
  EXPECT_EQ(order.at("external_id").as_string(), "727");
  EXPECT_EQ(order.at("totals").at("total").at("amount").as_int64(), 6900);
  EXPECT_EQ(order.at("totals").at("paid").at("amount").as_int64(), 6900);
  EXPECT_EQ(woo.post(path, body, headers).status, 200);
  EXPECT_EQ(order_count(), 1u);
}

TEST_P(OrderIntake, ACsvImportTakesEachOrderOnItsOwnAndReportsEveryRow) {
  const std::string csv =
      "external_id,customer_name,phone,province,city,district,address,sku,quantity,unit_price,payment_method\n"
      "CSV-1,张三,13800000001,浙江省,杭州市,西湖区,文三路 1 号,TS-RED-M,1,59.00,prepaid\n"
      "CSV-2,李四,13800000002,浙江省,杭州市,西湖区,文三路 2 号,TS-RED-M,x,59.00,prepaid\n"
      "CSV-3,王五,13800000003,浙江省,杭州市,,文三路 3 号,TS-RED-M,2,59.00,cod\n";
  const std::string path = "/api/v1/imports/orders?channel_id=" + id_to_string(server_.parties().channel) + "&file=today.csv";
  auto r = owner_.post(path, csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value report = r.json();
  EXPECT_EQ(report.at("orders_created").as_int64(), 2);
  EXPECT_EQ(report.at("rows_refused").as_int64(), 1);
  const auto& rows = report.at("results").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("row").as_int64(), 2);
  EXPECT_EQ(rows[0].at("status").as_string(), "created");
  EXPECT_EQ(rows[1].at("row").as_int64(), 3);
  EXPECT_EQ(rows[1].at("status").as_string(), "refused");
  EXPECT_EQ(rows[1].at("error").at("field").as_string(), "quantity");
  EXPECT_EQ(rows[2].at("order_status").as_string(), "on_hold");  // no district: review holds it

  auto again = owner_.post(path, csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json().at("orders_created").as_int64(), 0);
  EXPECT_EQ(again.json().at("orders_existing").as_int64(), 2);
  EXPECT_EQ(order_count(), 2u);

  auto bad_header = owner_.post(path, "external_id,colour\nA,red\n", {{"Content-Type", "text/csv"}});
  EXPECT_EQ(bad_header.status, 422) << bad_header.body;
  auto distributor = server_.signed_in("distributor");
  EXPECT_EQ(distributor.post(path, csv, {{"Content-Type", "text/csv"}}).status, 422);
}

TEST_P(OrderIntake, AnXlsxImportReadsTheFirstSheet) {
  auto dir = std::filesystem::temp_directory_path() / ("daifa-xlsx-" + std::to_string(server_.port()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "orders.xlsx").string();
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "订单");
  const char* header[] = {"external_id", "customer_name", "phone", "province", "city", "district", "address", "sku",
                          "quantity", "unit_price"};
  for (int c = 0; c < 10; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  const char* row[] = {"XLSX-1", "赵六", "13800000004", "浙江省", "杭州市", "西湖区", "文三路 4 号", "TS-RED-M"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), row[c], nullptr);
  worksheet_write_number(ws, 1, 8, 2, nullptr);
  worksheet_write_string(ws, 1, 9, "59.00", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove_all(dir);

  auto r = owner_.post("/api/v1/imports/orders?channel_id=" + id_to_string(server_.parties().channel), bytes.str(),
                       {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("orders_created").as_int64(), 1);
  auto list = owner_.get("/api/v1/orders?external_id=XLSX-1");
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.json().at("items").at(0).at("lines").at(0).at("quantity").as_int64(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderIntake, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
