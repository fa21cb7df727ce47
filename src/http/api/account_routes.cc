// Sign-in, sign-out, who-am-I, users (owner only) and API tokens (each user their own).
#include "app/accounts/accounts.h"
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::object user_json(const store::UserRecord& u) {
  json::object o{{"id", id_to_string(u.id)}, {"email", u.email}, {"role", to_string(u.role)},
                 {"created_at", format_rfc3339(u.created_at)}, {"disabled", u.disabled}};
  if (u.supplier_id) o["supplier_id"] = id_to_string(*u.supplier_id);
  if (u.distributor_id) o["distributor_id"] = id_to_string(*u.distributor_id);
  return o;
}

json::object token_json(const store::TokenRecord& t) {
  json::object o{{"id", id_to_string(t.id)}, {"name", t.name}, {"created_at", format_rfc3339(t.created_at)}};
  o["revoked_at"] = t.revoked_at ? json::value(format_rfc3339(*t.revoked_at)) : nullptr;
  return o;
}

std::string session_cookie(std::string_view value, std::int64_t max_age_s) {
  return "daifa_session=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s);
}

Response login(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto email = reader.string("email", Need::required);
  auto password = reader.string("password", Need::required);
  reader.allow_only({"email", "password"});
  if (!errors.empty()) return problem(Status::invalid_fields, "sign-in needs an email and a password", errors);

  auto outcome = app::login(ctx.app, *email, *password, ctx.req.client_address);
  if (auto* refusal = std::get_if<app::LoginRefusal>(&outcome)) {
    Response r = problem(refusal->failure);
    if (refusal->retry_after_s > 0) r.set("Retry-After", std::to_string(refusal->retry_after_s));
    return r;
  }
  auto& result = std::get<app::LoginResult>(outcome);
  Response r = json_response(200, json::object{{"user", user_json(result.user)},
                                               {"csrf_token", result.csrf_token},
                                               {"expires_at", format_rfc3339(result.expires_at)}});
  r.set("Set-Cookie", session_cookie(result.session_token, ctx.app.config().session_ttl_ms / 1000));
  r.set("Cache-Control", "no-store");
  return r;
}

Response logout(RequestContext& ctx) {
  // Only a cookie session can be ended here; a Bearer token is revoked with DELETE /tokens/{id}.
  if (ctx.principal && ctx.principal->via_session) {
    auto cookie = ctx.req.header("Cookie").value_or("");
    auto pos = cookie.find("daifa_session=");
    if (pos != std::string_view::npos) {
      auto value = cookie.substr(pos + 14);
      value = value.substr(0, value.find(';'));
      app::logout(ctx.app, value);
    }
  }
  Response r;
  r.status = 204;
  r.set("Set-Cookie", session_cookie("", 0));
  return r;
}

// A console tab opened after sign-in has the cookie but not the CSRF token: it reads it here. Only this
// origin's scripts can read the answer, which is what makes the token worth checking.
Response me(RequestContext& ctx) {
  json::object body = user_json(ctx.principal->user);
  if (ctx.principal->via_session) body["csrf_token"] = ctx.principal->csrf_token;
  Response r = json_response(200, body);
  r.set("Cache-Control", "no-store");
  return r;
}

Response create_user(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  app::NewUser input;
  input.email = reader.string("email", Need::required).value_or("");
  input.password = reader.string("password", Need::required).value_or("");
  auto role_text = reader.string("role", Need::required);
  input.supplier_id = reader.id("supplier_id", Need::optional);
  input.distributor_id = reader.id("distributor_id", Need::optional);
  reader.allow_only({"email", "password", "role", "supplier_id", "distributor_id"});
  if (role_text) {
    if (auto role = parse_role(*role_text)) input.role = *role;
    else errors.push_back({"role", "unknown_role", "must be one of owner, operator, agent, finance, supplier, distributor"});
  }
  if (!errors.empty()) return problem(Status::invalid_fields, "the user has invalid fields", errors);
  auto prepared = app::prepare_user(ctx.app, std::move(input));  // hashing happens here, outside the writer
  if (!prepared) return problem(prepared.failure());
  return ctx.write([&](store::Tx& tx) {
    auto user = app::insert_prepared_user(tx, *prepared);
    if (!user) return problem(user.failure());
    Response r = json_response(201, user_json(*user));
    r.set("Location", "/api/v1/users/" + id_to_string(user->id));
    return r;
  });
}

Response list_users(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto result = ctx.app.store().reads().read([&](store::Connection& c) { return store::list_users(c, *page); });
  return list_response(result, user_json);
}

Response create_token(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto name = reader.string("name", Need::required);
  reader.allow_only({"name"});
  if (!errors.empty()) return problem(Status::invalid_fields, "the token has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto token = app::create_token(tx, ctx.app, ctx.scope(), *name);
    if (!token) return problem(token.failure());
    json::object o = token_json(token->record);
    o["token"] = token->token;  // shown this once; only its hash is kept
    Response r = json_response(201, o);
    r.set("Location", "/api/v1/tokens/" + id_to_string(token->record.id));
    r.set("Cache-Control", "no-store");
    return r;
  });
}

Response list_tokens(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto result =
      ctx.app.store().reads().read([&](store::Connection& c) { return store::list_tokens(c, ctx.scope(), *page); });
  return list_response(result, token_json);
}

Response revoke_token(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("token");
  return ctx.write([&](store::Tx& tx) {
    if (!store::find_token(tx.conn(), ctx.scope(), *id)) return not_found("token");
    store::revoke_token(tx.conn(), ctx.scope(), *id, ctx.app.now());
    Response r;
    r.status = 204;
    return r;
  });
}

}  // namespace

void add_account_routes(Api& api) {
  api.add("POST", "/api/v1/auth/login", RoleSet::public_access(), api.blocking(login));
  api.add("POST", "/api/v1/auth/logout", kEveryone, logout);
  api.add("GET", "/api/v1/auth/me", kEveryone, me);
  api.add("GET", "/api/v1/users", RoleSet{Role::owner}, list_users);
  api.add("POST", "/api/v1/users", RoleSet{Role::owner}, api.blocking(create_user));
  api.add("GET", "/api/v1/tokens", kEveryone, list_tokens);
  api.add("POST", "/api/v1/tokens", kEveryone, create_token);
  api.add("DELETE", "/api/v1/tokens/{id}", kEveryone, revoke_token);
}

}  // namespace daifa::http
