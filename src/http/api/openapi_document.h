#pragma once
#include <string_view>

namespace daifa::http {
// docs/api/openapi.json, compiled into the binary (see src/http/CMakeLists.txt).
std::string_view openapi_document();
}  // namespace daifa::http
