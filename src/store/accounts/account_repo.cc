#include "store/accounts/account_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kUserColumns =
    "id, email, password_hash, role, supplier_id, distributor_id, disabled, created_at";

UserRecord user_from(const Row& r) {
  UserRecord u;
  u.id = r.i64(0);
  u.email = r.text(1);
  u.password_hash = r.text(2);
  u.role = parse_role(r.text(3)).value_or(Role::distributor);
  u.supplier_id = r.opt_i64(4);
  u.distributor_id = r.opt_i64(5);
  u.disabled = r.flag(6);
  u.created_at = Timestamp{r.i64(7)};
  return u;
}

TokenRecord token_from(const Row& r) {
  TokenRecord t;
  t.id = r.i64(0);
  t.user_id = r.i64(1);
  t.name = r.text(2);
  t.token_hash = r.text(3);
  t.created_at = Timestamp{r.i64(4)};
  if (auto at = r.opt_i64(5)) t.revoked_at = Timestamp{*at};
  return t;
}

constexpr std::string_view kTokenColumns = "id, user_id, name, token_hash, created_at, revoked_at";

}  // namespace

void insert_user(Connection& c, const UserRecord& u) {
  c.exec("INSERT INTO users (id, email, password_hash, role, supplier_id, distributor_id, disabled, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         {u.id, u.email, u.password_hash, std::string(to_string(u.role)), opt(u.supplier_id), opt(u.distributor_id),
          std::int64_t{u.disabled}, u.created_at.unix_ms});
}

std::optional<UserRecord> find_user(Connection& c, Id id) {
  Result r = c.exec("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?", {id});
  if (r.empty()) return std::nullopt;
  return user_from(r.rows[0]);
}

std::optional<UserRecord> find_user_by_email(Connection& c, std::string_view email) {
  Result r = c.exec("SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?", {std::string(email)});
  if (r.empty()) return std::nullopt;
  return user_from(r.rows[0]);
}

Page<UserRecord> list_users(Connection& c, const PageRequest& page) {
  Result r = c.exec("SELECT " + std::string(kUserColumns) + " FROM users WHERE id < ? ORDER BY id DESC LIMIT ?",
                    {page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<UserRecord> users;
  for (const Row& row : r.rows) users.push_back(user_from(row));
  return make_page(std::move(users), page, [](const UserRecord& u) { return u.id; });
}

void insert_session(Connection& c, const SessionRecord& s) {
  c.exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
         {s.token_hash, s.user_id, s.csrf_token, s.created_at.unix_ms, s.expires_at.unix_ms});
}

std::optional<SessionRecord> find_session(Connection& c, std::string_view token_hash) {
  Result r = c.exec("SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ?",
                    {std::string(token_hash)});
  if (r.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  return SessionRecord{row.text(0), row.i64(1), row.text(2), Timestamp{row.i64(3)}, Timestamp{row.i64(4)}};
}

void delete_session(Connection& c, std::string_view token_hash) {
  c.exec("DELETE FROM sessions WHERE token_hash = ?", {std::string(token_hash)});
}

std::int64_t delete_expired_sessions(Connection& c, Timestamp now) {
  return c.exec("DELETE FROM sessions WHERE expires_at <= ?", {now.unix_ms}).affected;
}

void insert_token(Connection& c, const TokenRecord& t) {
  c.exec("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)",
         {t.id, t.user_id, t.name, t.token_hash, t.created_at.unix_ms});
}

std::optional<TokenRecord> find_token_by_hash(Connection& c, std::string_view token_hash) {
  Result r = c.exec("SELECT " + std::string(kTokenColumns) + " FROM api_tokens WHERE token_hash = ?",
                    {std::string(token_hash)});
  if (r.empty()) return std::nullopt;
  return token_from(r.rows[0]);
}

Page<TokenRecord> list_tokens(Connection& c, const Scope& scope, const PageRequest& page) {
  Result r = c.exec("SELECT " + std::string(kTokenColumns) +
                        " FROM api_tokens WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                    {scope.user_id, page.before_id.value_or(INT64_MAX), page.limit + 1});
  std::vector<TokenRecord> tokens;
  for (const Row& row : r.rows) tokens.push_back(token_from(row));
  return make_page(std::move(tokens), page, [](const TokenRecord& t) { return t.id; });
}

std::optional<TokenRecord> find_token(Connection& c, const Scope& scope, Id id) {
  Result r = c.exec("SELECT " + std::string(kTokenColumns) + " FROM api_tokens WHERE id = ? AND user_id = ?",
                    {id, scope.user_id});
  if (r.empty()) return std::nullopt;
  return token_from(r.rows[0]);
}

bool revoke_token(Connection& c, const Scope& scope, Id id, Timestamp now) {
  return c.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                {now.unix_ms, id, scope.user_id})
             .affected == 1;
}

LoginBackoffState load_login_backoff(Connection& c, std::string_view key) {
  Result r = c.exec("SELECT failures, last_failure_at FROM login_failures WHERE backoff_key = ?", {std::string(key)});
  if (r.empty()) return {};
  return LoginBackoffState{static_cast<int>(r.rows[0].i64(0)), Timestamp{r.rows[0].i64(1)}};
}

void save_login_backoff(Connection& c, std::string_view key, const LoginBackoffState& s) {
  c.exec("INSERT INTO login_failures (backoff_key, failures, last_failure_at) VALUES (?, ?, ?) "
         "ON CONFLICT (backoff_key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at",
         {std::string(key), std::int64_t{s.failures}, s.last_failure.unix_ms});
}

void clear_login_backoff(Connection& c, std::string_view key) {
  c.exec("DELETE FROM login_failures WHERE backoff_key = ?", {std::string(key)});
}

}  // namespace daifa::store
