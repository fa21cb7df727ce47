// Products with variants and size charts through the API, on both stores.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "app/catalog/products.h"
#include "app/demo/demo.h"
#include "store/catalog/product_repo.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

const char* kTee = R"({
  "title": "纯棉宽松短袖T恤", "title_en": "Loose cotton tee", "category": "女装/T恤",
  "tags": ["纯棉", "夏季"], "description": "180 克精梳棉。",
  "size_chart": [{"尺码": "M", "胸围（cm）": "100", "衣长（cm）": "66"},
                 {"尺码": "L", "胸围（cm）": "104", "衣长（cm）": "68"}],
  "variants": [
    {"sku": "TEE-WHT-M", "options": {"颜色": "白", "尺码": "M"}, "price": {"amount": 4990, "currency": "CNY"}, "weight_g": 170},
    {"sku": "TEE-WHT-L", "options": {"颜色": "白", "尺码": "L"}, "price": {"amount": 4990, "currency": "CNY"}, "weight_g": 180}
  ]})";

std::set<std::string> error_fields(const HttpResult& r) {
  std::set<std::string> out;
  const json::value body = r.json();  // kept alive: the loop below refers into it
  for (const auto& e : body.at("errors").as_array()) out.insert(std::string(e.at("field").as_string()));
  return out;
}

std::string code_of(const HttpResult& r, std::string_view field) {
  const json::value body = r.json();
  for (const auto& e : body.at("errors").as_array()) {
    if (e.at("field").as_string() == field) return std::string(e.at("code").as_string());
  }
  return "";
}

std::int64_t product_count(TestServer& s) {
  return s.store().reads().read([](store::Connection& c) { return store::count_products(c); });
}

class Products : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("operator");
};

TEST_P(Products, AProductIsCreatedWithVariantsAndSizeChartAndReadBack) {
  auto r = owner_.post("/api/v1/products", kTee);
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = r.json().as_object();
  EXPECT_EQ(p.at("title").as_string(), "纯棉宽松短袖T恤");
  EXPECT_EQ(p.at("tags").as_array().size(), 2u);
  auto chart = p.at("size_chart").as_array();
  ASSERT_EQ(chart.size(), 2u);
  EXPECT_EQ(chart[1].at("胸围（cm）").as_string(), "104");
  auto first_column = chart[0].as_object().begin()->key();
  EXPECT_EQ(first_column, "尺码");  // columns keep their order
  auto variants = p.at("variants").as_array();
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].at("sku").as_string(), "TEE-WHT-M");
  EXPECT_EQ(variants[0].at("options").at("尺码").as_string(), "M");
  EXPECT_EQ(variants[1].at("price").at("amount").as_int64(), 4990);
  EXPECT_TRUE(p.at("images").as_array().empty());
  EXPECT_TRUE(p.at("compliance").at("matches").as_array().empty());
  EXPECT_EQ(p.at("version").as_int64(), 1);
  std::string location(r.header("Location").value_or(""));
  EXPECT_EQ(location, "/api/v1/products/" + std::string(p.at("id").as_string()));

  auto read = server_.signed_in("distributor").get(location);
  ASSERT_EQ(read.status, 200);
  // A distributor reads the same product, with the price its tier pays in place of every tier's prices.
  auto seen = read.json().as_object();
  for (auto* o : {&seen, &p}) {
    for (auto& v : o->at("variants").as_array()) {
      v.as_object().erase("tier_prices");
      v.as_object().erase("tier_price");
    }
  }
  EXPECT_EQ(seen, p);
  EXPECT_EQ(read.header("ETag").value_or(""), "\"1\"");
}

