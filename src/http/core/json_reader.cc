#include "http/core/json_reader.h"

#include <algorithm>

namespace daifa::http {
namespace json = boost::json;

std::optional<json::object> JsonReader::parse_object(std::string_view body, Failure& failure) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 32;
  json::value v = json::parse(body, ec, {}, options);
  if (ec) {
    failure = Failure{Status::malformed_request, "the body is not valid JSON: " + ec.message(),
                      {FieldError{"", "malformed_json", "the body is not valid JSON: " + ec.message()}}};
    return std::nullopt;
  }
  if (!v.is_object()) {
    failure = Failure{Status::invalid_fields, "the body must be a JSON object",
                      {FieldError{"", "must_be_object", "the body must be a JSON object"}}};
    return std::nullopt;
  }
  return std::move(v.as_object());
}

JsonReader::JsonReader(const json::object& object, FieldErrors& errors, std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

std::string JsonReader::path(std::string_view field) const {
  return prefix_.empty() ? std::string(field) : prefix_ + "." + std::string(field);
}

void JsonReader::add(std::string_view field, std::string code, std::string message) {
  errors_.push_back(FieldError{path(field), std::move(code), std::move(message)});
}

const json::value* JsonReader::find(std::string_view field, Need need) {
  const json::value* v = object_.if_contains(field);
  if (!v || v->is_null()) {
    if (need == Need::required) add(field, "required", "is required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> JsonReader::string(std::string_view field, Need need) {
  const json::value* v = find(field, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add(field, "must_be_string", "must be a string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<std::int64_t> JsonReader::integer(std::string_view field, Need need) {
  const json::value* v = find(field, need);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) {
    add(field, "out_of_range", "is too large");
    return std::nullopt;
  }
  add(field, "must_be_integer", "must be a whole number");
  return std::nullopt;
}

std::optional<bool> JsonReader::boolean(std::string_view field, Need need) {
  const json::value* v = find(field, need);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    add(field, "must_be_boolean", "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<Id> JsonReader::id(std::string_view field, Need need) {
  const json::value* v = find(field, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add(field, "must_be_id", "must be an id string such as \"123456789\"");
    return std::nullopt;
  }
  auto id = parse_id(v->as_string());
  if (!id) add(field, "must_be_id", "must be an id string such as \"123456789\"");
  return id;
}

std::optional<Money> JsonReader::money(std::string_view field, Need need) {
  const json::object* o = object(field, need);
  if (!o) return std::nullopt;
  JsonReader inner(*o, errors_, path(field));
  auto amount = inner.integer("amount", Need::required);
  auto code = inner.string("currency", Need::required);
  inner.allow_only({"amount", "currency"});
  if (!amount || !code) return std::nullopt;
  auto currency = Currency::parse(*code);
  if (!currency) {
    inner.add("currency", "unknown_currency", "must be an ISO 4217 code Daifa knows, such as CNY");
    return std::nullopt;
  }
  return Money{*amount, *currency};
}

const json::object* JsonReader::object(std::string_view field, Need need) {
  const json::value* v = find(field, need);
  if (!v) return nullptr;
  if (!v->is_object()) {
    add(field, "must_be_object", "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

void JsonReader::allow_only(std::initializer_list<std::string_view> known) {
  for (const auto& kv : object_) {
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end()) {
      add(kv.key(), "unknown_field", "is not a field of this resource");
    }
  }
}

json::value to_json(const Money& m) {
  return json::object{{"amount", m.amount_minor}, {"currency", m.currency.code()}};
}

}  // namespace daifa::http
