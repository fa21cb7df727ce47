#pragma once
// A real Daifa server for integration tests: the store on a TestDatabase, the App, the Api and the
// Beast server on 127.0.0.1 with a free port, plus a user of every role (password kPassword).
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "domain/accounts/role.h"
#include "http/api/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/accounts/account_repo.h"
#include "store/store.h"
#include "support/http_client.h"
#include "support/test_store.h"

namespace daifa::testing {

inline constexpr std::string_view kPassword = "correct-horse-battery";

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.unix_ms) {}
  Timestamp now() const override { return Timestamp{now_.load()}; }
  void advance_ms(std::int64_t ms) { now_ += ms; }

 private:
  std::atomic<std::int64_t> now_;
};

struct Party {
  Id supplier_a = 0, supplier_b = 0;
  Id distributor_a = 0, distributor_b = 0;
  Id product = 0;                  // one product, variant SKU "TS-RED-M"
  Id offer_a = 0, offer_b = 0;     // that variant offered by supplier a and by supplier b
  Id channel = 0;
};

class TestServer {
 public:
  // `tune` changes the app's configuration before the server starts (e.g. carriers followed by polling).
  explicit TestServer(Backend backend, http::ServerOptions options = {},
                      const std::function<void(app::AppConfig&)>& tune = nullptr);
  ~TestServer();

  std::uint16_t port() const { return port_; }
  app::App& app() { return *app_; }
  store::Store& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  http::Api& api() { return *api_; }
  const Party& parties() const { return parties_; }
  // Where the store is: a second node (support/node.h) can serve the same PostgreSQL database.
  std::string database_url() const { return db_.url(); }

  // The email of the seeded user for a role: the supplier user is bound to supplier_a, the distributor
  // user to distributor_a; "supplier_b" and "distributor_b" users exist too.
  std::string email(std::string_view who) const { return std::string(who) + "@test.daifa"; }
  // A client signed in by cookie as `who` (e.g. "owner", "supplier", "supplier_b"), with X-CSRF-Token set.
  HttpClient signed_in(std::string_view who);
  // A client using an API token (Bearer) created for `who`.
  HttpClient with_token(std::string_view who);

 private:
  TestDatabase db_;
  ManualClock clock_;
  IdGenerator ids_{7};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::App> app_;
  http::Metrics metrics_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  Party parties_;
};

}  // namespace daifa::testing
