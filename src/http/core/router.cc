#include "http/core/router.h"

#include <set>
#include <stdexcept>

namespace daifa::http {

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return {};
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  if (path.empty() || path[0] != '/') return segments;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

int Router::add(std::string method, std::string pattern) {
  for (const auto& e : entries_) {
    if (e.method == method && e.pattern == pattern) throw std::logic_error("duplicate route " + method + " " + pattern);
  }
  auto segments = split_path(pattern);
  entries_.push_back(Entry{std::move(method), std::move(pattern), std::move(segments)});
  return static_cast<int>(entries_.size()) - 1;
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  auto segments = split_path(path);
  std::set<std::string> allowed;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.segments.size() != segments.size()) continue;
    PathParams params;
    bool ok = true;
    for (std::size_t s = 0; s < segments.size() && ok; ++s) {
      const std::string& want = e.segments[s];
      if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
        if (segments[s].empty()) ok = false;
        else params.values.emplace_back(want.substr(1, want.size() - 2), segments[s]);
      } else {
        ok = want == segments[s];
      }
    }
    if (!ok) continue;
    // HEAD is answered by the GET route.
    if (e.method == method || (method == "HEAD" && e.method == "GET")) {
      result.kind = RouteMatch::Kind::found;
      result.route = static_cast<int>(i);
      result.params = std::move(params);
      return result;
    }
    allowed.insert(e.method);
  }
  if (!allowed.empty()) {
    result.kind = RouteMatch::Kind::method_not_allowed;
    for (const auto& m : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += m;
    }
  }
  return result;
}

}  // namespace daifa::http
