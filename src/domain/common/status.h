#pragma once
// The one enum of expected outcomes. Numbers are stable: they are stored and logged, never reused.
// An operation that can fail for a business reason returns one of these as a value; exceptions are
// kept for aborting a request (bugs, lost connections), assertions for bugs only.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace daifa {

enum class Status : std::uint16_t {
  ok = 0,
  malformed_request = 1,       // the request could not be read: bad JSON, bad query parameter
  unauthenticated = 2,         // nobody is signed in, or the credentials are wrong
  forbidden = 3,               // signed in, but this role may not do this
  not_found = 4,               // unknown, or not visible to the caller's scope
  method_not_allowed = 5,
  version_conflict = 6,        // the edit carried a stale version
  idempotency_key_reused = 7,  // the same Idempotency-Key came with a different body
  state_conflict = 8,          // the resource is in a state that does not allow this
  already_exists = 9,          // a unique natural key is taken (e.g. an email)
  payload_too_large = 10,
  unsupported_media_type = 11,
  invalid_fields = 12,         // one or more fields are invalid; the details name each
  rate_limited = 13,
  unavailable = 14,            // the store is unreachable or the server is shutting down
  internal = 15,
  csrf_failed = 16,            // a cookie-authenticated write without the right X-CSRF-Token
};

std::string_view to_string(Status s);  // the stable snake_case name, e.g. "version_conflict"

// One invalid field: `field` is a JSON path ("lines[2].quantity"), `code` a stable snake_case reason.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

using FieldErrors = std::vector<FieldError>;

// A failure as a value: what went wrong, a human sentence, and the fields concerned.
struct Failure {
  Status status = Status::internal;
  std::string detail;
  FieldErrors errors;
};

}  // namespace daifa
