// The API conventions of shared/api.md, end to end over real HTTP, on both stores.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

class Conventions : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
};

void expect_problem(const HttpResult& r, int status, std::string_view code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type").value_or(""), "application/problem+json") << r.body;
  auto body = r.json();
  EXPECT_EQ(body.at("status").as_int64(), status);
  EXPECT_EQ(body.at("code").as_string(), code);
  EXPECT_TRUE(body.at("errors").is_array());
}

TEST_P(Conventions, UnknownRouteIs404Problem) {
  HttpClient c(server_.port());
  expect_problem(c.get("/api/v1/nothing-here"), 404, "not_found");
}

TEST_P(Conventions, WrongMethodIs405WithAllow) {
  auto c = server_.signed_in("owner");
  auto r = c.del("/api/v1/suppliers");
  expect_problem(r, 405, "method_not_allowed");
  EXPECT_EQ(r.header("Allow").value_or(""), "GET, POST");
}

TEST_P(Conventions, MalformedJsonIs400Problem) {
  auto c = server_.signed_in("owner");
  expect_problem(c.post("/api/v1/suppliers", "{\"name\": "), 400, "malformed_request");
}

TEST_P(Conventions, WrongContentTypeIs415) {
  auto c = server_.signed_in("owner");
  expect_problem(c.post("/api/v1/suppliers", "name=x", {{"Content-Type", "application/x-www-form-urlencoded"}}), 415,
                 "unsupported_media_type");
}

TEST_P(Conventions, InvalidFieldsAre422ListingEveryField) {
  auto c = server_.signed_in("owner");
  auto r = c.post("/api/v1/suppliers",
                  R"({"name": "", "kind": "shop", "contact": {"name": "王", "phone": 12}, "moq": 0, "colour": "red"})");
  expect_problem(r, 422, "invalid_fields");
  std::set<std::string> fields;
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"contact.phone", "colour", "kind"}));  // first pass: types and names
  auto r2 = c.post("/api/v1/suppliers", R"({"name": "", "kind": "agent", "contact": {"name": "", "phone": "x"}, "moq": 0})");
  expect_problem(r2, 422, "invalid_fields");
  fields.clear();
  auto body2 = r2.json();
  for (const auto& e : body2.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"name", "contact.name", "contact.phone", "moq"}));
  // Nothing was written by either.
  EXPECT_EQ(c.get("/api/v1/suppliers").json().at("items").as_array().size(), 2u);
}

TEST_P(Conventions, BodyOverTheLimitIs413) {
  auto c = server_.signed_in("owner");
  std::string raw = "POST /api/v1/suppliers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 31457280\r\n\r\n{";
  std::string reply = raw_exchange(server_.port(), raw);
  EXPECT_NE(reply.find(" 413 "), std::string::npos) << reply.substr(0, 200);
  EXPECT_NE(reply.find("application/problem+json"), std::string::npos);
}

TEST_P(Conventions, ListsPaginateWithCursorsAndBoundedLimits) {
  auto c = server_.signed_in("owner");
  for (int i = 0; i < 7; ++i) {
    auto r = c.post("/api/v1/suppliers", R"({"name": "供应商)" + std::to_string(i) +
                                             R"(", "kind": "factory", "contact": {"name": "王", "phone": "13800000000"}})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  std::set<std::string> ids;
  std::string target = "/api/v1/suppliers?limit=4";
  int pages = 0;
  for (;;) {
    auto r = c.get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json().as_object();
    for (const auto& s : body.at("items").as_array()) ids.insert(std::string(s.at("id").as_string()));
    ++pages;
    if (body.at("next_cursor").is_null()) break;
    target = "/api/v1/suppliers?limit=4&cursor=" + std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(ids.size(), 9u);  // 7 new + the 2 seeded
  EXPECT_EQ(pages, 3);
  expect_problem(c.get("/api/v1/suppliers?limit=501"), 400, "malformed_request");
  expect_problem(c.get("/api/v1/suppliers?limit=0"), 400, "malformed_request");
  expect_problem(c.get("/api/v1/suppliers?cursor=garbage!"), 400, "malformed_request");
  expect_problem(c.get("/api/v1/suppliers?colour=red"), 400, "malformed_request");
}

