#include "domain/accounts/login_backoff.h"

#include <algorithm>

namespace daifa {

Timestamp next_attempt_at(const LoginBackoffPolicy& policy, const LoginBackoffState& state) {
  if (state.failures < policy.free_failures) return Timestamp{0};
  int doublings = std::min(state.failures - policy.free_failures, 30);
  std::int64_t wait = std::min(policy.base_wait_ms << doublings, policy.max_wait_ms);
  return state.last_failure + wait;
}

LoginBackoffState after_failure(const LoginBackoffPolicy& policy, const LoginBackoffState& state, Timestamp now) {
  bool forgotten = now.unix_ms - state.last_failure.unix_ms > policy.forget_after_ms;
  int failures = forgotten ? 1 : std::min(state.failures + 1, 1000);
  return LoginBackoffState{failures, now};
}

}  // namespace daifa
