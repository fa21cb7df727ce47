#include "domain/common/status.h"

namespace daifa {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::malformed_request: return "malformed_request";
    case Status::unauthenticated: return "unauthenticated";
    case Status::forbidden: return "forbidden";
    case Status::not_found: return "not_found";
    case Status::method_not_allowed: return "method_not_allowed";
    case Status::version_conflict: return "version_conflict";
    case Status::idempotency_key_reused: return "idempotency_key_reused";
    case Status::state_conflict: return "state_conflict";
    case Status::already_exists: return "already_exists";
    case Status::payload_too_large: return "payload_too_large";
    case Status::unsupported_media_type: return "unsupported_media_type";
    case Status::invalid_fields: return "invalid_fields";
    case Status::rate_limited: return "rate_limited";
    case Status::unavailable: return "unavailable";
    case Status::internal: return "internal";
    case Status::csrf_failed: return "csrf_failed";
  }
  return "internal";
}

}  // namespace daifa
