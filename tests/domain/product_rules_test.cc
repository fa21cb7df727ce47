// The product rules and the compliance matching form, on plain values.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/catalog/compliance.h"
#include "domain/catalog/product_rules.h"

namespace daifa {
namespace {

Money cny(std::int64_t fen) { return Money{fen, *Currency::parse("CNY")}; }

VariantDraft variant(std::string field, std::string sku, Options options, Money price = cny(5900)) {
  VariantDraft v;
  v.field = std::move(field);
  v.sku = std::move(sku);
  v.options = std::move(options);
  v.price = price;
  v.weight_g = 180;
  return v;
}

ProductDraft tshirt() {
  ProductDraft p;
  p.title = "纯棉圆领T恤";
  p.category = "女装";
  p.tags = {"纯棉", "夏季"};
  p.size_chart = {{{"尺码", "M"}, {"胸围(cm)", "96"}}, {{"尺码", "L"}, {"胸围(cm)", "100"}}};
  p.variants = {variant("variants[0]", "TS-RED-M", {{"颜色", "红"}, {"尺码", "M"}}),
                variant("variants[1]", "TS-RED-L", {{"颜色", "红"}, {"尺码", "L"}})};
  return p;
}

bool has(const FieldErrors& errors, std::string_view field, std::string_view code) {
  return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field && e.code == code; });
}

std::string dump(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + " " + e.code + "; ";
  return out;
}

TEST(ProductRules, AGoodProductPasses) {
  EXPECT_TRUE(validate(tshirt()).empty()) << dump(validate(tshirt()));
}

TEST(ProductRules, SkusAreUpperCaseLettersDigitsAndFewMarks) {
  EXPECT_TRUE(is_valid_sku("TS-RED-M"));
  EXPECT_TRUE(is_valid_sku("A_1.2-B"));
  EXPECT_TRUE(is_valid_sku(std::string(64, 'X')));
  EXPECT_FALSE(is_valid_sku(std::string(65, 'X')));
  EXPECT_FALSE(is_valid_sku(""));
  EXPECT_FALSE(is_valid_sku("ts-red-m"));
  EXPECT_FALSE(is_valid_sku("TS RED"));
  EXPECT_FALSE(is_valid_sku("TS/RED"));
  EXPECT_FALSE(is_valid_sku("红色"));
}

TEST(ProductRules, EachVariantProblemNamesItsVariant) {
  ProductDraft p = tshirt();
  p.variants.push_back(variant("variants[2]", "bad sku", {{"颜色", ""}, {"尺码", "XL"}}));
  p.variants.push_back(variant("variants[3]", "TS-RED-M", {{"颜色", "蓝"}, {"尺码", "M"}}, Money{100, *Currency::parse("USD")}));
  p.variants.push_back(variant("variants[4]", "TS-RED-L2", {{"颜色", "红"}, {"尺码", "L"}}));
  p.variants.push_back(variant("variants[5]", "TS-X", {{"颜色", "红"}}));
  p.variants[0].weight_g = -1;
  FieldErrors e = validate(p);
  EXPECT_TRUE(has(e, "variants[0].weight_g", "out_of_range")) << dump(e);
  EXPECT_TRUE(has(e, "variants[2].sku", "invalid_sku")) << dump(e);
  EXPECT_TRUE(has(e, "variants[2].options.颜色", "required")) << dump(e);
  EXPECT_TRUE(has(e, "variants[2].options.尺码", "not_in_size_chart")) << dump(e);
  EXPECT_TRUE(has(e, "variants[3].price.currency", "currency_mismatch")) << dump(e);
  EXPECT_TRUE(has(e, "variants[3].sku", "duplicate_sku")) << dump(e);
  EXPECT_TRUE(has(e, "variants[4].options", "duplicate_options")) << dump(e);
  EXPECT_TRUE(has(e, "variants[5].options", "option_names_differ")) << dump(e);
  EXPECT_FALSE(has(e, "variants[1].sku", "duplicate_sku"));
}

TEST(ProductRules, OptionsAreComparedAsSets) {
  ProductDraft p = tshirt();
  p.variants[1].options = {{"尺码", "M"}, {"颜色", "红"}};  // variants[0] in another order
  EXPECT_TRUE(has(validate(p), "variants[1].options", "duplicate_options"));
}

TEST(ProductRules, AProductNeedsAVariant) {
  ProductDraft p = tshirt();
  p.variants.clear();
  EXPECT_TRUE(has(validate(p), "variants", "required"));
}

TEST(ProductRules, SizeChartRowsHaveTheSameColumnsAndASizeColumn) {
  ProductDraft p = tshirt();
  p.size_chart.push_back({{"尺码", "XL"}, {"腰围(cm)", "80"}});
  p.size_chart.push_back({{"尺码", "M"}, {"胸围(cm)", "97"}});
  FieldErrors e = validate(p);
  EXPECT_TRUE(has(e, "size_chart[2]", "columns_differ")) << dump(e);
  EXPECT_TRUE(has(e, "size_chart[3].尺码", "duplicate_size")) << dump(e);

  ProductDraft no_size = tshirt();
  no_size.size_chart = {{{"胸围(cm)", "96"}}};
  no_size.variants = {variant("variants[0]", "A", {{"颜色", "红"}})};
  EXPECT_TRUE(has(validate(no_size), "size_chart[0]", "missing_size_column"));

  ProductDraft english = no_size;
  english.size_chart = {{{"Size", "M"}, {"Chest (cm)", "96"}}};
  EXPECT_TRUE(validate(english).empty()) << dump(validate(english));
}

