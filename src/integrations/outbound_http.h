#pragma once
// Outbound HTTP POST with libcurl, as the carrier aggregator subscription and the webhook deliveries use it.
// One easy handle per thread is kept and reused, so a worker posting to the same receiver again reuses the
// kept-alive connection (curl's connection cache lives in the handle) instead of a TCP handshake each time.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sockaddr;

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

struct HttpGetOptions {
  std::int64_t timeout_ms = 30'000;           // the whole exchange, connecting included
  std::size_t max_bytes = 16 * 1024 * 1024;   // a longer body (after content decoding) fails as too_large
  // False: connecting to a loopback, private (RFC 1918, ULA), link-local, CGNAT or multicast address is
  // refused, checked on the address actually connected to (so a name that resolves there is refused
  // too). A URL a supplier typed must not reach Daifa's own network.
  bool allow_private_hosts = false;
};

struct HttpGetResult {
  long status = 0;          // the HTTP status; 0 when no complete answer came
  std::string body;
  bool too_large = false;   // the body passed max_bytes (status is then 0 and body partial)
  bool blocked = false;     // the address was refused (allow_private_hosts is false)
  std::string error;        // why status is 0; else ""
  std::int64_t elapsed_ms = 0;
};

// GETs `url` (http or https only; redirects are not followed; gzip/deflate accepted). Never throws for a
// network failure.
HttpGetResult http_get(std::string_view url, const std::vector<std::string>& headers, const HttpGetOptions& options);

// The addresses http_get refuses unless allow_private_hosts: loopback, unspecified, RFC 1918, CGNAT
// (100.64/10), link-local, multicast and reserved IPv4; loopback, unspecified, ULA (fc00::/7), link-local
// and multicast IPv6, and IPv4-mapped forms of the IPv4 ones.
bool is_private_address(const struct sockaddr* address);

}  // namespace daifa::integrations