TEST_P(Conventions, EditsNeedTheCurrentVersion) {
  auto c = server_.signed_in("operator");
  std::string id = id_to_string(server_.parties().supplier_a);
  auto r = c.patch("/api/v1/suppliers/" + id, R"({"moq": 5})");
  expect_problem(r, 422, "invalid_fields");  // no version at all
  r = c.patch("/api/v1/suppliers/" + id, R"({"moq": 5, "version": 1})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("version").as_int64(), 2);
  EXPECT_EQ(r.json().at("moq").as_int64(), 5);
  EXPECT_EQ(r.header("ETag").value_or(""), "\"2\"");
  expect_problem(c.patch("/api/v1/suppliers/" + id, R"({"moq": 6, "version": 1})"), 409, "version_conflict");
  expect_problem(c.patch("/api/v1/suppliers/" + id, R"({"moq": 6})", {{"If-Match", "\"1\""}}), 409, "version_conflict");
  r = c.patch("/api/v1/suppliers/" + id, R"({"moq": 6})", {{"If-Match", "\"2\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("moq").as_int64(), 6);
  // An invalid edit changes nothing, not even the version.
  expect_problem(c.patch("/api/v1/suppliers/" + id, R"({"moq": -1, "version": 3})"), 422, "invalid_fields");
  EXPECT_EQ(c.get("/api/v1/suppliers/" + id).json().at("version").as_int64(), 3);
}

TEST_P(Conventions, IdempotencyKeyReplaysTheFirstAnswer) {
  auto c = server_.signed_in("owner");
  std::string body = R"({"name": "幂等供应商", "kind": "agent", "contact": {"name": "王", "phone": "13800000000"}})";
  auto first = c.post("/api/v1/suppliers", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = c.post("/api/v1/suppliers", body, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(again.header("Location"), first.header("Location"));
  auto other = c.post("/api/v1/suppliers", R"({"name": "别的", "kind": "agent", "contact": {"name": "王", "phone": "13800000000"}})",
                      {{"Idempotency-Key", "k-1"}});
  expect_problem(other, 409, "idempotency_key_reused");
  auto list = c.get("/api/v1/suppliers?q=" "%E5%B9%82%E7%AD%89");  // 幂等
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
}

TEST_P(Conventions, ConcurrentRetriesWithOneKeyMakeOneResource) {
  std::string body = R"({"name": "并发幂等", "kind": "agent", "contact": {"name": "王", "phone": "13800000000"}})";
  auto owner = server_.signed_in("owner");
  auto make = owner.post("/api/v1/tokens", R"({"name": "race"})");
  std::string bearer = "Bearer " + std::string(make.json().at("token").as_string());
  std::vector<std::thread> threads;
  std::vector<int> statuses(8);
  std::vector<std::string> bodies(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(server_.port());
      c.set_header("Authorization", bearer);
      auto r = c.post("/api/v1/suppliers", body, {{"Idempotency-Key", "race-1"}});
      statuses[static_cast<std::size_t>(i)] = r.status;
      bodies[static_cast<std::size_t>(i)] = r.body;
    });
  }
  for (auto& t : threads) t.join();
  std::string first;
  for (int i = 0; i < 8; ++i) {
    // Each either got the one answer or was told the first is still in progress.
    if (statuses[static_cast<std::size_t>(i)] == 201) {
      if (first.empty()) first = bodies[static_cast<std::size_t>(i)];
      EXPECT_EQ(bodies[static_cast<std::size_t>(i)], first);
    } else {
      EXPECT_EQ(statuses[static_cast<std::size_t>(i)], 409) << bodies[static_cast<std::size_t>(i)];
    }
  }
  auto list = owner.get("/api/v1/suppliers?q=%E5%B9%B6%E5%8F%91");  // 并发
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
}

TEST_P(Conventions, OperationsEndpoints) {
  HttpClient c(server_.port());
  EXPECT_EQ(c.get("/healthz").status, 200);
  auto ready = c.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("status").as_string(), "ready");
  c.get("/api/v1/suppliers");  // a 401, counted
  auto metrics = c.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("daifa_http_requests_total{route=\"/api/v1/suppliers\",method=\"GET\",status=\"401\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("daifa_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("daifa_writer_commit_seconds_count"), std::string::npos);
  auto doc = c.get("/api/openapi.json");
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json().at("openapi").as_string(), "3.1.0");
  EXPECT_FALSE(c.get("/healthz").header("X-Request-Id").value_or("").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Conventions, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
