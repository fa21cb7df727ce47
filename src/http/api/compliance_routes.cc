// The compliance word list (restricted words and trademarks): staff read it, managers change it, and the
// console checks a text against it as the merchant types. Every product save is checked too (product_routes.cc).
#include "app/catalog/compliance.h"
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/product_json.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxCheckTextBytes = 64 * 1024;

json::object word_json(const ComplianceWord& w) {
  return json::object{{"id", id_to_string(w.id)},       {"word", w.word},
                      {"kind", to_string(w.kind)},      {"note", w.note},
                      {"version", w.version},           {"created_at", format_rfc3339(w.created_at)},
                      {"updated_at", format_rfc3339(w.updated_at)}};
}

Response versioned(int status, const json::object& body, std::int64_t version) {
  Response r = json_response(status, body);
  r.set("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

std::function<void(ComplianceWord&)> read_word(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  Need need = creating ? Need::required : Need::optional;
  auto word = reader.string("word", need);
  auto kind_text = reader.string("kind", need);
  auto note = reader.string("note", Need::optional);
  reader.allow_only({"word", "kind", "note", "version"});
  std::optional<WordKind> kind;
  if (kind_text && !(kind = parse_word_kind(*kind_text))) {
    errors.push_back({"kind", "unknown_kind", "must be restricted or trademark"});
  }
  return [=](ComplianceWord& w) {
    if (word) w.word = *word;
    if (kind) w.kind = *kind;
    if (note) w.note = *note;
  };
}

// A change is compiled into this node's set right after it commits, so the next save here does not pay
// for it; other nodes rebuild on their next check, when they see the list's version move.
void recompile(app::App& app) { app.compliance_words().current(app); }

Response list_words(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"kind", "q"}, error);
  if (!page) return error;
  store::WordFilter filter;
  if (auto kind = ctx.req.query_param("kind")) {
    filter.kind = parse_word_kind(*kind);
    if (!filter.kind) {
      return problem(Status::malformed_request, "unknown word kind", {{"kind", "unknown_kind", "must be restricted or trademark"}});
    }
  }
  filter.word_contains = std::string(ctx.req.query_param("q").value_or(""));
  return list_response(app::list_words(ctx.app, filter, *page), word_json);
}

Response get_word(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto w = id ? app::get_word(ctx.app, *id) : std::nullopt;
  if (!w) return not_found("word");
  return versioned(200, word_json(*w), w->version);
}

Response create_word(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  auto patch = read_word(*body, errors, true);
  if (!errors.empty()) return problem(Status::invalid_fields, "the word has invalid fields", errors);
  ComplianceWord input;
  patch(input);
  Response r = ctx.write([&](store::Tx& tx) {
    auto w = app::create_word(tx, ctx.app, input);
    if (!w) return problem(w.failure());
    Response created = versioned(201, word_json(*w), w->version);
    created.set("Location", "/api/v1/compliance/words/" + id_to_string(w->id));
    return created;
  });
  if (r.status < 300) recompile(ctx.app);
  return r;
}

Response update_word(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("word");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  auto patch = read_word(*body, errors, false);
  if (!errors.empty()) return problem(Status::invalid_fields, "the word has invalid fields", errors);
  Response r = ctx.write([&](store::Tx& tx) {
    auto w = app::update_word(tx, ctx.app, *id, *version, patch);
    if (!w) return problem(w.failure());
    return versioned(200, word_json(*w), w->version);
  });
  if (r.status < 300) recompile(ctx.app);
  return r;
}

Response delete_word(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("word");
  Response r = ctx.write([&](store::Tx& tx) {
    auto w = app::delete_word(tx, ctx.app, *id);
    if (!w) return problem(w.failure());
    Response gone;
    gone.status = 204;
    return gone;
  });
  if (r.status < 300) recompile(ctx.app);
  return r;
}

Response check(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  JsonReader reader(*body, errors);
  auto text = reader.string("text", Need::required);
  reader.allow_only({"text"});
  if (text && text->size() > kMaxCheckTextBytes) {
    errors.push_back({"text", "too_long", "must be at most " + std::to_string(kMaxCheckTextBytes) + " bytes"});
  }
  if (!errors.empty()) return problem(Status::invalid_fields, "the check has invalid fields", errors);
  return json_response(200, compliance_json(app::check_text(ctx.app, *text)));
}

}  // namespace

void add_compliance_routes(Api& api) {
  api.add("GET", "/api/v1/compliance/words", kStaff, list_words);
  api.add("POST", "/api/v1/compliance/words", kManagers, create_word);
  api.add("GET", "/api/v1/compliance/words/{id}", kStaff, get_word);
  api.add("PATCH", "/api/v1/compliance/words/{id}", kManagers, update_word);
  api.add("DELETE", "/api/v1/compliance/words/{id}", kManagers, delete_word);
  api.add("POST", "/api/v1/compliance/check", kStaff, check);
}

}  // namespace daifa::http
