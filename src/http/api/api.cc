#include "http/api/api.h"

#include <pthread.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <optional>

#include <boost/asio/post.hpp>

#include "app/crypto.h"
#include "http/core/json_reader.h"
#include "http/log.h"
#include "store/common/idempotency_repo.h"
#include "store/suspension.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

constexpr std::string_view kSessionCookie = "daifa_session";
constexpr std::size_t kMaxIdempotencyKeyBytes = 255;

std::string_view cookie_value(const Request& req, std::string_view name) {
  auto header = req.header("Cookie");
  if (!header) return {};
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
  }
  return {};
}

// The media type of a Content-Type, lower-cased, without parameters.
std::string media_type(std::string_view ct) {
  auto semi = ct.find(';');
  std::string_view media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lower(media);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool is_json_content_type(std::string_view ct) {
  std::string media = media_type(ct);
  return media == "application/json" || media == "application/merge-patch+json";
}

Response replay(const store::IdempotencyRecord& rec, std::string_view hash) {
  if (rec.request_hash != hash) {
    return problem(Status::idempotency_key_reused,
                   "this Idempotency-Key was used for a different request; use a new key for a new request",
                   {{"Idempotency-Key", "reused", "was first used with a different method, path or body"}});
  }
  Response r;
  r.status = rec.status;
  r.set("Content-Type", rec.content_type);
  if (rec.location) r.set("Location", *rec.location);
  r.set("Idempotent-Replayed", "true");
  r.body = rec.body;
  return r;
}

}  // namespace

Response json_response(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.set("Content-Type", "application/json");
  r.body = json::serialize(body);
  return r;
}

Response not_found(std::string_view what) { return problem(Status::not_found, std::string(what) + " not found"); }

std::optional<store::PageRequest> page_request(const Request& req, std::initializer_list<std::string_view> allowed,
                                               Response& error) {
  store::PageRequest page;
  FieldErrors errors;
  for (const auto& [key, value] : req.query) {
    if (key == "limit") {
      std::int64_t n = 0;
      bool digits = !value.empty() && value.size() <= 4 &&
                    std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits) n = std::stoll(value);
      if (!digits || n < 1 || n > store::kMaxPageSize) {
        errors.push_back({"limit", "out_of_range", "must be a whole number from 1 to 500"});
      } else {
        page.limit = n;
      }
    } else if (key == "cursor") {
      auto id = decode_cursor(value);
      if (!id) errors.push_back({"cursor", "invalid_cursor", "is not a cursor this list returned"});
      else page.before_id = id;
    } else if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      errors.push_back({key, "unknown_parameter", "is not a parameter of this list"});
    }
  }
  if (!errors.empty()) {
    error = problem(Status::malformed_request, "the query has invalid parameters", errors);
    return std::nullopt;
  }
  return page;
}

std::optional<std::int64_t> expected_version(const Request& req, const json::object& body, Response& error) {
  if (auto if_match = req.header("If-Match")) {
    std::string_view v = *if_match;
    if (v.substr(0, 2) == "W/") v.remove_prefix(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    std::int64_t n = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || n < 1) {
      error = problem(Status::malformed_request, "If-Match must be a version such as \"3\"",
                      {{"If-Match", "invalid_version", "must be a version such as \"3\""}});
      return std::nullopt;
    }
    return n;
  }
  FieldErrors errors;
  JsonReader reader(body, errors);
  auto version = reader.integer("version", Need::required);
  if (!version) {
    error = problem(Status::invalid_fields, "an edit must carry the version it is based on (If-Match or version)",
                    errors);
    return std::nullopt;
  }
  return version;
}

std::optional<json::object> RequestContext::json_body(Response& error) const {
  Failure failure;
  auto object = JsonReader::parse_object(req.body, failure);
  if (!object) error = problem(failure);
  return object;
}

std::optional<Id> RequestContext::path_id(std::string_view name) const { return parse_id(params.get(name)); }

bool RequestContext::stores_answer() const {
  return principal && req.method == "POST" && req.header("Idempotency-Key").has_value();
}

