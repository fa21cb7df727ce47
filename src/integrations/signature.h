#pragma once
// HMAC-SHA256 signatures as channels (Shopify, WooCommerce) and Daifa's outbound webhooks use them.
#include <string>
#include <string_view>

namespace daifa::integrations {

std::string hmac_sha256_base64(std::string_view key, std::string_view message);  // Shopify / WooCommerce
std::string hmac_sha256_hex(std::string_view key, std::string_view message);     // X-Daifa-Signature

}  // namespace daifa::integrations
