// Channels and listings over HTTP, on both stores.
#include <gtest/gtest.h>

#include <zip.h>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

class Channels : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
};

constexpr std::string_view kChannel = R"({"name":"抖音小店","kind":"api","secret":"top-secret","stock_buffer":3,
  "pricing_rule":{"mode":"markup","value_bp":10000,"channel_fee_bp":500,"rounding":"x.99","min_margin_bp":1500}})";

TEST_P(Channels, ListingsPriceEachVariantFromItsCheapestOfferAndPublishStockLessTheBuffer) {
  auto c = server_.signed_in("operator");
  auto made = c.post("/api/v1/channels", kChannel);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_FALSE(made.json().as_object().contains("secret"));
  EXPECT_TRUE(made.json().at("has_secret").as_bool());
  std::string id(made.json().at("id").as_string());

  auto listings = c.get("/api/v1/channels/" + id + "/listings");
  ASSERT_EQ(listings.status, 200) << listings.body;
  auto items = listings.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  auto l = items[0].as_object();
  EXPECT_EQ(l.at("sku").as_string(), "TS-RED-M");
  EXPECT_EQ(l.at("status").as_string(), "listed");
  // Landed 25.00 + 5.00 = 30.00; +100 % = 60.00; grossed up for a 5 % fee = 63.16; rounded up to 63.99.
  EXPECT_EQ(l.at("landed_cost").at("amount").as_int64(), 3000);
  EXPECT_EQ(l.at("price").at("amount").as_int64(), 6399);
  EXPECT_EQ(l.at("price").at("currency").as_string(), "CNY");
  EXPECT_EQ(l.at("channel_fee").at("amount").as_int64(), 320);
  EXPECT_EQ(l.at("margin").at("amount").as_int64(), 6399 - 3000 - 320);
  EXPECT_EQ(l.at("published_stock").as_int64(), 10 + 10 - 3);

  auto csv = c.get("/api/v1/channels/" + id + "/listings.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("sku,title,price,currency,stock,status\r\n"), std::string::npos);
  EXPECT_NE(csv.body.find("\"TS-RED-M\",\"纯棉圆领T恤\",63.99,\"CNY\",17,\"listed\"\r\n"), std::string::npos) << csv.body;
}

// A distributor reads the listings of its own shop — its price and the stock it may publish — and nothing of
// what the merchant pays; another distributor's shop is not there for it.
TEST_P(Channels, ADistributorReadsItsOwnShopsPricesAndStockButNoCosts) {
  auto owner = server_.signed_in("owner");
  std::string body(kChannel);
  body.insert(body.find('{') + 1, R"("distributor_id":")" + id_to_string(server_.parties().distributor_a) + R"(",)");
  auto made = owner.post("/api/v1/channels", body);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string path = "/api/v1/channels/" + std::string(made.json().at("id").as_string()) + "/listings";

  auto mine = server_.signed_in("distributor");
  auto listings = mine.get(path);
  ASSERT_EQ(listings.status, 200) << listings.body;
  auto items = listings.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  auto l = items[0].as_object();
  EXPECT_EQ(l.at("sku").as_string(), "TS-RED-M");
  EXPECT_EQ(l.at("price").at("amount").as_int64(), 6399);
  EXPECT_EQ(l.at("published_stock").as_int64(), 17);
  for (const char* cost : {"landed_cost", "channel_fee", "margin", "margin_bp", "offer_id", "supplier_id",
                           "raised_to_min_margin"}) {
    EXPECT_FALSE(l.contains(cost)) << cost;
  }
  auto csv = mine.get(path + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\"TS-RED-M\",\"纯棉圆领T恤\",63.99,\"CNY\",17,\"listed\"\r\n"), std::string::npos) << csv.body;
  EXPECT_EQ(mine.get(path + ".xlsx").status, 200);
  // Its shop itself comes without the pricing rule: a markup next to the price would give the cost away.
  std::string shop = "/api/v1/channels/" + std::string(made.json().at("id").as_string());
  for (const boost::json::value& c : {mine.get(shop).json(), mine.get("/api/v1/channels").json().at("items").at(0)}) {
    EXPECT_EQ(c.at("name"), made.json().at("name"));
    EXPECT_FALSE(c.as_object().contains("pricing_rule")) << c;
  }
  EXPECT_TRUE(owner.get(shop).json().as_object().contains("pricing_rule"));

  // Live: the supplier's next stock push shows in the distributor's next read.
  auto supplier = server_.signed_in("supplier");
  auto pushed = supplier.post("/api/v1/offers/sync", R"({"supplier_id":")" + id_to_string(server_.parties().supplier_a) +
                                                         R"(","items":[{"supplier_sku":"S-)" +
                                                         id_to_string(server_.parties().supplier_a) + R"(","stock":40}]})");
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  auto after = mine.get(path);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json().at("items").at(0).at("published_stock").as_int64(), 40 + 10 - 3);

  auto other = server_.signed_in("distributor_b");
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.get(path + ".csv").status, 404);
  EXPECT_EQ(other.get(path + ".xlsx").status, 404);
  // The merchant's own channel is no distributor's.
  EXPECT_EQ(mine.get("/api/v1/channels/" + id_to_string(server_.parties().channel) + "/listings").status, 404);
}

// Reads one member of a zip archive held in memory.
std::string zip_member(const std::string& archive, const char* name) {
  zip_error_t error;
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  zip_t* zip = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  if (!zip) return "";
  std::string out;
  if (zip_file_t* f = zip_fopen(zip, name, 0)) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_close(zip);
  return out;
}

TEST_P(Channels, ExportsListingsAsAnExcelWorkbook) {
  auto c = server_.signed_in("operator");
  std::string path = "/api/v1/channels/" + id_to_string(server_.parties().channel) + "/listings.xlsx";
  auto r = c.get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type").value_or(""), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip archive
  std::string strings = zip_member(r.body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("TS-RED-M"), std::string::npos) << strings;
  EXPECT_NE(strings.find("纯棉圆领T恤"), std::string::npos);
  EXPECT_NE(zip_member(r.body, "xl/worksheets/sheet1.xml").find("<c r=\"C2\""), std::string::npos);  // the price cell
  EXPECT_EQ(c.get(path + "?x=1").status, 400);
}

TEST_P(Channels, EditsNeedTheVersionAndBadRulesNameTheirFields) {
  auto c = server_.signed_in("owner");
  auto made = c.post("/api/v1/channels", kChannel);
  ASSERT_EQ(made.status, 201);
  std::string path = "/api/v1/channels/" + std::string(made.json().at("id").as_string());
  auto bad = c.patch(path, R"({"version":1,"pricing_rule":{"mode":"target_margin","value_bp":7000,"channel_fee_bp":4000,"colour":1},"stock_buffer":-1})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  auto body = bad.json();
  for (const auto& e : body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"pricing_rule.colour", "stock_buffer"}));
  auto impossible = c.patch(path, R"({"version":1,"pricing_rule":{"mode":"target_margin","value_bp":7000,"channel_fee_bp":4000}})");
  ASSERT_EQ(impossible.status, 422);
  EXPECT_EQ(impossible.json().at("errors").at(0).at("code").as_string(), "no_price_possible");
  auto ok = c.patch(path, R"({"stock_buffer":0})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("stock_buffer").as_int64(), 0);
  EXPECT_EQ(ok.json().at("pricing_rule").at("rounding").as_string(), "x.99");  // untouched
  EXPECT_EQ(c.patch(path, R"({"stock_buffer":1})", {{"If-Match", "\"1\""}}).status, 409);
  EXPECT_EQ(c.get("/api/v1/channels/999/listings").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Channels, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