// Tier prices (分销价): staff set and read every tier's; a distributor reads only the price its own tier pays —
// the nearest lower tier's when its own has none, the list price when none has — and never the others.
TEST_P(Products, TierPricesAreSetPerVariantAndEachDistributorSeesOnlyItsOwn) {
  std::string path = "/api/v1/products/" + id_to_string(server_.parties().product);
  auto current = owner_.get(path).json();
  std::string variant(current.at("variants").at(0).at("id").as_string());
  EXPECT_TRUE(current.at("variants").at(0).at("tier_prices").as_array().empty());
  EXPECT_EQ(current.at("variants").at(0).at("available").as_int64(), 20);  // two offers of 10, none reserved

  // Before any tier price, a distributor pays the list price.
  auto before = server_.signed_in("distributor").get(path).json().at("variants").at(0);
  EXPECT_EQ(before.at("tier_price").at("price").at("amount").as_int64(), 5900);
  EXPECT_TRUE(before.at("tier_price").at("from_tier").is_null());

  auto r = owner_.patch(path, R"({"version": )" + std::to_string(current.at("version").as_int64()) +
                                  R"(, "variants": [{"id": ")" + variant + R"(", "tier_prices": [
                                    {"tier": 3, "price": {"amount": 4200, "currency": "CNY"}},
                                    {"tier": 1, "price": {"amount": 5000, "currency": "CNY"}}]}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto tiers = r.json().at("variants").at(0).at("tier_prices").as_array();
  ASSERT_EQ(tiers.size(), 2u);  // in tier order
  EXPECT_EQ(tiers[0].at("tier").as_int64(), 1);
  EXPECT_EQ(tiers[0].at("price").at("amount").as_int64(), 5000);
  EXPECT_EQ(tiers[1].at("tier").as_int64(), 3);
  EXPECT_EQ(tiers[1].at("price").at("currency").as_string(), "CNY");
  EXPECT_EQ(owner_.get(path).json().at("variants").at(0).at("tier_prices"), r.json().at("variants").at(0).at("tier_prices"));

  // distributor_a is tier 2: no tier-2 price, so tier 1's. distributor_b is tier 3: its own.
  for (auto [who, tier, amount, from] : {std::tuple{"distributor", 2, 5000, 1}, std::tuple{"distributor_b", 3, 4200, 3}}) {
    auto client = server_.signed_in(who);
    for (const json::value& body : {client.get(path).json(), client.get("/api/v1/products").json().at("items").at(0)}) {
      const auto& v = body.at("variants").at(0).as_object();
      EXPECT_FALSE(v.contains("tier_prices")) << who;
      EXPECT_EQ(v.at("tier_price").at("tier").as_int64(), tier) << who;
      EXPECT_EQ(v.at("tier_price").at("from_tier").as_int64(), from) << who;
      EXPECT_EQ(v.at("tier_price").at("price").at("amount").as_int64(), amount) << who;
      EXPECT_EQ(v.at("available").as_int64(), 20) << who;
    }
  }
  // Left out of an edit, they stay; [] removes them.
  auto version = r.json().at("version").as_int64();
  r = owner_.patch(path, R"({"version": )" + std::to_string(version) + R"(, "variants": [{"id": ")" + variant +
                             R"(", "weight_g": 200}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("variants").at(0).at("tier_prices").as_array().size(), 2u);
  r = owner_.patch(path, R"({"version": )" + std::to_string(version + 1) + R"(, "variants": [{"id": ")" + variant +
                             R"(", "tier_prices": []}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("variants").at(0).at("tier_prices").as_array().empty());
}

TEST_P(Products, BadTierPricesAreRefusedFieldByFieldAndNothingChanges) {
  std::string path = "/api/v1/products/" + id_to_string(server_.parties().product);
  auto current = owner_.get(path).json();
  std::string variant(current.at("variants").at(0).at("id").as_string());
  auto r = owner_.patch(path, R"({"version": )" + std::to_string(current.at("version").as_int64()) +
                                  R"(, "variants": [{"id": ")" + variant + R"(", "tier_prices": [
                                    {"tier": 6, "price": {"amount": 100, "currency": "CNY"}},
                                    {"tier": 1, "price": {"amount": 100, "currency": "USD"}},
                                    {"tier": 2, "price": {"amount": 9900, "currency": "CNY"}},
                                    {"tier": 3, "price": {"amount": 4000, "currency": "CNY"}},
                                    {"tier": 3, "price": {"amount": 3000, "currency": "CNY"}},
                                    {"tier": 4, "price": {"amount": 4500, "currency": "CNY"}},
                                    {"price": {"amount": 1, "currency": "CNY"}},
                                    "cheap"]}]})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[6].tier"), "required");
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[7]"), "must_be_object");
  // Read errors come first; fix them and the rules speak.
  r = owner_.patch(path, R"({"version": )" + std::to_string(current.at("version").as_int64()) +
                             R"(, "variants": [{"id": ")" + variant + R"(", "tier_prices": [
                               {"tier": 6, "price": {"amount": 100, "currency": "CNY"}},
                               {"tier": 1, "price": {"amount": 100, "currency": "USD"}},
                               {"tier": 2, "price": {"amount": 9900, "currency": "CNY"}},
                               {"tier": 3, "price": {"amount": 4000, "currency": "CNY"}},
                               {"tier": 3, "price": {"amount": 3000, "currency": "CNY"}},
                               {"tier": 4, "price": {"amount": 4500, "currency": "CNY"}}]}]})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[0].tier"), "out_of_range");
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[1].price.currency"), "currency_mismatch");
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[2].price.amount"), "above_list_price");
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[4].tier"), "duplicate_tier");
  EXPECT_EQ(code_of(r, "variants[0].tier_prices[5].price.amount"), "above_lower_tier");
  auto after = owner_.get(path).json();
  EXPECT_EQ(after.at("version"), current.at("version"));
  EXPECT_TRUE(after.at("variants").at(0).at("tier_prices").as_array().empty());
}

