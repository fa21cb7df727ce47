#include "domain/common/validation.h"

#include <cctype>
#include <string>

namespace daifa {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void check_text(FieldErrors& errors, std::string_view field, std::string_view value, std::size_t min_chars,
                std::size_t max_chars) {
  if (!is_valid_utf8(value)) {
    errors.push_back({std::string(field), "invalid_utf8", "must be valid UTF-8 text"});
    return;
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      errors.push_back({std::string(field), "control_character", "must not contain control characters"});
      return;
    }
  }
  std::size_t len = utf8_length(value);
  if (len < min_chars) {
    errors.push_back({std::string(field), min_chars == 1 ? "required" : "too_short",
                      min_chars == 1 ? "must not be empty" : "must have at least " + std::to_string(min_chars) + " characters"});
  } else if (len > max_chars) {
    errors.push_back({std::string(field), "too_long", "must have at most " + std::to_string(max_chars) + " characters"});
  }
}

void check_range(FieldErrors& errors, std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) {
    errors.push_back({std::string(field), "out_of_range",
                      "must be between " + std::to_string(min) + " and " + std::to_string(max)});
  }
}

void check_email(FieldErrors& errors, std::string_view field, std::string_view value) {
  auto at = value.find('@');
  bool ok = value.size() >= 3 && value.size() <= 254 && at != std::string_view::npos && at > 0 &&
            value.find('@', at + 1) == std::string_view::npos;
  if (ok) {
    std::string_view domain = value.substr(at + 1);
    ok = domain.size() >= 1 && domain.front() != '.' && domain.back() != '.';
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';') ok = false;
  }
  if (!ok) errors.push_back({std::string(field), "invalid_email", "must be an email address such as name@example.com"});
}

void check_phone(FieldErrors& errors, std::string_view field, std::string_view value) {
  std::size_t digits = 0;
  bool ok = !value.empty() && value.size() <= 32;
  for (std::size_t i = 0; i < value.size() && ok; ++i) {
    char c = value[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != '-' && c != ' ' && c != '(' && c != ')') {
      ok = false;
    }
  }
  if (!ok || digits < 5 || digits > 20) {
    errors.push_back({std::string(field), "invalid_phone", "must be a phone number of 5 to 20 digits"});
  }
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace daifa