Response RequestContext::write(const std::function<Response(store::Tx&)>& fn) {
  auto& writer = app.store().writer();
  auto key = req.header("Idempotency-Key");
  if (!stores_answer()) {
    Response committed = writer.run([&](store::Tx& tx) {
      Response r = fn(tx);
      if (r.status >= 300) tx.abort();
      return r;
    });
    app.commits().ring();  // the notification dispatcher looks for new outbox rows at once
    return committed;
  }
  if (key->empty() || key->size() > kMaxIdempotencyKeyBytes ||
      !std::all_of(key->begin(), key->end(), [](char c) { return c > 0x20 && c < 0x7F; })) {
    return problem(Status::malformed_request, "Idempotency-Key must be 1 to 255 visible ASCII characters",
                   {{"Idempotency-Key", "invalid", "must be 1 to 255 visible ASCII characters"}});
  }
  const Id principal_id = principal->user.id;
  const std::string key_text(*key);
  const std::string hash = app::sha256_hex(req.method + " " + req.path + "\n" + req.body);
  auto find = [&] {
    return app.store().reads().read(
        [&](store::Connection& c) { return store::find_idempotency(c, principal_id, key_text); });
  };
  if (auto existing = find(); existing && existing->status != 0) return replay(*existing, hash);

  auto fresh = writer.run([&](store::Tx& tx) -> std::optional<Response> {
    store::IdempotencyRecord rec{principal_id, key_text, hash, 0, "", "", std::nullopt, app.now()};
    if (!store::claim_idempotency(tx.conn(), rec)) return std::nullopt;
    Response r = fn(tx);
    if (r.status >= 300 || tx.aborted()) {
      tx.abort();  // failures are not remembered: nothing was written, so a retry may run again
      return r;
    }
    rec.status = r.status;
    auto ct = r.headers.find("Content-Type");
    rec.content_type = ct == r.headers.end() ? "application/json" : ct->second;
    rec.body = r.body;
    if (auto loc = r.headers.find("Location"); loc != r.headers.end()) rec.location = loc->second;
    store::complete_idempotency(tx.conn(), rec);
    return r;
  });
  app.commits().ring();
  if (fresh) return *fresh;
  if (auto existing = find(); existing && existing->status != 0) return replay(*existing, hash);
  return problem(Status::state_conflict, "a request with this Idempotency-Key is still being processed; retry shortly");
}

Api::Api(app::App& app, Metrics& metrics, std::size_t blocking_threads)
    : app_(app),
      metrics_(metrics),
      blocking_pool_(std::make_unique<boost::asio::thread_pool>(std::max<std::size_t>(1, blocking_threads))) {}

Api::~Api() { blocking_pool_->join(); }

RouteHandler Api::blocking(RouteHandler handler) {
  return [this, handler = std::move(handler)](RequestContext& ctx) -> Response {
    store::Suspension* fiber = store::Suspension::current();
    if (!fiber) return handler(ctx);  // not on a server fiber (already on a thread of its own): run here
    std::optional<Response> response;
    std::exception_ptr error;
    fiber->suspend([&](store::Suspension::Resume resume) {
      boost::asio::post(*blocking_pool_, [&, resume = std::move(resume)] {
        thread_local const bool named = pthread_setname_np(pthread_self(), "daifa-blocking") == 0;
        (void)named;
        try {
          response.emplace(handler(ctx));
        } catch (...) {
          error = std::current_exception();
        }
        resume();
      });
    });
    if (error) std::rethrow_exception(error);
    return std::move(*response);
  };
}

void Api::add(std::string method, std::string pattern, RoleSet roles, RouteHandler handler,
              std::vector<std::string> body_types) {
  router_.add(method, pattern);
  routes_.push_back(RouteSpec{std::move(method), std::move(pattern), roles, std::move(handler), std::move(body_types)});
}

Response Api::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  RouteMatch match = router_.match(req.method, req.path);
  std::int64_t user_id = 0;
  Response response;
  try {
    response = dispatch(req, match, user_id);
  } catch (const store::StoreError& e) {
    bool transient = e.kind() == store::ErrorKind::busy || e.kind() == store::ErrorKind::connection_lost;
    log(LogLevel::error, "store error", {{"request_id", req.request_id}, {"error", e.what()}});
    response = problem(transient ? Status::unavailable : Status::internal,
                       transient ? "the store is busy or unreachable; retry shortly" : "an internal error occurred");
    if (transient) response.set("Retry-After", "1");
  } catch (const std::exception& e) {
    log(LogLevel::error, "unhandled error", {{"request_id", req.request_id}, {"error", e.what()}});
    response = problem(Status::internal, "an internal error occurred");
  }
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  std::string route = match.kind == RouteMatch::Kind::found ? routes_[static_cast<std::size_t>(match.route)].pattern
                                                           : std::string("unmatched");
  metrics_.observe_request(route, req.method, response.status, us);
  json::object fields{{"request_id", req.request_id}, {"method", req.method}, {"route", route},
                      {"status", response.status}, {"duration_us", us}, {"client", req.client_address}};
  if (user_id) fields["user_id"] = id_to_string(user_id);
  log(response.status >= 500 ? LogLevel::error : LogLevel::info, "request", std::move(fields));
  return response;
}

