#pragma once
// Reads a JSON request body field by field, collecting every problem as a FieldError that names the
// field ("contact.phone") and the reason, so that one 422 lists all of them.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "domain/common/id.h"
#include "domain/common/money.h"
#include "domain/common/status.h"

namespace daifa::http {

enum class Need { required, optional };

class JsonReader {
 public:
  // Parses `body` as a JSON object. On failure returns nullopt and sets `failure` (400 malformed, or 422
  // when the JSON is fine but not an object).
  static std::optional<boost::json::object> parse_object(std::string_view body, Failure& failure);

  JsonReader(const boost::json::object& object, FieldErrors& errors, std::string prefix = "");

  std::optional<std::string> string(std::string_view field, Need need);
  std::optional<std::int64_t> integer(std::string_view field, Need need);
  std::optional<bool> boolean(std::string_view field, Need need);
  std::optional<Id> id(std::string_view field, Need need);  // a decimal string, as ids are
  std::optional<Money> money(std::string_view field, Need need);  // {"amount": 1999, "currency": "CNY"}
  // A nested object; read it with another JsonReader(child, errors, path(field)).
  const boost::json::object* object(std::string_view field, Need need);

  bool has(std::string_view field) const { return object_.contains(field); }
  // Every key not listed is an `unknown_field` error: a typo must not be silently ignored.
  void allow_only(std::initializer_list<std::string_view> known);
  std::string path(std::string_view field) const;
  FieldErrors& errors() { return errors_; }

 private:
  const boost::json::value* find(std::string_view field, Need need);
  void add(std::string_view field, std::string code, std::string message);

  const boost::json::object& object_;
  FieldErrors& errors_;
  std::string prefix_;
};

// A JSON body that fails to parse becomes a malformed_request failure with the parser's position.
boost::json::value to_json(const Money& m);

}  // namespace daifa::http
