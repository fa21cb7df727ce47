#pragma once
// Opaque list cursors and the list query parameters every list endpoint shares (limit, cursor).
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/id.h"
#include "domain/common/status.h"

namespace daifa::http {

std::string encode_cursor(Id before_id);
std::optional<Id> decode_cursor(std::string_view cursor);

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace daifa::http
