#pragma once
// Matches a method and a decoded path against route patterns such as "/api/v1/suppliers/{id}".
// A path that matches no pattern is 404; a path that matches with another method is 405 with Allow.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace daifa::http {

struct PathParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view get(std::string_view name) const;  // "" when absent
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
  int route = -1;                // index given to add() when found
  PathParams params;
  std::string allow;             // "GET, PATCH" when method_not_allowed
};

class Router {
 public:
  // Adds a route; `pattern` segments in braces capture one path segment. Returns its index.
  int add(std::string method, std::string pattern);
  RouteMatch match(std::string_view method, std::string_view path) const;

  struct Entry {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
  };
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace daifa::http
