#include "http/core/problem.h"

#include <boost/json.hpp>

namespace daifa::http {
namespace json = boost::json;

int http_status(Status s) {
  switch (s) {
    case Status::ok: return 200;
    case Status::malformed_request: return 400;
    case Status::unauthenticated: return 401;
    case Status::forbidden: return 403;
    case Status::csrf_failed: return 403;
    case Status::not_found: return 404;
    case Status::method_not_allowed: return 405;
    case Status::version_conflict: return 409;
    case Status::idempotency_key_reused: return 409;
    case Status::state_conflict: return 409;
    case Status::already_exists: return 409;
    case Status::payload_too_large: return 413;
    case Status::unsupported_media_type: return 415;
    case Status::invalid_fields: return 422;
    case Status::rate_limited: return 429;
    case Status::unavailable: return 503;
    case Status::internal: return 500;
  }
  return 500;
}

namespace {
std::string_view title(Status s) {
  switch (s) {
    case Status::ok: return "OK";
    case Status::malformed_request: return "Malformed request";
    case Status::unauthenticated: return "Not signed in";
    case Status::forbidden: return "Not allowed";
    case Status::csrf_failed: return "Missing or wrong CSRF token";
    case Status::not_found: return "Not found";
    case Status::method_not_allowed: return "Method not allowed";
    case Status::version_conflict: return "Version conflict";
    case Status::idempotency_key_reused: return "Idempotency key reused with a different request";
    case Status::state_conflict: return "State conflict";
    case Status::already_exists: return "Already exists";
    case Status::payload_too_large: return "Payload too large";
    case Status::unsupported_media_type: return "Unsupported media type";
    case Status::invalid_fields: return "Invalid fields";
    case Status::rate_limited: return "Too many requests";
    case Status::unavailable: return "Service unavailable";
    case Status::internal: return "Internal error";
  }
  return "Internal error";
}
}  // namespace

Response problem(Status s, std::string_view detail, const FieldErrors& errors) {
  json::object body;
  body["type"] = "https://daifa.dev/problems/" + std::string(to_string(s));
  body["title"] = title(s);
  body["status"] = http_status(s);
  body["code"] = to_string(s);
  body["detail"] = detail;
  json::array list;
  for (const auto& e : errors) {
    list.push_back(json::object{{"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  body["errors"] = std::move(list);
  Response r;
  r.status = http_status(s);
  r.set("Content-Type", "application/problem+json");
  r.body = json::serialize(body);
  return r;
}

Response problem(const Failure& f) { return problem(f.status, f.detail, f.errors); }

}  // namespace daifa::http
