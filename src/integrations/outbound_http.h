#pragma once
// Outbound HTTP POST with libcurl, as the carrier aggregator subscription and the webhook deliveries use it.
// One easy handle per thread is kept and reused, so a worker posting to the same receiver again reuses the
// kept-alive connection (curl's connection cache lives in the handle) instead of a TCP handshake each time.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace daifa::integrations {

struct HttpPostResult {
  long status = 0;             // the HTTP status; 0 when no complete answer came (refused, closed, timed out)
  std::string body;            // the answer's body, at most kMaxAnswerBytes (the rest is dropped)
  std::string error;           // curl's reason when status is 0, e.g. "Timeout was reached"; else ""
  std::int64_t elapsed_ms = 0;
};

inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

// POSTs `body` to `url` (http or https only; redirects are not followed) with `headers` ("Name: value").
// `timeout_ms` bounds the whole exchange, connecting included. Never throws for a network failure.
HttpPostResult http_post(std::string_view url, const std::vector<std::string>& headers, std::string_view body,
                         std::int64_t timeout_ms);

}  // namespace daifa::integrations
