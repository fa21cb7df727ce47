// Suppliers and distributors through the API, on both stores.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

class Parties : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
};

TEST_P(Parties, ASupplierIsCreatedReadAndEdited) {
  auto c = server_.signed_in("operator");
  auto r = c.post("/api/v1/suppliers", R"({"name":"温州皮具厂","kind":"factory","contact":{"name":"陈","phone":"+86 137 0000 0000","email":"chen@example.com"},
                     "moq":20,"lead_time_days":5,"payment_terms":"net_30","blind_ship":true})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto s = r.json().as_object();
  EXPECT_EQ(s.at("name").as_string(), "温州皮具厂");
  EXPECT_EQ(s.at("kind").as_string(), "factory");
  EXPECT_EQ(s.at("contact").at("email").as_string(), "chen@example.com");
  EXPECT_EQ(s.at("moq").as_int64(), 20);
  EXPECT_EQ(s.at("payment_terms").as_string(), "net_30");
  EXPECT_TRUE(s.at("blind_ship").as_bool());
  EXPECT_EQ(s.at("version").as_int64(), 1);
  std::string location(r.header("Location").value_or(""));
  EXPECT_EQ(location, "/api/v1/suppliers/" + std::string(s.at("id").as_string()));
  EXPECT_EQ(c.get(location).json().as_object(), s);

  auto edited = c.patch(location, R"({"contact":{"phone":"13700000000"},"blind_ship":false,"version":1})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().at("contact").at("phone").as_string(), "13700000000");
  EXPECT_EQ(edited.json().at("contact").at("name").as_string(), "陈");  // untouched fields stay
  EXPECT_FALSE(edited.json().at("blind_ship").as_bool());
}

TEST_P(Parties, UnknownIdsAnswer404) {
  auto c = server_.signed_in("owner");
  EXPECT_EQ(c.get("/api/v1/suppliers/123").status, 404);
  EXPECT_EQ(c.get("/api/v1/suppliers/not-an-id").status, 404);
  EXPECT_EQ(c.patch("/api/v1/suppliers/123", R"({"version":1})").status, 404);
}

TEST_P(Parties, DistributorsFormReferralChainsWithoutCycles) {
  auto c = server_.signed_in("owner");
  std::string a = id_to_string(server_.parties().distributor_a);
  auto child = c.post("/api/v1/distributors",
                      R"({"name":"快手·源头工厂店","tier":1,"contact":{"name":"赵","phone":"13600000000"},"referrer_id":")" + a + R"("})");
  ASSERT_EQ(child.status, 201) << child.body;
  EXPECT_EQ(child.json().at("referrer_id").as_string(), a);
  std::string child_id(child.json().at("id").as_string());

  // a referred by its own child would be a loop.
  auto current = c.get("/api/v1/distributors/" + a).json();
  auto loop = c.patch("/api/v1/distributors/" + a, R"({"referrer_id":")" + child_id + R"(","version":)" +
                                                       std::to_string(current.at("version").as_int64()) + "}");
  EXPECT_EQ(loop.status, 422);
  EXPECT_EQ(loop.json().at("errors").at(0).at("code").as_string(), "cycle");

  auto unknown = c.post("/api/v1/distributors",
                        R"({"name":"x","contact":{"name":"赵","phone":"13600000000"},"referrer_id":"42"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json().at("errors").at(0).at("code").as_string(), "unknown_distributor");

  auto filtered = c.get("/api/v1/distributors?tier=1");
  EXPECT_EQ(filtered.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(c.get("/api/v1/distributors?tier=9").status, 400);
}

TEST_P(Parties, ProductsCarryVariantsAndMoney) {
  auto c = server_.signed_in("distributor");
  auto p = c.get("/api/v1/products/" + id_to_string(server_.parties().product));
  ASSERT_EQ(p.status, 200) << p.body;
  auto v = p.json().at("variants").at(0);
  EXPECT_EQ(v.at("sku").as_string(), "TS-RED-M");
  EXPECT_EQ(v.at("options").at("颜色").as_string(), "红");
  EXPECT_EQ(v.at("price").at("amount").as_int64(), 5900);
  EXPECT_EQ(v.at("price").at("currency").as_string(), "CNY");
}

INSTANTIATE_TEST_SUITE_P(Backends, Parties, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
