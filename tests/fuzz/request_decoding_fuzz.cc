// Feeds arbitrary bytes to everything that decodes a request before a handler trusts it: the target
// (path and query), the router, cursors, JSON bodies and the field readers of suppliers, distributors
// and money. None may crash, leak or hit undefined behaviour, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/api/party_json.h"
#include "http/core/cursor.h"
#include "http/core/json_reader.h"
#include "http/core/message.h"
#include "http/core/router.h"

using namespace daifa;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);

  // The first line is treated as a request target, the rest as a body.
  auto newline = input.find('\n');
  std::string_view target = input.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  if (http::parse_target(target, path, query)) {
    static const http::Router router = [] {
      http::Router r;
      r.add("GET", "/api/v1/suppliers");
      r.add("GET", "/api/v1/suppliers/{id}");
      r.add("PATCH", "/api/v1/suppliers/{id}");
      r.add("DELETE", "/api/v1/tokens/{id}");
      return r;
    }();
    auto match = router.match("GET", path);
    if (match.kind == http::RouteMatch::Kind::found) (void)parse_id(match.params.get("id"));
    for (const auto& [k, v] : query) {
      if (k == "cursor") (void)http::decode_cursor(v);
    }
  }
  (void)http::base64url_decode(target);

  Failure failure;
  auto object = http::JsonReader::parse_object(body, failure);
  if (!object) return 0;
  FieldErrors errors;
  Supplier s;
  http::read_supplier(*object, errors, true)(s);
  (void)validate(s);
  Distributor d;
  http::read_distributor(*object, errors, false)(d);
  (void)validate(d);
  http::JsonReader reader(*object, errors);
  (void)reader.money("price", http::Need::optional);
  (void)reader.id("id", http::Need::optional);
  return 0;
}