// What the catalog says a variant can still sell: its active offers' stock minus what orders reserved.
TEST_P(Products, AvailableStockCountsActiveOffersLessReservations) {
  std::string path = "/api/v1/products/" + id_to_string(server_.parties().product);
  server_.store().writer().run([&](store::Tx& tx) {
    tx.conn().exec("UPDATE offers SET reserved = 3 WHERE id = ?", {server_.parties().offer_a});
    tx.conn().exec("UPDATE offers SET active = 0 WHERE id = ?", {server_.parties().offer_b});
  });
  EXPECT_EQ(owner_.get(path).json().at("variants").at(0).at("available").as_int64(), 7);
  EXPECT_EQ(server_.signed_in("distributor").get(path).json().at("variants").at(0).at("available").as_int64(), 7);
}

TEST_P(Products, EveryInvalidFieldIsNamedAndNothingIsWritten) {
  const std::int64_t before = product_count(server_);
  auto r = owner_.post("/api/v1/products", R"({
    "title": "", "category": "女装", "tags": ["a", 3], "colour": "红",
    "size_chart": [{"尺码": "M", "胸围（cm）": "96"}, {"尺码": "L", "腰围（cm）": "80"}],
    "variants": [
      {"sku": "OK-1", "options": {"颜色": "红", "尺码": "M"}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1},
      {"sku": "bad sku", "options": {"颜色": "红", "尺码": "L"}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1},
      {"sku": "OK-3", "options": {"颜色": "蓝", "尺码": "M"}, "price": {"amount": 100, "currency": "USD"}, "weight_g": 1},
      {"sku": "OK-4", "options": {"颜色": "红", "尺码": "M"}, "price": {"amount": -1, "currency": "CNY"}, "weight_g": 1},
      {"sku": "TS-RED-M", "options": {"颜色": "黑", "尺码": "M"}, "price": {"amount": 100, "currency": "CNY"}},
      {"sku": "OK-6", "options": {"颜色": 7}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1}
    ]})");
  ASSERT_EQ(r.status, 422) << r.body;
  auto fields = error_fields(r);
  // Shape errors come first, and alone: the body is not judged further until it can be read.
  for (const char* f : {"tags[1]", "colour", "variants[4].weight_g", "variants[5].options.颜色"}) {
    EXPECT_TRUE(fields.count(f)) << f << " missing in " << r.body;
  }
  EXPECT_EQ(product_count(server_), before);

  // Well-formed, but breaking the rules.
  auto rules = owner_.post("/api/v1/products", R"({
    "title": "", "category": "女装",
    "size_chart": [{"尺码": "M", "胸围（cm）": "96"}, {"尺码": "L", "腰围（cm）": "80"}],
    "variants": [
      {"sku": "OK-1", "options": {"颜色": "红", "尺码": "M"}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1},
      {"sku": "bad sku", "options": {"颜色": "红", "尺码": "L"}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1},
      {"sku": "OK-3", "options": {"颜色": "蓝", "尺码": "M"}, "price": {"amount": 100, "currency": "USD"}, "weight_g": 1},
      {"sku": "OK-4", "options": {"颜色": "红", "尺码": "M"}, "price": {"amount": -1, "currency": "CNY"}, "weight_g": 1},
      {"sku": "TS-RED-M", "options": {"颜色": "黑", "尺码": "M"}, "price": {"amount": 100, "currency": "CNY"}, "weight_g": 1}
    ]})");
  ASSERT_EQ(rules.status, 422) << rules.body;
  EXPECT_EQ(code_of(rules, "title"), "required");
  EXPECT_EQ(code_of(rules, "size_chart[1]"), "columns_differ");
  EXPECT_EQ(code_of(rules, "variants[1].sku"), "invalid_sku");
  EXPECT_EQ(code_of(rules, "variants[2].price.currency"), "currency_mismatch");
  EXPECT_EQ(code_of(rules, "variants[3].price.amount"), "out_of_range");
  EXPECT_EQ(code_of(rules, "variants[3].options"), "duplicate_options");
  EXPECT_EQ(code_of(rules, "variants[4].sku"), "sku_taken");  // the seeded product's
  EXPECT_EQ(product_count(server_), before);
  // The good variant's SKU was not taken by the refused product.
  auto good = owner_.post("/api/v1/products", R"({"title":"t","category":"c","variants":[
      {"sku":"OK-1","options":{},"price":{"amount":100,"currency":"CNY"},"weight_g":1}]})");
  EXPECT_EQ(good.status, 201) << good.body;
}

