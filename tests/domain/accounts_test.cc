#include <gtest/gtest.h>

#include "domain/accounts/credentials.h"
#include "domain/accounts/login_backoff.h"
#include "domain/accounts/role.h"

namespace daifa {
namespace {

TEST(LoginBackoff, FreeFailuresThenDoublingWaitsUpToACeiling) {
  LoginBackoffPolicy p;  // 5 free, 1 s doubling, 15 min ceiling
  LoginBackoffState s;
  Timestamp t{1'000'000};
  for (int i = 0; i < 5; ++i) {
    EXPECT_LE(next_attempt_at(p, s), t) << "failure " << i << " should not lock yet";
    s = after_failure(p, s, t);
  }
  EXPECT_EQ(next_attempt_at(p, s), t + 1000);
  s = after_failure(p, s, t);
  EXPECT_EQ(next_attempt_at(p, s), t + 2000);
  for (int i = 0; i < 40; ++i) s = after_failure(p, s, t);
  EXPECT_EQ(next_attempt_at(p, s), t + p.max_wait_ms);
}

TEST(LoginBackoff, ForgetsAfterAQuietWindow) {
  LoginBackoffPolicy p;
  LoginBackoffState s;
  Timestamp t{1'000'000};
  for (int i = 0; i < 8; ++i) s = after_failure(p, s, t);
  s = after_failure(p, s, t + p.forget_after_ms + 1);
  EXPECT_EQ(s.failures, 1);
}

TEST(Roles, RoundTripTheirNames) {
  for (Role r : {Role::owner, Role::operator_, Role::agent, Role::finance, Role::supplier, Role::distributor}) {
    EXPECT_EQ(parse_role(to_string(r)), r);
  }
  EXPECT_EQ(to_string(Role::operator_), "operator");
  EXPECT_FALSE(parse_role("admin"));
}

TEST(Credentials, PasswordLengthIsBounded) {
  FieldErrors e;
  check_password(e, "password", "short");
  check_password(e, "password", std::string(129, 'x'));
  check_password(e, "password", "long-enough");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].code, "too_short");
  EXPECT_EQ(e[1].code, "too_long");
}

}  // namespace
}  // namespace daifa
