#pragma once
// Bounded back-off after failed sign-ins, kept per account and per client address. The first few failures
// are free; after that each failure doubles the wait, up to a ceiling. Failures are forgotten after a quiet
// window. Pure: the caller loads the state, passes the time, and stores the result.
#include <cstdint>

#include "domain/common/time.h"

namespace daifa {

struct LoginBackoffPolicy {
  int free_failures = 5;                  // failures allowed before any wait
  std::int64_t base_wait_ms = 1000;       // first wait once free failures are used up
  std::int64_t max_wait_ms = 15 * 60'000;  // the ceiling of a single wait
  std::int64_t forget_after_ms = 30 * 60'000;  // a quiet window that resets the count
};

struct LoginBackoffState {
  int failures = 0;
  Timestamp last_failure;
};

// When the next attempt may be made; <= now means now.
Timestamp next_attempt_at(const LoginBackoffPolicy& policy, const LoginBackoffState& state);
LoginBackoffState after_failure(const LoginBackoffPolicy& policy, const LoginBackoffState& state, Timestamp now);

}  // namespace daifa
