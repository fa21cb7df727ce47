#pragma once
// The shape every "create" and "edit" endpoint shares, written once: read the JSON body, collect field
// errors from the resource's reader, run the use case inside ctx.write (so Idempotency-Key and
// all-or-nothing hold), and answer 201 with Location and ETag, or 200 with ETag.
#include <functional>
#include <string>

#include <boost/json.hpp>

#include "domain/common/outcome.h"
#include "http/api/api.h"

namespace daifa::http {

template <class T>
using FieldReader = std::function<std::function<void(T&)>(const boost::json::object&, FieldErrors&, bool creating)>;

// POST: `create(tx, input)` returns Outcome<T>; T has `id` and `version`.
template <class T, class Create, class ToJson>
Response create_resource(RequestContext& ctx, const FieldReader<T>& read, Create create, ToJson to_json,
                         const std::string& collection_path, std::string_view what) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  auto patch = read(*body, errors, true);
  if (!errors.empty()) return problem(Status::invalid_fields, "the " + std::string(what) + " has invalid fields", errors);
  T input{};
  patch(input);
  return ctx.write([&](store::Tx& tx) {
    Outcome<T> made = create(tx, input);
    if (!made) return problem(made.failure());
    Response r = json_response(201, to_json(*made));
    r.set("Location", collection_path + "/" + id_to_string(made->id));
    r.set("ETag", "\"" + std::to_string(made->version) + "\"");
    return r;
  });
}

// PATCH /{id}: `update(tx, id, expected_version, patch)` returns Outcome<T>.
template <class T, class Update, class ToJson>
Response update_resource(RequestContext& ctx, const FieldReader<T>& read, Update update, ToJson to_json,
                         std::string_view what) {
  auto id = ctx.path_id("id");
  if (!id) return not_found(what);
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  auto patch = read(*body, errors, false);
  if (!errors.empty()) return problem(Status::invalid_fields, "the " + std::string(what) + " has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    Outcome<T> changed = update(tx, *id, *version, patch);
    if (!changed) return problem(changed.failure());
    Response r = json_response(200, to_json(*changed));
    r.set("ETag", "\"" + std::to_string(changed->version) + "\"");
    return r;
  });
}

// GET /{id} of a versioned resource: 200 with ETag, or 404.
template <class T, class ToJson>
Response versioned(const std::optional<T>& found, ToJson to_json, std::string_view what) {
  if (!found) return not_found(what);
  Response r = json_response(200, to_json(*found));
  r.set("ETag", "\"" + std::to_string(found->version) + "\"");
  return r;
}

}  // namespace daifa::http