TEST(ProductRules, SizeChartIsBounded) {
  ProductDraft p = tshirt();
  p.variants = {variant("variants[0]", "A", {{"颜色", "红"}})};
  p.size_chart.clear();
  for (int i = 0; i < 51; ++i) p.size_chart.push_back({{"尺码", std::to_string(100 + i)}});
  EXPECT_TRUE(has(validate(p), "size_chart", "too_many_rows"));
  p.size_chart.resize(50);
  EXPECT_TRUE(validate(p).empty());
  SizeChartRow wide{{"尺码", "M"}};
  for (int i = 0; i < 20; ++i) wide.push_back({"c" + std::to_string(i), "1"});
  p.size_chart = {wide};
  EXPECT_TRUE(has(validate(p), "size_chart[0]", "too_many_columns"));
}

TEST(ProductRules, TagsAreShortAndUnique) {
  ProductDraft p = tshirt();
  p.tags = {"纯棉", "", "纯棉", std::string(33, 'a')};
  FieldErrors e = validate(p);
  EXPECT_TRUE(has(e, "tags[1]", "required"));
  EXPECT_TRUE(has(e, "tags[2]", "duplicate"));
  EXPECT_TRUE(has(e, "tags[3]", "too_long"));
}

ProductDraft stored() {
  ProductDraft p = tshirt();
  for (std::size_t i = 0; i < p.variants.size(); ++i) {
    p.variants[i].field.clear();
    p.variants[i].id = static_cast<Id>(100 + i);
  }
  return p;
}

TEST(TierPrices, ADistributorPaysItsTiersPriceOrTheNearestLowerOneOrTheListPrice) {
  Variant v;
  v.price = cny(5900);
  EXPECT_EQ(price_for_tier(v, 3).price, cny(5900));  // none set: the list price
  EXPECT_EQ(price_for_tier(v, 3).from_tier, 0);
  v.tier_prices = {{2, cny(5000)}, {4, cny(4500)}};
  EXPECT_EQ(price_for_tier(v, 1).price, cny(5900));
  EXPECT_EQ(price_for_tier(v, 1).from_tier, 0);
  EXPECT_EQ(price_for_tier(v, 2).price, cny(5000));
  EXPECT_EQ(price_for_tier(v, 3).price, cny(5000));
  EXPECT_EQ(price_for_tier(v, 3).from_tier, 2);
  EXPECT_EQ(price_for_tier(v, 5).price, cny(4500));
  EXPECT_EQ(price_for_tier(v, 5).from_tier, 4);
}

TEST(TierPrices, AreBoundedUniqueInTheVariantsCurrencyAndNeverRiseWithTheTier) {
  ProductDraft p = tshirt();
  p.variants[0].tier_prices = {{1, cny(5000)}, {3, cny(4000)}, {5, cny(3500)}};
  EXPECT_TRUE(validate(p).empty()) << dump(validate(p));
  p.variants[0].tier_prices = {{0, cny(100)},
                               {1, Money{100, *Currency::parse("USD")}},
                               {2, cny(5901)},
                               {3, cny(4000)},
                               {3, cny(3900)},
                               {4, cny(4100)},
                               {5, cny(-1)}};
  auto errors = validate(p);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[0].tier", "out_of_range")) << dump(errors);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[1].price.currency", "currency_mismatch")) << dump(errors);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[2].price.amount", "above_list_price")) << dump(errors);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[4].tier", "duplicate_tier")) << dump(errors);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[5].price.amount", "above_lower_tier")) << dump(errors);
  EXPECT_TRUE(has(errors, "variants[0].tier_prices[6].price.amount", "out_of_range")) << dump(errors);
  EXPECT_EQ(errors.size(), 6u) << dump(errors);
}

TEST(ProductPatch, ChangesAddsAndRemovesVariants) {
  ProductDraft d = stored();
  ProductPatch patch;
  patch.title = "新标题";
  VariantChange price;
  price.field = "variants[0]";
  price.id = 101;
  price.price = cny(6900);
  VariantChange add;
  add.field = "variants[1]";
  add.sku = "TS-BLUE-M";
  add.options = Options{{"颜色", "蓝"}, {"尺码", "M"}};
  add.price = cny(5900);
  add.weight_g = 180;
  patch.variants = {price, add};
  patch.remove_variants = {{"remove_variants[0]", 100}};
  ASSERT_TRUE(apply(patch, d).empty());
  EXPECT_EQ(d.title, "新标题");
  ASSERT_EQ(d.variants.size(), 2u);
  EXPECT_EQ(d.variants[0].id, 101);
  EXPECT_EQ(d.variants[0].price.amount_minor, 6900);
  EXPECT_EQ(d.variants[0].field, "variants[0]");
  EXPECT_EQ(d.variants[1].id, 0);
  EXPECT_EQ(d.variants[1].field, "variants[1]");
  EXPECT_TRUE(validate(d).empty()) << dump(validate(d));
}

