#pragma once
// Requests and responses as plain values. Handlers see only these: no sockets, no Beast types.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace daifa::http {

// Case-insensitive header names, as HTTP wants them.
struct HeaderLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using Headers = std::map<std::string, std::string, HeaderLess>;

struct Request {
  std::string method;                     // "GET", "POST", ...
  std::string target;                     // as received: "/api/v1/suppliers?limit=5"
  std::string path;                       // percent-decoded path without the query: "/api/v1/suppliers"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order; repeated keys kept
  Headers headers;
  std::string body;
  std::string client_address;             // "127.0.0.1"
  std::string request_id;                 // from X-Request-Id when sane, else generated

  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;  // the first one
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  Response& set(std::string_view name, std::string_view value) {
    headers.insert_or_assign(std::string(name), std::string(value));
    return *this;
  }
};

// Splits a request target into a decoded path and query parameters. Returns false when the target is
// not an origin-form path or its percent-encoding is broken.
bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query);

}  // namespace daifa::http
