#pragma once
// Users, sessions, API tokens and sign-in back-off. Secrets are stored only as hashes.
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/login_backoff.h"
#include "domain/accounts/role.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct UserRecord {
  Id id = 0;
  std::string email;  // stored lower-case
  std::string password_hash;
  Role role = Role::owner;
  std::optional<Id> supplier_id;
  std::optional<Id> distributor_id;
  bool disabled = false;
  Timestamp created_at;

  Scope scope() const { return Scope{id, role, supplier_id, distributor_id}; }
};

void insert_user(Connection& c, const UserRecord& u);  // StoreError unique_violation when the email is taken
std::optional<UserRecord> find_user(Connection& c, Id id);
std::optional<UserRecord> find_user_by_email(Connection& c, std::string_view email);
Page<UserRecord> list_users(Connection& c, const PageRequest& page);

struct SessionRecord {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

void insert_session(Connection& c, const SessionRecord& s);
std::optional<SessionRecord> find_session(Connection& c, std::string_view token_hash);
void delete_session(Connection& c, std::string_view token_hash);
std::int64_t delete_expired_sessions(Connection& c, Timestamp now);

struct TokenRecord {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
};

void insert_token(Connection& c, const TokenRecord& t);
std::optional<TokenRecord> find_token_by_hash(Connection& c, std::string_view token_hash);
// A user's own tokens only: the scope's user id is part of every query.
Page<TokenRecord> list_tokens(Connection& c, const Scope& scope, const PageRequest& page);
std::optional<TokenRecord> find_token(Connection& c, const Scope& scope, Id id);
bool revoke_token(Connection& c, const Scope& scope, Id id, Timestamp now);

LoginBackoffState load_login_backoff(Connection& c, std::string_view key);
void save_login_backoff(Connection& c, std::string_view key, const LoginBackoffState& s);
void clear_login_backoff(Connection& c, std::string_view key);

}  // namespace daifa::store