TEST(ProductPatch, RefusesUnknownIdsSkuChangesAndIncompleteNewVariants) {
  ProductDraft d = stored();
  ProductPatch patch;
  VariantChange unknown;
  unknown.field = "variants[0]";
  unknown.id = 999;
  VariantChange sku;
  sku.field = "variants[1]";
  sku.id = 100;
  sku.sku = "OTHER";
  VariantChange incomplete;
  incomplete.field = "variants[2]";
  incomplete.sku = "NEW";
  patch.variants = {unknown, sku, incomplete};
  patch.remove_variants = {{"remove_variants[0]", 12345}};
  FieldErrors e = apply(patch, d);
  EXPECT_TRUE(has(e, "variants[0].id", "unknown_variant")) << dump(e);
  EXPECT_TRUE(has(e, "variants[1].sku", "immutable")) << dump(e);
  EXPECT_TRUE(has(e, "variants[2].price", "required")) << dump(e);
  EXPECT_TRUE(has(e, "variants[2].options", "required")) << dump(e);
  EXPECT_TRUE(has(e, "remove_variants[0]", "unknown_variant")) << dump(e);
}

TEST(ProductPatch, AConflictWithAStoredVariantIsReportedOnTheRequestsOne) {
  ProductDraft d = stored();
  ProductPatch patch;
  VariantChange clash;
  clash.field = "variants[0]";
  clash.id = 101;
  clash.options = Options{{"颜色", "红"}, {"尺码", "M"}};  // the stored variant 100's options
  patch.variants = {clash};
  ASSERT_TRUE(apply(patch, d).empty());
  FieldErrors e = validate(d);
  ASSERT_EQ(e.size(), 1u) << dump(e);
  EXPECT_EQ(e[0].field, "variants[0].options");
  EXPECT_EQ(e[0].code, "duplicate_options");
}

TEST(ProductPatch, StoredVariantsAreNotJudgedByRulesTheyPredate) {
  ProductDraft d = stored();
  d.variants[0].sku = "legacy sku";  // stored before SKUs were checked
  ProductPatch patch;
  patch.description = "更新";
  ASSERT_TRUE(apply(patch, d).empty());
  EXPECT_TRUE(validate(d).empty()) << dump(validate(d));
}

// ---- Compliance ----

class ListMatcher final : public WordSet {
 public:
  explicit ListMatcher(std::vector<ComplianceWord> words) : words_(std::move(words)) {}
  std::vector<const ComplianceWord*> find(std::string_view text) const override {
    std::vector<const ComplianceWord*> out;
    std::string form = matching_form(text);
    for (const auto& w : words_) {
      if (form.find(matching_form(w.word)) != std::string::npos) out.push_back(&w);
    }
    return out;
  }

 private:
  std::vector<ComplianceWord> words_;
};

TEST(Compliance, MatchingFormFoldsFullWidthAndAsciiCase) {
  EXPECT_EQ(matching_form("ＮＩＫＥ　Air"), "nike air");
  EXPECT_EQ(matching_form("１００％纯棉"), "100%纯棉");
  EXPECT_EQ(matching_form("最好"), "最好");
  EXPECT_EQ(matching_form("Ünïcode stays"), "Ünïcode stays");
}

TEST(Compliance, RestrictedWordsRefuseAndTrademarksWarn) {
  ListMatcher words({{1, "最好", WordKind::restricted, "广告法", 1, {}, {}},
                     {2, "第一", WordKind::restricted, "", 1, {}, {}},
                     {3, "Nike", WordKind::trademark, "", 1, {}, {}}});
  auto matches = check(words, {{"title", "全网最好 第一 NIKE 同款"}, {"tags[0]", "最好"}, {"description", "普通"}});
  ASSERT_EQ(matches.size(), 4u);
  FieldErrors e = refusals(matches);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "title");
  EXPECT_EQ(e[0].code, "restricted_word");
  EXPECT_NE(e[0].message.find("最好"), std::string::npos);
  EXPECT_NE(e[0].message.find("第一"), std::string::npos);
  EXPECT_EQ(e[0].message.find("Nike"), std::string::npos);
  EXPECT_EQ(e[1].field, "tags[0]");
}

TEST(Compliance, WordsAreValidated) {
  ComplianceWord w;
  w.word = " 最好";
  EXPECT_EQ(validate(w).at(0).code, "surrounding_space");
  w.word = "";
  EXPECT_EQ(validate(w).at(0).code, "required");
  w.word = std::string(65, 'a');
  EXPECT_EQ(validate(w).at(0).code, "too_long");
  w.word = "最佳";
  EXPECT_TRUE(validate(w).empty());
  EXPECT_EQ(parse_word_kind("trademark"), WordKind::trademark);
  EXPECT_FALSE(parse_word_kind("other"));
}

}  // namespace
}  // namespace daifa
