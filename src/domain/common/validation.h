#pragma once
// Small checks shared by every entity's validation. Each appends a FieldError naming the field.
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/common/status.h"

namespace daifa {

// Length is counted in Unicode code points (a Chinese name of 4 characters has length 4), and the text
// must be valid UTF-8 without control characters.
void check_text(FieldErrors& errors, std::string_view field, std::string_view value, std::size_t min_chars,
                std::size_t max_chars);
void check_range(FieldErrors& errors, std::string_view field, std::int64_t value, std::int64_t min,
                 std::int64_t max);
void check_email(FieldErrors& errors, std::string_view field, std::string_view value);
void check_phone(FieldErrors& errors, std::string_view field, std::string_view value);

// The text without the ASCII white space around it (as typed or pasted into a form or a query).
std::string_view trim_spaces(std::string_view text);

bool is_valid_utf8(std::string_view text);
std::size_t utf8_length(std::string_view text);  // code points; only meaningful for valid UTF-8

}  // namespace daifa
