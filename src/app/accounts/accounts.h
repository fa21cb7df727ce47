#pragma once
// Sign-in, sessions, API tokens and users.
#include <optional>
#include <string>

#include "app/app.h"
#include "domain/accounts/role.h"
#include "domain/common/outcome.h"
#include "store/accounts/account_repo.h"

namespace daifa::app {

// The caller of a request, once authenticated.
struct Principal {
  store::UserRecord user;
  bool via_session = false;  // true: cookie session (writes need the CSRF token); false: Bearer token
  std::string csrf_token;    // the session's, when via_session
  Scope scope() const { return user.scope(); }
};

struct LoginResult {
  store::UserRecord user;
  std::string session_token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
  Timestamp expires_at;
};

struct LoginRefusal {
  Failure failure;
  std::int64_t retry_after_s = 0;  // set with Status::rate_limited
};

// Checks the back-off for the account and the client address, then the password. A wrong email and a
// wrong password get the same answer in about the same time.
std::variant<LoginResult, LoginRefusal> login(App& app, std::string_view email, std::string_view password,
                                              std::string_view client_address);
void logout(App& app, std::string_view session_token);

std::optional<Principal> authenticate_session(App& app, std::string_view session_token);
std::optional<Principal> authenticate_bearer(App& app, std::string_view token);

struct NewUser {
  std::string email;
  std::string password;
  Role role = Role::operator_;
  std::optional<Id> supplier_id;
  std::optional<Id> distributor_id;
};

// Validates without touching the store (field errors), then hashes the password outside any transaction.
struct PreparedUser {
  store::UserRecord record;
};
Outcome<PreparedUser> prepare_user(App& app, NewUser input);
// Inside a write: checks the bound supplier/distributor exists and the email is free, then inserts.
Outcome<store::UserRecord> insert_prepared_user(store::Tx& tx, PreparedUser prepared);

std::string normalize_email(std::string_view email);

struct NewToken {
  store::TokenRecord record;
  std::string token;  // shown once
};
Outcome<NewToken> create_token(store::Tx& tx, App& app, const Scope& scope, std::string name);

// Removes expired sessions and old idempotency keys. Run periodically.
void sweep(App& app);

}  // namespace daifa::app
