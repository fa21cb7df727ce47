#pragma once
// Outbound webhooks: the signature receivers check, one delivery attempt over HTTP, and the retry schedule.
// The outbox worker (not here) decides when to call deliver_webhook and records each attempt.
//
// A delivery is a POST of the event's JSON body with
//   Content-Type: application/json
//   X-Daifa-Event-Id: the event's stable id — the same on every retry, so receivers de-duplicate by it
//   X-Daifa-Event: the event type, e.g. "shipment.delivered"
//   X-Daifa-Signature: sign_webhook(body, the subscription's secret)
// Only a 2xx answer within the timeout counts as delivered; anything else is retried.
//
// Retry schedule: after failed attempt n (1-based) the next comes after a delay drawn uniformly from
// [0, min(kWebhookBackoffCapMs, kWebhookBackoffBaseMs · 2^(n−1))] ("full jitter", so that receivers coming
// back from an outage are not hit by every sender at once). Ceilings: 5 s, 10 s, 20 s, 40 s, 80 s, 160 s,
// 5 min 20 s, 10 min 40 s, 21 min 20 s, 42 min 40 s, 1 h 25 min, 2 h 51 min, 5 h 41 min, then 6 h. After
// kMaxWebhookAttempts attempts have failed the caller dead-letters the delivery (redeliverable by hand):
// at most ≈ 17.4 h of ceilings in all, ≈ 8.7 h on average — a receiver down overnight still gets its events.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace daifa::integrations {

inline constexpr int kMaxWebhookAttempts = 15;
inline constexpr std::int64_t kWebhookBackoffBaseMs = 5'000;
inline constexpr std::int64_t kWebhookBackoffCapMs = 6 * 3600 * 1000;

// "sha256=" + lower-case hex HMAC-SHA256(body, secret), over the exact bytes sent.
std::string sign_webhook(std::string_view body, std::string_view secret);

// What a receiver does: constant-time comparison with sign_webhook(body, secret). False for an empty
// header or secret.
bool verify_webhook_signature(std::string_view body, std::string_view header_value, std::string_view secret);

struct WebhookDelivery {
  bool delivered = false;   // a 2xx came back
  long http_status = 0;     // 0 when no answer came (refused, closed without answering, timed out)
  std::string error;        // why not delivered ("HTTP 500", curl's reason); "" when delivered
  std::int64_t elapsed_ms = 0;
};

// One attempt; never throws for a network failure. `timeout_ms` bounds the whole exchange.
WebhookDelivery deliver_webhook(std::string_view url, std::string_view event_id, std::string_view event_type,
                                std::string_view body, std::string_view secret, std::int64_t timeout_ms);

// The ceiling of the delay after failed attempt `attempt` (1-based), see the schedule above.
std::int64_t backoff_ceiling_ms(int attempt);

// The delay before the next attempt after failed attempt `attempt`: uniform in [0, backoff_ceiling_ms].
std::int64_t next_attempt_delay_ms(int attempt, std::mt19937_64& rng);

}  // namespace daifa::integrations
