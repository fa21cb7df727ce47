#include "app/accounts/accounts.h"

#include <algorithm>

#include "app/crypto.h"
#include "domain/accounts/credentials.h"
#include "domain/common/validation.h"
#include "store/catalog/supplier_repo.h"
#include "store/common/idempotency_repo.h"
#include "store/distribution/distributor_repo.h"

namespace daifa::app {
namespace {

constexpr std::string_view kTokenPrefix = "dft_";
const Scope kSystemScope{0, Role::owner, std::nullopt, std::nullopt};

std::string account_key(std::string_view email) { return "account:" + std::string(email); }
std::string address_key(std::string_view address) { return "address:" + std::string(address); }

}  // namespace

std::string normalize_email(std::string_view email) {
  while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
  while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::variant<LoginResult, LoginRefusal> login(App& app, std::string_view raw_email, std::string_view password,
                                              std::string_view client_address) {
  const std::string email = normalize_email(raw_email);
  const Timestamp now = app.now();
  const auto& cfg = app.config();
  std::string akey = account_key(email), ikey = address_key(client_address);

  auto [account_state, address_state, user] = app.store().reads().read([&](store::Connection& c) {
    return std::tuple{store::load_login_backoff(c, akey), store::load_login_backoff(c, ikey),
                      store::find_user_by_email(c, email)};
  });
  Timestamp allowed_at = std::max(next_attempt_at(cfg.account_backoff, account_state),
                                  next_attempt_at(cfg.address_backoff, address_state));
  if (allowed_at > now) {
    std::int64_t wait_s = (allowed_at.unix_ms - now.unix_ms + 999) / 1000;
    return LoginRefusal{fail(Status::rate_limited, "too many failed sign-ins; try again in " + std::to_string(wait_s) + " s"),
                        wait_s};
  }

  bool ok = false;
  if (user && password.size() <= kMaxPasswordBytes) {
    ok = verify_password(user->password_hash, password) && !user->disabled;
  } else {
    verify_password_dummy(password.substr(0, kMaxPasswordBytes));
  }
  if (!ok) {
    app.store().writer().run([&](store::Tx& tx) {
      auto& c = tx.conn();
      store::save_login_backoff(c, akey, after_failure(cfg.account_backoff, store::load_login_backoff(c, akey), now));
      store::save_login_backoff(c, ikey, after_failure(cfg.address_backoff, store::load_login_backoff(c, ikey), now));
    });
    return LoginRefusal{fail(Status::unauthenticated, "wrong email or password")};
  }

  LoginResult result{*user, random_token(32), random_token(24), now + cfg.session_ttl_ms};
  app.store().writer().run([&](store::Tx& tx) {
    store::clear_login_backoff(tx.conn(), akey);
    store::insert_session(tx.conn(), store::SessionRecord{sha256_hex(result.session_token), user->id,
                                                          result.csrf_token, now, result.expires_at});
  });
  return result;
}

void logout(App& app, std::string_view session_token) {
  std::string hash = sha256_hex(session_token);
  app.store().writer().run([&](store::Tx& tx) { store::delete_session(tx.conn(), hash); });
}

std::optional<Principal> authenticate_session(App& app, std::string_view session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  std::string hash = sha256_hex(session_token);
  Timestamp now = app.now();
  return app.store().reads().read([&](store::Connection& c) -> std::optional<Principal> {
    auto session = store::find_session(c, hash);
    if (!session || session->expires_at <= now) return std::nullopt;
    auto user = store::find_user(c, session->user_id);
    if (!user || user->disabled) return std::nullopt;
    return Principal{*user, true, session->csrf_token};
  });
}

std::optional<Principal> authenticate_bearer(App& app, std::string_view token) {
  if (token.size() > 128 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return std::nullopt;
  std::string hash = sha256_hex(token);
  return app.store().reads().read([&](store::Connection& c) -> std::optional<Principal> {
    auto record = store::find_token_by_hash(c, hash);
    if (!record || record->revoked_at) return std::nullopt;
    auto user = store::find_user(c, record->user_id);
    if (!user || user->disabled) return std::nullopt;
    return Principal{*user, false, {}};
  });
}

Outcome<PreparedUser> prepare_user(App& app, NewUser input) {
  FieldErrors errors;
  input.email = normalize_email(input.email);
  check_email(errors, "email", input.email);
  check_password(errors, "password", input.password);
  if (input.role == Role::supplier && !input.supplier_id) {
    errors.push_back({"supplier_id", "required", "is required for a supplier user"});
  }
  if (input.role != Role::supplier && input.supplier_id) {
    errors.push_back({"supplier_id", "not_allowed", "only a supplier user is bound to a supplier"});
  }
  if (input.role == Role::distributor && !input.distributor_id) {
    errors.push_back({"distributor_id", "required", "is required for a distributor user"});
  }
  if (input.role != Role::distributor && input.distributor_id) {
    errors.push_back({"distributor_id", "not_allowed", "only a distributor user is bound to a distributor"});
  }
  if (!errors.empty()) return fail(Status::invalid_fields, "the user has invalid fields", std::move(errors));
  store::UserRecord record;
  record.id = app.new_id();
  record.email = input.email;
  record.password_hash = hash_password(input.password, app.config().password_ops_limit, app.config().password_mem_limit);
  record.role = input.role;
  record.supplier_id = input.supplier_id;
  record.distributor_id = input.distributor_id;
  record.created_at = app.now();
  return PreparedUser{std::move(record)};
}

Outcome<store::UserRecord> insert_prepared_user(store::Tx& tx, PreparedUser prepared) {
  auto& c = tx.conn();
  const auto& u = prepared.record;
  if (u.supplier_id && !store::find_supplier(c, kSystemScope, *u.supplier_id)) {
    return fail(Status::invalid_fields, "the supplier does not exist",
                {{"supplier_id", "unknown_supplier", "no supplier has this id"}});
  }
  if (u.distributor_id && !store::find_distributor(c, kSystemScope, *u.distributor_id)) {
    return fail(Status::invalid_fields, "the distributor does not exist",
                {{"distributor_id", "unknown_distributor", "no distributor has this id"}});
  }
  if (store::find_user_by_email(c, u.email)) {
    return fail(Status::already_exists, "a user with this email exists", {{"email", "taken", "is already in use"}});
  }
  try {
    store::insert_user(c, u);
  } catch (const store::StoreError& e) {
    if (e.kind() != store::ErrorKind::unique_violation) throw;
    tx.abort();  // another node took the email between our check and our insert
    return fail(Status::already_exists, "a user with this email exists", {{"email", "taken", "is already in use"}});
  }
  return u;
}

Outcome<NewToken> create_token(store::Tx& tx, App& app, const Scope& scope, std::string name) {
  FieldErrors errors;
  check_text(errors, "name", name, 1, 64);
  if (!errors.empty()) return fail(Status::invalid_fields, "the token has invalid fields", std::move(errors));
  NewToken out;
  out.token = std::string(kTokenPrefix) + random_token(32);
  out.record = store::TokenRecord{app.new_id(), scope.user_id, std::move(name), sha256_hex(out.token), app.now(), {}};
  store::insert_token(tx.conn(), out.record);
  return out;
}

void sweep(App& app) {
  Timestamp now = app.now();
  app.store().writer().run([&](store::Tx& tx) {
    store::delete_expired_sessions(tx.conn(), now);
    store::delete_idempotency_before(tx.conn(), now + -app.config().idempotency_keep_ms);
  });
}

}  // namespace daifa::app