TEST_P(Products, ASkuIsUniqueAcrossTheCatalog) {
  ASSERT_EQ(owner_.post("/api/v1/products", kTee).status, 201);
  auto again = owner_.post("/api/v1/products", kTee);
  ASSERT_EQ(again.status, 422);
  EXPECT_EQ(code_of(again, "variants[0].sku"), "sku_taken");
  EXPECT_EQ(code_of(again, "variants[1].sku"), "sku_taken");
}

TEST_P(Products, ListsFilterByCategoryTextAndTag) {
  ASSERT_EQ(owner_.post("/api/v1/products", kTee).status, 201);
  auto ids = [&](std::string query) {
    std::vector<std::string> out;
    auto r = owner_.get("/api/v1/products" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    const json::value body = r.json();
    for (const auto& p : body.at("items").as_array()) out.emplace_back(p.at("title").as_string());
    return out;
  };
  EXPECT_EQ(ids("").size(), 2u);
  EXPECT_EQ(ids("?category=%E5%A5%B3%E8%A3%85/T%E6%81%A4"), std::vector<std::string>{"纯棉宽松短袖T恤"});
  EXPECT_EQ(ids("?q=%E5%AE%BD%E6%9D%BE"), std::vector<std::string>{"纯棉宽松短袖T恤"});  // 宽松
  EXPECT_EQ(ids("?q=LOOSE"), std::vector<std::string>{"纯棉宽松短袖T恤"});               // title_en, any case
  EXPECT_EQ(ids("?tag=%E5%A4%8F%E5%AD%A3"), std::vector<std::string>{"纯棉宽松短袖T恤"});  // 夏季
  EXPECT_TRUE(ids("?tag=%E5%A4%8F").empty());  // 夏 is not a tag, only part of one
  EXPECT_EQ(ids("?limit=1").size(), 1u);
  EXPECT_EQ(owner_.get("/api/v1/products?colour=red").status, 400);
  EXPECT_EQ(owner_.get("/api/v1/products?tag=a%22b").status, 400);
}

TEST_P(Products, EditsChangeFieldsAndVariantsAtTheCurrentVersion) {
  auto created = owner_.post("/api/v1/products", kTee).json();
  std::string path = "/api/v1/products/" + std::string(created.at("id").as_string());
  std::string m_id(created.at("variants").at(0).at("id").as_string());
  std::string l_id(created.at("variants").at(1).at("id").as_string());

  auto r = owner_.patch(path, R"({"version": 1, "title": "新款宽松T恤",
      "size_chart": [{"尺码": "M", "胸围（cm）": "100"}, {"尺码": "L", "胸围（cm）": "104"}, {"尺码": "XL", "胸围（cm）": "108"}],
      "variants": [{"id": ")" + m_id + R"(", "price": {"amount": 3990, "currency": "CNY"}, "weight_g": 175},
                   {"sku": "TEE-WHT-XL", "options": {"颜色": "白", "尺码": "XL"}, "price": {"amount": 4990, "currency": "CNY"}, "weight_g": 190}],
      "remove_variants": [")" + l_id + R"("]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.json();
  EXPECT_EQ(p.at("version").as_int64(), 2);
  EXPECT_EQ(p.at("title").as_string(), "新款宽松T恤");
  EXPECT_EQ(p.at("tags").as_array().size(), 2u);  // untouched
  auto variants = p.at("variants").as_array();
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].at("sku").as_string(), "TEE-WHT-M");
  EXPECT_EQ(variants[0].at("price").at("amount").as_int64(), 3990);
  EXPECT_EQ(variants[0].at("weight_g").as_int64(), 175);
  EXPECT_EQ(variants[1].at("sku").as_string(), "TEE-WHT-XL");
  EXPECT_EQ(owner_.get(path).json(), p);

  auto stale = owner_.patch(path, R"({"version": 1, "title": "x"})");
  EXPECT_EQ(stale.status, 409);
  auto if_match = owner_.patch(path, R"({"description": "新描述"})", {{"If-Match", "\"2\""}});
  EXPECT_EQ(if_match.status, 200) << if_match.body;
}

