#include "domain/accounts/credentials.h"

#include <string>

namespace daifa {

void check_password(FieldErrors& errors, std::string_view field, std::string_view password) {
  if (password.size() < kMinPasswordBytes) {
    errors.push_back({std::string(field), "too_short", "must have at least 8 characters"});
  } else if (password.size() > kMaxPasswordBytes) {
    errors.push_back({std::string(field), "too_long", "must have at most 128 bytes"});
  }
}

}  // namespace daifa
