#pragma once
#include <string_view>

#include "domain/common/status.h"

namespace daifa {

constexpr std::size_t kMinPasswordBytes = 8;
constexpr std::size_t kMaxPasswordBytes = 128;  // bounds the hashing work a request can ask for

void check_password(FieldErrors& errors, std::string_view field, std::string_view password);

}  // namespace daifa
