#pragma once
// JSON helpers shared by the catalog routes.
#include <string>

#include <boost/json.hpp>

namespace daifa::http {

// Stored JSON documents (tags, options, size chart) go out as JSON, not as strings; a broken one as null.
inline boost::json::value parsed(const std::string& text) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  return ec ? boost::json::value(nullptr) : v;
}

}  // namespace daifa::http
