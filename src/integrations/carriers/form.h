#pragma once
// application/x-www-form-urlencoded, as the carrier aggregators speak it (WHATWG URL "urlencoded").
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace daifa::integrations {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Splits on '&', then the first '='; '+' is a space and %XX a byte. Empty pieces ("a=1&&b=2") are skipped.
// nullopt when a '%' is not followed by two hex digits (the field is then unreadable, not guessed).
std::optional<FormFields> decode_form(std::string_view body);

// The value of the first field named `name`, if any.
std::optional<std::string> form_field(const FormFields& fields, std::string_view name);

// The inverse: every byte but A-Z a-z 0-9 * - . _ is %XX (upper-case hex), a space is '+'.
std::string encode_form(const FormFields& fields);

}  // namespace daifa::integrations