TEST_P(Products, EditRefusalsNameTheFieldsOfTheRequest) {
  auto created = owner_.post("/api/v1/products", kTee).json();
  std::string path = "/api/v1/products/" + std::string(created.at("id").as_string());
  std::string m_id(created.at("variants").at(0).at("id").as_string());
  auto r = owner_.patch(path, R"({"version": 1,
      "variants": [{"id": ")" + m_id + R"(", "sku": "RENAMED"},
                   {"id": "42", "weight_g": 1},
                   {"sku": "TEE-WHT-S", "options": {"颜色": "白", "尺码": "S"}, "price": {"amount": 4990, "currency": "CNY"}, "weight_g": 1},
                   {"sku": "TEE-NEW", "options": {"颜色": "白", "尺码": "L"}, "price": {"amount": 4990, "currency": "CNY"}, "weight_g": 1}],
      "remove_variants": ["43"]})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(code_of(r, "variants[0].sku"), "immutable");
  EXPECT_EQ(code_of(r, "variants[1].id"), "unknown_variant");
  EXPECT_EQ(code_of(r, "variants[2].options.尺码"), "not_in_size_chart");
  EXPECT_EQ(code_of(r, "variants[3].options"), "duplicate_options");  // the stored L's
  EXPECT_EQ(code_of(r, "remove_variants[0]"), "unknown_variant");
  EXPECT_EQ(owner_.get(path).json().at("version").as_int64(), 1);
}

TEST_P(Products, AVariantWithOffersCannotBeRemoved) {
  std::string path = "/api/v1/products/" + id_to_string(server_.parties().product);
  auto current = owner_.get(path).json();
  std::string variant(current.at("variants").at(0).at("id").as_string());
  auto r = owner_.patch(path, R"({"version": )" + std::to_string(current.at("version").as_int64()) +
                                  R"(, "variants": [{"sku": "TS-RED-L", "options": {"颜色": "红", "尺码": "L"},
                                  "price": {"amount": 5900, "currency": "CNY"}, "weight_g": 190}],
                                  "remove_variants": [")" + variant + R"("]})");
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(code_of(r, "remove_variants[0]"), "variant_has_offers");
  EXPECT_NE(r.json().at("errors").at(0).at("message").as_string().find("TS-RED-M"), std::string::npos);
  auto after = owner_.get(path).json();
  EXPECT_EQ(after.at("variants").as_array().size(), 1u);  // nothing half-written: no TS-RED-L either
  EXPECT_EQ(after.at("version"), current.at("version"));
}

TEST_P(Products, OnlyManagersWrite) {
  EXPECT_EQ(server_.signed_in("supplier").post("/api/v1/products", kTee).status, 403);
  EXPECT_EQ(server_.signed_in("distributor").post("/api/v1/products", kTee).status, 403);
  EXPECT_EQ(server_.signed_in("agent").post("/api/v1/products", kTee).status, 403);
  EXPECT_EQ(server_.signed_in("owner").post("/api/v1/products", kTee).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Backends, Products, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// The demo catalog is made to be valid: every product passes the rules a save through the API would apply.
TEST(DemoCatalog, EveryDemoProductPassesTheProductRules) {
  TestDatabase db(Backend::sqlite);
  store::Store store(db.url(), store::StoreOptions{}, 1'795'000'000'000);
  ManualClock clock(Timestamp{1'795'000'000'000});
  IdGenerator ids(3);
  app::AppConfig config;
  config.password_ops_limit = 1;
  config.password_mem_limit = 8192;
  app::App app(store, clock, ids, config);
  app::load_demo(app, 1);
  store::PageRequest page;
  page.limit = store::kMaxPageSize;
  std::size_t checked = 0;
  for (;;) {
    auto result = app::list_products(app, {}, page);
    for (const Product& p : result.items) {
      ProductDraft d = app::draft_of(p);
      for (std::size_t i = 0; i < d.variants.size(); ++i) d.variants[i].field = "variants[" + std::to_string(i) + "]";
      FieldErrors errors = validate(d);
      std::string what;
      for (const auto& e : errors) what += e.field + " " + e.code + " " + e.message + "; ";
      EXPECT_TRUE(errors.empty()) << p.title << ": " << what;
      ++checked;
    }
    if (!result.next_before_id) break;
    page.before_id = result.next_before_id;
  }
  EXPECT_GT(checked, 100u);
  store.close();
}

}  // namespace
}  // namespace daifa::testing
