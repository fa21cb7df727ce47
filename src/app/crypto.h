#pragma once
// Secrets and hashes, all from libsodium: Argon2id for passwords, a CSPRNG for tokens, SHA-256 for
// storing tokens (they are long random strings, so a fast hash is right for them).
#include <string>
#include <string_view>

namespace daifa::app {

void init_crypto();  // once at start; throws if libsodium cannot initialise

std::string hash_password(std::string_view password, unsigned long long ops_limit, std::size_t mem_limit);
bool verify_password(std::string_view hash, std::string_view password);
// Burns the same time as a real verification, so a wrong email answers as slowly as a wrong password.
void verify_password_dummy(std::string_view password);

std::string random_token(std::size_t bytes);  // URL-safe base64 without padding
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace daifa::app
