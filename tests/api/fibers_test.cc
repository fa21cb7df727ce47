// Where handlers run (decision 0010): as fibers on the socket threads, suspended — not blocking — while they wait
// for the writer; handlers registered through Api::blocking on the API's blocking threads. A real server and a
// real store on both backends, with routes of the test's own so that the thread each part ran on can be seen.
#include <pthread.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "store/catalog/supplier_repo.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

std::string thread_name() {
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}

// Writes a supplier and tells on which thread it was before and after its wait for the commit.
http::Response write_and_tell(http::RequestContext& ctx) {
  const std::string before = thread_name();
  return ctx.write([&](store::Tx& tx) {
    Supplier s;
    s.id = ctx.app.new_id();
    s.name = "fiber " + std::to_string(s.id);
    s.contact = Contact{"王", "13800000000", ""};
    store::insert_supplier(tx.conn(), s);
    // Runs on the writer; the answer is built here and read by the test after the wait.
    return http::json_response(201, boost::json::object{{"before", before}, {"writer", thread_name()}});
  });
}

class FibersTest : public ::testing::TestWithParam<Backend> {
 protected:
  FibersTest() : api_(ts_.app(), metrics_, 2) {
    api_.add("POST", "/t/fiber", http::RoleSet::public_access(), write_and_tell);
    api_.add("POST", "/t/blocking", http::RoleSet::public_access(), api_.blocking(write_and_tell));
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    server_ = std::make_unique<http::Server>(options, [this](http::Request& r) { return api_.handle(r); });
    port_ = server_->start();
  }
  ~FibersTest() override { server_->shutdown(); }

  TestServer ts_{GetParam()};
  http::Metrics metrics_;
  http::Api api_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
};

TEST_P(FibersTest, AHandlerRunsOnTheSocketThreadAndABlockingOneOnTheBlockingPool) {
  auto fiber = HttpClient(port_).post("/t/fiber", "{}");
  ASSERT_EQ(fiber.status, 201) << fiber.body;
  EXPECT_EQ(fiber.json().at("before").as_string(), "daifa-http-io");
  EXPECT_EQ(fiber.json().at("writer").as_string(), "daifa-writer");

  auto blocking = HttpClient(port_).post("/t/blocking", "{}");
  ASSERT_EQ(blocking.status, 201) << blocking.body;
  EXPECT_EQ(blocking.json().at("before").as_string(), "daifa-blocking");
  EXPECT_EQ(blocking.json().at("writer").as_string(), "daifa-writer");
}

TEST_P(FibersTest, ManyWritesWaitAtOnceOnOneSocketThread) {
  // 24 clients on one socket thread, fibers and blocking handlers mixed: many fibers are suspended on the writer
  // at once and resumed in whatever order their batches become durable. Every request is answered and every
  // write is kept exactly once.
  constexpr int kClients = 24, kEach = 5;
  const std::int64_t before = ts_.store().reads().read([](store::Connection& c) { return store::count_suppliers(c); });
  std::atomic<int> created{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      HttpClient client(port_);
      for (int k = 0; k < kEach; ++k) {
        auto r = client.post(i % 4 == 0 ? "/t/blocking" : "/t/fiber", "{}");
        if (r.status == 201) ++created;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(created.load(), kClients * kEach);
  const std::int64_t after = ts_.store().reads().read([](store::Connection& c) { return store::count_suppliers(c); });
  EXPECT_EQ(after - before, kClients * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, FibersTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