Response Api::dispatch(Request& req, const RouteMatch& match, std::int64_t& user_id) {
  if (match.kind == RouteMatch::Kind::not_found) {
    if (static_files_ && req.path.rfind("/api/", 0) != 0) {
      if (auto file = static_files_->serve(req)) return *file;
    }
    return problem(Status::not_found, "no such route: " + req.path);
  }
  if (match.kind == RouteMatch::Kind::method_not_allowed) {
    Response r = problem(Status::method_not_allowed, req.method + " is not allowed here; allowed: " + match.allow);
    r.set("Allow", match.allow);
    return r;
  }
  const RouteSpec& route = routes_[static_cast<std::size_t>(match.route)];

  std::optional<app::Principal> principal;
  bool unsafe = req.method != "GET" && req.method != "HEAD";
  if (auto auth = req.header("Authorization"); auth && auth->substr(0, 7) == "Bearer ") {
    principal = app::authenticate_bearer(app_, auth->substr(7));
    if (!principal && !route.roles.is_public()) {
      return problem(Status::unauthenticated, "the API token is unknown or revoked");
    }
  } else if (auto cookie = cookie_value(req, kSessionCookie); !cookie.empty()) {
    principal = app::authenticate_session(app_, cookie);
  }
  if (!route.roles.is_public()) {
    if (!principal) return problem(Status::unauthenticated, "sign in first (session cookie or Bearer token)");
    user_id = principal->user.id;
    if (principal->via_session && unsafe) {
      auto csrf = req.header("X-CSRF-Token");
      if (!csrf || !app::constant_time_equal(*csrf, principal->csrf_token)) {
        return problem(Status::csrf_failed, "a signed-in browser write must send X-CSRF-Token from sign-in",
                       {{"X-CSRF-Token", "missing_or_wrong", "must be the csrf_token returned by sign-in"}});
      }
    }
    if (!route.roles.allows(principal->user.role)) {
      return problem(Status::forbidden, "the " + std::string(to_string(principal->user.role)) + " role may not do this");
    }
  }
  if (unsafe && !req.body.empty() && !route.body_types.empty()) {
    auto ct = req.header("Content-Type");
    const auto& types = route.body_types;
    if (!ct || std::find(types.begin(), types.end(), media_type(*ct)) == types.end()) {
      std::string list;
      for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
      return problem(Status::unsupported_media_type, "the body must be one of: " + list,
                     {{"Content-Type", "unsupported", "must be one of: " + list}});
    }
  } else if (unsafe && !req.body.empty()) {
    auto ct = req.header("Content-Type");
    // Inbound channel webhooks and carrier callbacks carry the sender's own body format; the outbound
    // subscriptions under /api/v1/webhooks/ are ordinary JSON resources and stay checked.
    bool form_route = route.pattern.find("/channels/{id}/webhooks/") != std::string::npos ||
                      route.pattern.find("/tracking/") != std::string::npos;
    if (!form_route && (!ct || !is_json_content_type(*ct))) {
      return problem(Status::unsupported_media_type, "the body must be application/json",
                     {{"Content-Type", "unsupported", "must be application/json"}});
    }
  }
  RequestContext ctx{req, app_, principal ? &*principal : nullptr, match.params};
  if (principal) ctx.scope_ = principal->scope();
  Response r = route.handler(ctx);
  if (r.status == 429 && r.headers.find("Retry-After") == r.headers.end()) r.set("Retry-After", "1");
  return r;
}

bool id_param(const RequestContext& ctx, std::string_view name, std::optional<Id>& out, Response& error) {
  auto text = ctx.req.query_param(name);
  if (!text) return true;
  out = parse_id(*text);
  if (!out) {
    error = problem(Status::malformed_request, std::string(name) + " must be an id",
                    {{std::string(name), "must_be_id", "must be an id such as 123456789"}});
    return false;
  }
  return true;
}

void add_all_routes(Api& api) {
  add_platform_routes(api);
  add_account_routes(api);
  add_supplier_routes(api);
  add_distributor_routes(api);
  add_product_routes(api);
  add_image_routes(api);
  add_compliance_routes(api);
  add_offer_routes(api);
  add_feed_routes(api);
  add_channel_routes(api);
  add_order_routes(api);
  add_order_intake_routes(api);
  add_shipment_routes(api);
  add_tracking_routes(api);
  add_notify_routes(api);
  add_report_routes(api);
}

}  // namespace daifa::http
