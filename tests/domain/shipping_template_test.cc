// Shipping templates (运费模板) and supplier feed timing: pure rules, no I/O.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/catalog/shipping_template.h"
#include "domain/catalog/supplier_feed.h"

namespace daifa {
namespace {

Money cny(std::int64_t minor) { return Money{minor, *Currency::parse("CNY")}; }

ShippingRate by_weight(std::int64_t first_g, std::int64_t first, std::int64_t step_g, std::int64_t step) {
  ShippingRate r;
  r.by_weight = true;
  r.first_weight_g = first_g;
  r.first_fee = cny(first);
  r.step_weight_g = step_g;
  r.step_fee = cny(step);
  return r;
}

ShippingRate flat(std::int64_t fee) {
  ShippingRate r;
  r.fee = cny(fee);
  return r;
}

TEST(ShippingFee, FlatIsTheSameForEveryWeightAndProvince) {
  ShippingTemplate t{"包邮", ShippingTemplateKind::flat, flat(600), {}, {}};
  EXPECT_EQ(*shipping_fee(t, 0, "浙江省").fee, cny(600));
  EXPECT_EQ(*shipping_fee(t, 25'000, "新疆").fee, cny(600));
}

TEST(ShippingFee, ByWeightChargesEachStartedStep) {
  ShippingTemplate t{"按重", ShippingTemplateKind::by_weight, by_weight(1000, 800, 500, 300), {}, {}};
  EXPECT_EQ(*shipping_fee(t, 0, "").fee, cny(800));
  EXPECT_EQ(*shipping_fee(t, 1000, "").fee, cny(800));
  EXPECT_EQ(*shipping_fee(t, 1001, "").fee, cny(1100));  // one started step
  EXPECT_EQ(*shipping_fee(t, 1500, "").fee, cny(1100));
  EXPECT_EQ(*shipping_fee(t, 1501, "").fee, cny(1400));
  EXPECT_EQ(*shipping_fee(t, kMaxParcelWeightG, "").fee, cny(800 + 1998 * 300));
  EXPECT_EQ(shipping_fee(t, -1, "").status, ShippingFeeStatus::invalid_weight);
  EXPECT_EQ(shipping_fee(t, kMaxParcelWeightG + 1, "").status, ShippingFeeStatus::invalid_weight);
}

TEST(ShippingFee, ByRegionOverridesProvincesAndExcludesSome) {
  ShippingTemplate t{"分区", ShippingTemplateKind::by_region, by_weight(1000, 800, 1000, 400),
                     {RegionRate{{"新疆维吾尔自治区", "西藏"}, flat(2500)},
                      RegionRate{{"上海市", "浙江"}, by_weight(1000, 500, 1000, 200)}},
                     {"香港特别行政区"}};
  EXPECT_EQ(*shipping_fee(t, 2000, "广东省").fee, cny(1200));  // the default rate
  EXPECT_EQ(*shipping_fee(t, 2000, "新疆").fee, cny(2500));    // suffix or not, the same province
  EXPECT_EQ(*shipping_fee(t, 2000, "西藏自治区").fee, cny(2500));
  EXPECT_EQ(*shipping_fee(t, 2000, "浙江省").fee, cny(700));
  EXPECT_EQ(*shipping_fee(t, 2000, "上海").fee, cny(700));
  EXPECT_EQ(shipping_fee(t, 2000, "香港").status, ShippingFeeStatus::not_delivered);
  EXPECT_FALSE(shipping_fee(t, 2000, "香港").fee);
}

TEST(ShippingTemplates, ProvinceKeysDropTheAdministrativeSuffix) {
  EXPECT_EQ(province_key("浙江省"), "浙江");
  EXPECT_EQ(province_key(" 北京市 "), "北京");
  EXPECT_EQ(province_key("广西壮族自治区"), "广西");
  EXPECT_EQ(province_key("新疆维吾尔自治区"), "新疆");
  EXPECT_EQ(province_key("澳门特别行政区"), "澳门");
  EXPECT_EQ(province_key("省"), "省");
}

TEST(ShippingTemplates, EveryBrokenRuleNamesItsField) {
  ShippingTemplate ok{"包邮", ShippingTemplateKind::flat, flat(0), {}, {}};
  EXPECT_TRUE(validate_shipping_templates({ok}, "shipping_templates").empty());

  ShippingRate usd = by_weight(1000, 800, 0, 300);
  usd.step_fee = Money{300, *Currency::parse("USD")};
  ShippingTemplate bad{"", ShippingTemplateKind::by_region, usd,
                       {RegionRate{{"浙江省"}, flat(-1)}, RegionRate{{"浙江"}, flat(100)}}, {}};
  FieldErrors errors = validate_shipping_templates({ok, bad, ok}, "shipping_templates");
  auto has = [&](std::string field, std::string code) {
    for (const auto& e : errors) if (e.field == field && e.code == code) return true;
    return false;
  };
  EXPECT_TRUE(has("shipping_templates[1].name", "required"));
  EXPECT_TRUE(has("shipping_templates[1].default.step_weight_g", "out_of_range"));
  EXPECT_TRUE(has("shipping_templates[1].default.step_fee.currency", "currency_mismatch"));
  EXPECT_TRUE(has("shipping_templates[1].regions[0].rate.fee.amount", "out_of_range"));
  EXPECT_TRUE(has("shipping_templates[1].regions[1].provinces[0]", "duplicate_province"));
  EXPECT_TRUE(has("shipping_templates[2].name", "duplicate_name"));

  ShippingTemplate regions_on_flat{"x", ShippingTemplateKind::flat, flat(1), {RegionRate{{"浙江"}, flat(1)}}, {}};
  EXPECT_TRUE(validate_shipping_templates({regions_on_flat}, "t")[0].field == "t[0].regions");
  EXPECT_EQ(validate_shipping_templates(std::vector<ShippingTemplate>(kMaxShippingTemplates + 1, ok), "t")[0].code,
            "too_many");
}

TEST(SupplierFeedRules, LateAfterTheWindowFromTheLastSuccess) {
  SupplierFeed f;
  f.name = "库存";
  f.url = "https://erp.example.com/stock.csv";
  f.pull_every_minutes = 60;
  f.fresh_within_minutes = 180;
  f.watch_from = Timestamp{1'000'000};
  EXPECT_TRUE(validate(f).empty());
  const Timestamp due{1'000'000 + 180 * kMinuteMs};
  EXPECT_EQ(feed_fresh_until(f), due);
  EXPECT_FALSE(feed_is_late(f, due));
  EXPECT_TRUE(feed_is_late(f, Timestamp{due.unix_ms + 1}));
  f.last_success_at = Timestamp{due.unix_ms};
  EXPECT_FALSE(feed_is_late(f, Timestamp{due.unix_ms + 1}));
  f.active = false;
  EXPECT_FALSE(feed_is_late(f, Timestamp{due.unix_ms * 10}));
  // After failures the next try comes sooner than the interval, doubling, never later than it.
  EXPECT_EQ(next_feed_pull(f, Timestamp{0}, 0).unix_ms, 60 * kMinuteMs);
  EXPECT_EQ(next_feed_pull(f, Timestamp{0}, 1).unix_ms, 5 * kMinuteMs);
  EXPECT_EQ(next_feed_pull(f, Timestamp{0}, 2).unix_ms, 10 * kMinuteMs);
  EXPECT_EQ(next_feed_pull(f, Timestamp{0}, 9).unix_ms, 60 * kMinuteMs);
}

TEST(SupplierFeedRules, SettingsAreValidatedByField) {
  SupplierFeed f;
  f.name = "";
  f.url = "ftp://example.com/x.csv";
  f.pull_every_minutes = 1;
  f.fresh_within_minutes = 4;
  FieldErrors errors = validate(f);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "name"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "url"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "pull_every_minutes"), fields.end());
  f.name = "x";
  f.url = "https://erp.example.com/x.csv";
  f.pull_every_minutes = 60;
  f.fresh_within_minutes = 30;
  ASSERT_EQ(validate(f).size(), 1u);
  EXPECT_EQ(validate(f)[0].code, "below_interval");
  EXPECT_FALSE(is_feed_url("https://user:pw@erp.example.com/x"));
  EXPECT_FALSE(is_feed_url("https:///x"));
  EXPECT_FALSE(is_feed_url("https://erp.example.com/a b"));
  EXPECT_TRUE(is_feed_url("http://127.0.0.1:8080/feed?token=abc"));
  EXPECT_TRUE(is_feed_url("https://[::1]:8443/feed"));
}

}  // namespace
}  // namespace daifa
