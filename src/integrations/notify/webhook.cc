#include "integrations/notify/webhook.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <vector>

#include "integrations/outbound_http.h"
#include "integrations/signature.h"

namespace daifa::integrations {
namespace {

// Header values come from our own event rows, but a CR or LF would let one header forge another.
bool header_safe(std::string_view v) { return v.find_first_of("\r\n") == std::string_view::npos; }

}  // namespace

std::string sign_webhook(std::string_view body, std::string_view secret) {
  return "sha256=" + hmac_sha256_hex(secret, body);
}

bool verify_webhook_signature(std::string_view body, std::string_view header_value, std::string_view secret) {
  if (header_value.empty() || secret.empty()) return false;
  std::string expected = sign_webhook(body, secret);
  return header_value.size() == expected.size() &&
         CRYPTO_memcmp(expected.data(), header_value.data(), expected.size()) == 0;
}

WebhookDelivery deliver_webhook(std::string_view url, std::string_view event_id, std::string_view event_type,
                                std::string_view body, std::string_view secret, std::int64_t timeout_ms) {
  WebhookDelivery out;
  if (!header_safe(event_id) || !header_safe(event_type)) {
    out.error = "event id or type contains a line break";
    return out;
  }
  std::vector<std::string> headers{
      "Content-Type: application/json",
      "X-Daifa-Event-Id: " + std::string(event_id),
      "X-Daifa-Event: " + std::string(event_type),
      "X-Daifa-Signature: " + sign_webhook(body, secret),
  };
  HttpPostResult r = http_post(url, headers, body, timeout_ms);
  out.http_status = r.status;
  out.elapsed_ms = r.elapsed_ms;
  out.delivered = r.status >= 200 && r.status < 300;
  if (!out.delivered) out.error = r.status ? "HTTP " + std::to_string(r.status) : r.error;
  return out;
}

std::int64_t backoff_ceiling_ms(int attempt) {
  attempt = std::max(attempt, 1);
  std::int64_t ceiling = kWebhookBackoffBaseMs;
  for (int i = 1; i < attempt && ceiling < kWebhookBackoffCapMs; ++i) ceiling *= 2;
  return std::min(ceiling, kWebhookBackoffCapMs);
}

std::int64_t next_attempt_delay_ms(int attempt, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::int64_t> pick(0, backoff_ceiling_ms(attempt));
  return pick(rng);
}

}  // namespace daifa::integrations
