// Sign-in, sessions, CSRF, API tokens, back-off and users — over real HTTP on both stores.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

class Accounts : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  std::string login_body(std::string_view email, std::string_view password) {
    return R"({"email":")" + std::string(email) + R"(","password":")" + std::string(password) + R"("})";
  }
};

TEST_P(Accounts, SignInSetsAnHttpOnlyStrictCookieAndMeAnswers) {
  HttpClient c(server_.port());
  auto r = c.post("/api/v1/auth/login", login_body(server_.email("owner"), kPassword));
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie(r.header("Set-Cookie").value_or(""));
  EXPECT_EQ(cookie.rfind("daifa_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_FALSE(r.json().at("csrf_token").as_string().empty());
  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("email").as_string(), server_.email("owner"));
  EXPECT_EQ(me.json().at("role").as_string(), "owner");
  // A new tab of the same session learns the CSRF token from /auth/me.
  EXPECT_EQ(me.json().at("csrf_token"), r.json().at("csrf_token"));
}

TEST_P(Accounts, WrongPasswordAndUnknownEmailGetTheSame401) {
  HttpClient c(server_.port());
  auto wrong = c.post("/api/v1/auth/login", login_body(server_.email("owner"), "not-the-password"));
  auto unknown = c.post("/api/v1/auth/login", login_body("nobody@test.daifa", "not-the-password"));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json().at("detail"), unknown.json().at("detail"));
  EXPECT_FALSE(wrong.header("Set-Cookie"));
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

TEST_P(Accounts, EmailIsCaseAndSpaceInsensitive) {
  HttpClient c(server_.port());
  EXPECT_EQ(c.post("/api/v1/auth/login", login_body("  OWNER@Test.Daifa ", kPassword)).status, 200);
}

TEST_P(Accounts, CookieWritesNeedTheCsrfToken) {
  auto c = server_.signed_in("owner");
  c.remove_header("X-CSRF-Token");
  std::string body = R"({"name":"x","kind":"agent","contact":{"name":"王","phone":"13800000000"}})";
  auto r = c.post("/api/v1/suppliers", body);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json().at("code").as_string(), "csrf_failed");
  c.set_header("X-CSRF-Token", "wrong");
  EXPECT_EQ(c.post("/api/v1/suppliers", body).status, 403);
  EXPECT_EQ(c.get("/api/v1/suppliers").status, 200);  // reads need none
}

TEST_P(Accounts, LogoutEndsTheSession) {
  auto c = server_.signed_in("operator");
  EXPECT_EQ(c.post("/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

TEST_P(Accounts, SessionsExpire) {
  auto c = server_.signed_in("agent");
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 200);
  server_.clock().advance_ms(server_.app().config().session_ttl_ms + 1);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

TEST_P(Accounts, BearerTokensWorkWithoutCsrfAndStopWhenRevoked) {
  auto owner = server_.signed_in("finance");
  auto made = owner.post("/api/v1/tokens", R"({"name":"erp"})");
  ASSERT_EQ(made.status, 201) << made.body;
  std::string token(made.json().at("token").as_string());
  std::string id(made.json().at("id").as_string());
  HttpClient api(server_.port());
  api.set_header("Authorization", "Bearer " + token);
  auto me = api.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("role").as_string(), "finance");
  EXPECT_FALSE(me.json().as_object().contains("csrf_token"));  // Bearer calls need none
  auto listed = owner.get("/api/v1/tokens");
  ASSERT_EQ(listed.json().at("items").as_array().size(), 1u);
  EXPECT_FALSE(listed.json().at("items").as_array()[0].as_object().contains("token"));  // shown once only
  EXPECT_EQ(owner.del("/api/v1/tokens/" + id).status, 204);
  EXPECT_EQ(api.get("/api/v1/auth/me").status, 401);
  HttpClient bogus(server_.port());
  bogus.set_header("Authorization", "Bearer dft_not-a-token");
  EXPECT_EQ(bogus.get("/api/v1/auth/me").status, 401);
}

TEST_P(Accounts, TokensAreEachUsersOwn) {
  auto a = server_.signed_in("operator");
  auto made = a.post("/api/v1/tokens", R"({"name":"mine"})");
  std::string id(made.json().at("id").as_string());
  auto b = server_.signed_in("agent");
  EXPECT_EQ(b.del("/api/v1/tokens/" + id).status, 404);
  EXPECT_TRUE(b.get("/api/v1/tokens").json().at("items").as_array().empty());
}

TEST_P(Accounts, RepeatedFailuresBackOffWith429AndRetryAfter) {
  HttpClient c(server_.port());
  std::string bad = login_body(server_.email("operator"), "wrong-password");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.post("/api/v1/auth/login", bad).status, 401) << i;
  auto locked = c.post("/api/v1/auth/login", login_body(server_.email("operator"), kPassword));
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json().at("code").as_string(), "rate_limited");
  EXPECT_EQ(locked.header("Retry-After").value_or(""), "1");
  server_.clock().advance_ms(1001);
  EXPECT_EQ(c.post("/api/v1/auth/login", login_body(server_.email("operator"), kPassword)).status, 200);
}

TEST_P(Accounts, OwnerAddsUsersWhoCanSignIn) {
  auto owner = server_.signed_in("owner");
  std::string supplier = id_to_string(server_.parties().supplier_b);
  auto r = owner.post("/api/v1/users", R"({"email":"New.Supplier@Test.Daifa","password":"a-good-password","role":"supplier","supplier_id":")" +
                                           supplier + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("email").as_string(), "new.supplier@test.daifa");
  EXPECT_EQ(r.json().at("supplier_id").as_string(), supplier);
  EXPECT_FALSE(r.json().as_object().contains("password_hash"));
  HttpClient c(server_.port());
  auto signin = c.post("/api/v1/auth/login", login_body("new.supplier@test.daifa", "a-good-password"));
  ASSERT_EQ(signin.status, 200) << signin.body;
  EXPECT_EQ(signin.json().at("user").at("role").as_string(), "supplier");

  auto dup = owner.post("/api/v1/users", R"({"email":"new.supplier@test.daifa","password":"a-good-password","role":"operator"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.json().at("errors").at(0).at("field").as_string(), "email");

  auto bad = owner.post("/api/v1/users", R"({"email":"x","password":"short","role":"supplier"})");
  EXPECT_EQ(bad.status, 422);
  std::set<std::string> fields;
  auto bad_body = bad.json();
  for (const auto& e : bad_body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"email", "password", "supplier_id"}));

  auto unknown = owner.post("/api/v1/users", R"({"email":"y@test.daifa","password":"a-good-password","role":"supplier","supplier_id":"123"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json().at("errors").at(0).at("code").as_string(), "unknown_supplier");
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
