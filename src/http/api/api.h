#pragma once
// The API: the route table, and dispatch from a Request to a Response — authentication, CSRF, the
// role check, content type, errors as problem+json, metrics and the access log. Handlers are plain
// functions from a RequestContext to a Response; they never see a socket.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "http/core/message.h"
#include "http/core/problem.h"
#include "http/core/router.h"
#include "http/metrics.h"
#include "http/static_files.h"
#include "store/common/page.h"

namespace daifa::http {

// Which roles may call a route. A route that allows nobody is public (no sign-in needed).
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= 1u << static_cast<unsigned>(r);
  }
  static constexpr RoleSet public_access() { RoleSet s; s.public_ = true; return s; }
  bool is_public() const { return public_; }
  bool allows(Role r) const { return (bits_ >> static_cast<unsigned>(r)) & 1u; }

 private:
  unsigned bits_ = 0;
  bool public_ = false;
};

inline const RoleSet kStaff{Role::owner, Role::operator_, Role::agent, Role::finance};
inline const RoleSet kEveryone{Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier, Role::distributor};
inline const RoleSet kManagers{Role::owner, Role::operator_};

struct RequestContext {
  Request& req;
  app::App& app;
  const app::Principal* principal = nullptr;  // null on public routes called anonymously
  PathParams params;

  const Scope& scope() const { return scope_; }
  Scope scope_{};

  // Runs a write in the store's writer and answers after it has committed. A non-2xx response undoes
  // everything `fn` wrote. For a POST with an Idempotency-Key, the first 2xx answer is stored in the same
  // transaction and replayed for a retry with the same body; a different body gets 409.
  Response write(const std::function<Response(store::Tx&)>& fn);

  // As write(), but the answer is rendered by `render` from the value `fn` returns, after the commit and
  // off the writer (one writer serves every request: rendering a large JSON body there held it up for all
  // of them). `fn` returns a Response only to refuse (status ≥ 300: nothing kept). When the answer must be
  // stored with the transaction (a POST with an Idempotency-Key), `render` runs inside it instead.
  template <class T, class Fn, class Render>
  Response write_rendered(Fn&& fn, Render&& render) {
    const bool inside = stores_answer();
    std::optional<T> value;
    Response answer = write([&](store::Tx& tx) {
      value.reset();  // the writer may run `fn` again (decision 0001): keep only the last run's value
      std::variant<Response, T> out = fn(tx);
      if (auto* refused = std::get_if<Response>(&out)) return std::move(*refused);
      if (inside) return render(std::get<T>(out));
      value.emplace(std::move(std::get<T>(out)));
      return Response{};
    });
    return value ? render(*value) : answer;
  }
  // True when write() stores the answer with the transaction (a POST with an Idempotency-Key).
  bool stores_answer() const;

  // The body as a JSON object; on failure `error` is the problem response to return.
  std::optional<boost::json::object> json_body(Response& error) const;
  // The path parameter `name` as an id; nullopt means 404 (an id that cannot exist).
  std::optional<Id> path_id(std::string_view name) const;
};

using RouteHandler = std::function<Response(RequestContext&)>;

struct RouteSpec {
  std::string method;
  std::string pattern;
  RoleSet roles;
  RouteHandler handler;
  // The media types a body may have (e.g. image uploads); empty means JSON, as for almost every route.
  std::vector<std::string> body_types;
};

class Api {
 public:
  // `blocking_threads`: the pool that runs the handlers wrapped in blocking().
  Api(app::App& app, Metrics& metrics, std::size_t blocking_threads = 8);
  ~Api();
  Response handle(Request& req);

  // Handlers run on the server's socket threads, suspended (not blocking) while they wait for the writer.
  // A handler that would hold its thread for long otherwise — CPU-heavy work (password hashing, images, PDFs,
  // spreadsheets) or a wait for the network — is registered wrapped in blocking(): it then runs on this API's
  // pool of blocking threads, and the request's fiber waits for it without holding the socket thread.
  RouteHandler blocking(RouteHandler handler);

  void add(std::string method, std::string pattern, RoleSet roles, RouteHandler handler,
           std::vector<std::string> body_types = {});
  const std::vector<RouteSpec>& routes() const { return routes_; }
  app::App& app() { return app_; }
  Metrics& metrics() { return metrics_; }
  // The built web console, served for GET paths outside /api/ that no route matches. May be null.
  void set_static_files(const StaticFiles* files) { static_files_ = files; }
  const StaticFiles* static_files() const { return static_files_; }

 private:
  Response dispatch(Request& req, const RouteMatch& match, std::int64_t& user_id);

  app::App& app_;
  Metrics& metrics_;
  std::unique_ptr<boost::asio::thread_pool> blocking_pool_;
  Router router_;
  std::vector<RouteSpec> routes_;
  const StaticFiles* static_files_ = nullptr;
};

// One registration function per capability.
void add_platform_routes(Api& api);
void add_account_routes(Api& api);
void add_supplier_routes(Api& api);
void add_distributor_routes(Api& api);
void add_product_routes(Api& api);
void add_image_routes(Api& api);
void add_compliance_routes(Api& api);
void add_offer_routes(Api& api);
void add_feed_routes(Api& api);  // feed_routes.cc: supplier feeds and their pulls
void add_channel_routes(Api& api);
void add_order_routes(Api& api);
void add_order_intake_routes(Api& api);
void add_shipment_routes(Api& api);
void add_tracking_routes(Api& api);
void add_notify_routes(Api& api);  // notify_routes.cc: outbound webhooks, customer messages
void add_report_routes(Api& api);
void add_all_routes(Api& api);

// Response helpers shared by the handlers.
Response json_response(int status, const boost::json::value& body);
Response not_found(std::string_view what);

// Reads limit and cursor; every other parameter must be in `allowed`. On failure `error` is a 400.
std::optional<store::PageRequest> page_request(const Request& req, std::initializer_list<std::string_view> allowed,
                                               Response& error);
template <class T, class ToJson>
Response list_response(const store::Page<T>& page, ToJson to_json);

// An optional id query parameter (`?supplier_id=…`) into `out`; false, with a 400 in `error`, when it is
// present but not an id.
bool id_param(const RequestContext& ctx, std::string_view name, std::optional<Id>& out, Response& error);

// An optional query parameter naming a value of an enum (`?status=on_hold`), read by `parse`. False, with a
// 400 whose field error is `unknown_<name>` with `expected`, when it is present but not a value.
template <class T, class Parse>
bool enum_param(const RequestContext& ctx, std::string_view name, Parse parse, std::string_view detail,
                std::string_view expected, std::optional<T>& out, Response& error) {
  auto text = ctx.req.query_param(name);
  if (!text) return true;
  out = parse(*text);
  if (out) return true;
  error = problem(Status::malformed_request, detail, {{std::string(name), "unknown_" + std::string(name), std::string(expected)}});
  return false;
}

// The version an edit was based on: If-Match: "N" or a "version" field. On failure `error` is set.
std::optional<std::int64_t> expected_version(const Request& req, const boost::json::object& body, Response& error);

}  // namespace daifa::http

#include "http/api/api_inl.h"
