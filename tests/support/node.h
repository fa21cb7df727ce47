#pragma once
// One more Daifa node on an existing database: its own store (writer, read pool), App, node id and HTTP
// server. Several nodes on one PostgreSQL are how Daifa scales out; tests use them to get real
// concurrency between writers.
#include <memory>
#include <string>

#include "app/app.h"
#include "http/api/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/store.h"
#include "support/test_server.h"

namespace daifa::testing {

struct Node {
  Node(const std::string& url, int node_id, ManualClock& clock)
      : ids(node_id),
        store(url, store::StoreOptions{}, clock.now().unix_ms),
        app(store, clock, ids, fast_hashing()),
        api(app, metrics) {
    http::add_all_routes(api);
    http::ServerOptions options;
    options.port = 0;
    server = std::make_unique<http::Server>(options, [this](http::Request& r) { return api.handle(r); });
    port = server->start();
  }
  ~Node() {
    server->shutdown();
    store.close();
  }
  static app::AppConfig fast_hashing() {
    app::AppConfig c;
    c.password_ops_limit = 1;
    c.password_mem_limit = 8192;
    return c;
  }

  IdGenerator ids;
  store::Store store;
  app::App app;
  http::Metrics metrics;
  http::Api api;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;
};

}  // namespace daifa::testing
