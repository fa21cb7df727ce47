// The compliance word list and the check on every product save, on both stores.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>
#include <set>

#include "app/catalog/compliance.h"
#include "store/catalog/compliance_repo.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

std::set<std::string> words_of(const json::value& compliance) {
  std::set<std::string> out;
  for (const auto& m : compliance.at("matches").as_array()) out.insert(std::string(m.at("word").as_string()));
  return out;
}

std::string product_body(std::string title, std::string sku, std::string extra = "") {
  return R"({"title":")" + title + R"(","category":"女装",)" + extra + R"("variants":[{"sku":")" + sku +
         R"(","options":{},"price":{"amount":1990,"currency":"CNY"},"weight_g":100}]})";
}

class Compliance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    for (auto [word, kind] : {std::pair{"最好", "restricted"}, {"第一", "restricted"}, {"国家级", "restricted"},
                              {"Nike", "trademark"}, {"best", "restricted"}}) {
      auto r = owner_.post("/api/v1/compliance/words",
                           R"({"word":")" + std::string(word) + R"(","kind":")" + kind + R"(","note":"测试"})");
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  json::value check(std::string text) {
    auto r = owner_.post("/api/v1/compliance/check", json::serialize(json::object{{"text", text}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("operator");
};

TEST_P(Compliance, TheCheckFindsChineseAndEnglishWordsInAnyCase) {
  EXPECT_EQ(words_of(check("全网最好的纯棉T恤，销量第一")), (std::set<std::string>{"最好", "第一"}));
  EXPECT_EQ(words_of(check("NIKE同款 the BEST tee")), (std::set<std::string>{"Nike", "best"}));
  EXPECT_EQ(words_of(check("ｎｉｋｅ风格，国家级工艺")), (std::set<std::string>{"Nike", "国家级"}));  // full width
  EXPECT_TRUE(words_of(check("bestseller, a Nikelodeon tee")).empty());  // English words match whole
  EXPECT_TRUE(words_of(check("普通的纯棉T恤")).empty());
  auto m = check("最好").at("matches").at(0);
  EXPECT_EQ(m.at("kind").as_string(), "restricted");
  EXPECT_EQ(m.at("note").as_string(), "测试");
}

TEST_P(Compliance, ARestrictedWordRefusesTheSaveNamingFieldAndWords) {
  auto r = owner_.post("/api/v1/products",
                       product_body("全网最好的T恤", "CMP-1", R"("tags":["爆款","销量第一"],"description":"NIKE 同款",)"));
  ASSERT_EQ(r.status, 422) << r.body;
  auto errors = r.json().at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u) << r.body;
  EXPECT_EQ(errors[0].at("field").as_string(), "title");
  EXPECT_EQ(errors[0].at("code").as_string(), "restricted_word");
  EXPECT_NE(errors[0].at("message").as_string().find("最好"), std::string::npos);
  EXPECT_EQ(errors[1].at("field").as_string(), "tags[1]");
  EXPECT_EQ(words_of(r.json().at("compliance")), (std::set<std::string>{"最好", "第一", "Nike"}));
  EXPECT_EQ(owner_.get("/api/v1/products?q=T%E6%81%A4").json().at("items").as_array().size(), 1u);  // only the seeded one
}

TEST_P(Compliance, ATrademarkIsSavedWithAWarning) {
  auto r = owner_.post("/api/v1/products", product_body("Nike 风格运动T恤", "CMP-2"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto matches = r.json().at("compliance").at("matches").as_array();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].at("field").as_string(), "title");
  EXPECT_EQ(matches[0].at("kind").as_string(), "trademark");
  // A read reports it too.
  auto read = owner_.get(std::string(r.header("Location").value_or("")));
  EXPECT_EQ(words_of(read.json().at("compliance")), (std::set<std::string>{"Nike"}));
}

TEST_P(Compliance, AnEditIsRefusedOnlyForTheFieldsItSets) {
  auto created = owner_.post("/api/v1/products", product_body("春季爆款T恤", "CMP-3"));
  ASSERT_EQ(created.status, 201);
  std::string path(created.header("Location").value_or(""));
  // 爆款 becomes restricted after the product was saved.
  ASSERT_EQ(owner_.post("/api/v1/compliance/words", R"({"word":"爆款","kind":"restricted"})").status, 201);
  auto price = owner_.patch(path, R"({"version":1,"description":"新描述"})");
  ASSERT_EQ(price.status, 200) << price.body;
  EXPECT_EQ(words_of(price.json().at("compliance")), (std::set<std::string>{"爆款"}));  // reported, not refused
  auto title = owner_.patch(path, R"({"version":2,"title":"夏季爆款T恤"})");
  ASSERT_EQ(title.status, 422) << title.body;
  EXPECT_EQ(title.json().at("errors").at(0).at("field").as_string(), "title");
  EXPECT_EQ(title.json().at("errors").at(0).at("code").as_string(), "restricted_word");
}

TEST_P(Compliance, WordsAreListedEditedAndDeletedAndTheCheckFollows) {
  auto list = owner_.get("/api/v1/compliance/words?kind=trademark").json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("word").as_string(), "Nike");
  EXPECT_EQ(owner_.get("/api/v1/compliance/words?q=NIK").json().at("items").as_array().size(), 1u);
  EXPECT_EQ(owner_.get("/api/v1/compliance/words?kind=other").status, 400);

  // The same word in another case or width is the same word.
  auto dup = owner_.post("/api/v1/compliance/words", R"({"word":"ＮＩＫＥ","kind":"trademark"})");
  ASSERT_EQ(dup.status, 422);
  EXPECT_EQ(dup.json().at("errors").at(0).at("code").as_string(), "already_listed");
  auto bad = owner_.post("/api/v1/compliance/words", R"({"word":" ","kind":"brand","extra":1})");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").as_array().size(), 2u);  // kind and extra: the body is read before it is judged

  std::string path = "/api/v1/compliance/words/" + std::string(list[0].at("id").as_string());
  auto edited = owner_.patch(path, R"({"word":"Adidas","version":1})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().at("version").as_int64(), 2);
  EXPECT_TRUE(words_of(check("Nike tee")).empty());
  EXPECT_EQ(words_of(check("adidas tee")), (std::set<std::string>{"Adidas"}));
  EXPECT_EQ(owner_.patch(path, R"({"note":"x","version":1})").status, 409);

  EXPECT_EQ(owner_.del(path).status, 204);
  EXPECT_TRUE(words_of(check("adidas tee")).empty());
  EXPECT_EQ(owner_.get(path).status, 404);
  EXPECT_EQ(owner_.del(path).status, 404);
}

// Another node (its own App, its own compiled set, the same database) sees a change on its next check.
TEST_P(Compliance, AnotherNodeRebuildsWhenTheListVersionMoves) {
  IdGenerator ids(9);
  app::App other(server_.store(), server_.clock(), ids);
  auto found = [&](std::string text) {
    std::set<std::string> out;
    for (const auto& m : app::check_text(other, text)) out.insert(m.word);
    return out;
  };
  EXPECT_EQ(found("最好"), (std::set<std::string>{"最好"}));
  ASSERT_EQ(owner_.post("/api/v1/compliance/words", R"({"word":"极品","kind":"restricted"})").status, 201);
  EXPECT_EQ(found("极品好物"), (std::set<std::string>{"极品"}));
}

// ---- Thousands of words ----

// What the set must answer, computed the slow way: every occurrence of each word's matching form, with
// the ASCII word-boundary rule at ASCII ends.
std::set<std::string> oracle(const std::vector<std::string>& words, const std::string& text) {
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::string t = matching_form(text);
  std::set<std::string> out;
  for (const auto& w : words) {
    std::string f = matching_form(w);
    for (auto pos = t.find(f); pos != std::string::npos; pos = t.find(f, pos + 1)) {
      bool left = !word_char(f.front()) || pos == 0 || !word_char(t[pos - 1]);
      bool right = !word_char(f.back()) || pos + f.size() == t.size() || !word_char(t[pos + f.size()]);
      if (left && right) {
        out.insert(w);
        break;
      }
    }
  }
  return out;
}

TEST_P(Compliance, FiveThousandWordsAreMatchedCorrectly) {
  // A small alphabet so that random texts contain many listed words by chance.
  const std::vector<std::string> han{"最", "好", "第", "一", "国", "家", "级", "极", "品", "纯", "棉", "爆",
                                     "款", "正", "宗", "特", "效", "治", "疗", "顶", "级", "王", "牌", "冠"};
  std::mt19937 rng(42);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  // Distinct by matching form, as the store requires, and none of SetUp's.
  std::vector<std::string> words;
  std::set<std::string> forms{"最好", "第一", "国家级", "nike", "best"};
  while (words.size() < 5000) {
    std::string w;
    if (pick(3) == 0) {
      for (std::size_t i = 0, n = 3 + pick(5); i < n; ++i) w.push_back(static_cast<char>('a' + pick(6)));
      if (pick(2)) w[0] = static_cast<char>(std::toupper(w[0]));
    } else {
      for (std::size_t i = 0, n = 2 + pick(3); i < n; ++i) w += han[pick(han.size())];
    }
    if (forms.insert(matching_form(w)).second) words.push_back(w);
  }
  server_.store().writer().run([&](store::Tx& tx) {
    for (const auto& w : words) {
      ComplianceWord cw;
      cw.id = server_.app().new_id();
      cw.word = w;
      cw.kind = WordKind::restricted;
      cw.created_at = cw.updated_at = server_.clock().now();
      store::insert_word(tx.conn(), cw);
    }
    store::set_word_list_version(tx.conn(), server_.app().new_id());
  });
  std::vector<std::string> all = words;
  for (auto w : {"最好", "第一", "国家级", "Nike", "best"}) all.push_back(w);

  auto started = std::chrono::steady_clock::now();
  auto set = server_.app().compliance_words().current(server_.app());
  auto compiled_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(set->size(), all.size());

  std::int64_t total_matches = 0;
  std::int64_t match_us = 0;
  for (int n = 0; n < 200; ++n) {
    std::string text;
    for (std::size_t i = 0, len = 20 + pick(200); i < len; ++i) {
      std::size_t kind = pick(4);
      if (kind == 0) text += han[pick(han.size())];
      else if (kind == 1) text.push_back(static_cast<char>('a' + pick(6)));
      else if (kind == 2) text.push_back(static_cast<char>('A' + pick(6)));
      else text += pick(2) ? " " : "，";
    }
    auto t0 = std::chrono::steady_clock::now();
    auto found = set->find(text);
    match_us += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    std::set<std::string> got;
    for (const auto* w : found) got.insert(w->word);
    ASSERT_EQ(got, oracle(all, text)) << text;
    total_matches += static_cast<std::int64_t>(got.size());
  }
  EXPECT_GT(total_matches, 200);  // the texts did contain words
  // Through the API too.
  EXPECT_EQ(words_of(check("特效" + words.front() + "!")).count(words.front()), 1u);
  std::cout << "[ compliance ] " << all.size() << " words compiled in " << compiled_ms << " ms; 200 texts matched in "
            << match_us << " us (" << total_matches << " matches)\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, Compliance, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
