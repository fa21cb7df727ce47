#pragma once
// A small blocking HTTP/1.1 client for integration tests: one keep-alive connection, a cookie jar and
// headers sent on every request, so a test reads like the browser or integration it stands for.
// Every call has a deadline (kRequestTimeoutMs): a server that hangs fails the test instead of CI.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "http/core/message.h"

namespace daifa::testing {

struct HttpResult {
  int status = 0;
  // Repeated fields are joined with ", ", except Set-Cookie, whose values are joined with "\n"
  // (a cookie's Expires contains a comma).
  daifa::http::Headers headers;
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const;
  boost::json::value json() const;  // parses body; throws on bad JSON
};

class HttpClient {
 public:
  static constexpr int kRequestTimeoutMs = 30'000;

  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Sets Content-Type: application/json when the body is non-empty and no Content-Type is given.
  // Reuses the open connection, reconnecting once if the server had closed it. Throws
  // std::system_error when the server can't be reached or the exchange fails or times out.
  HttpResult request(std::string_view method, std::string_view target, std::string_view body = {},
                     const daifa::http::Headers& headers = {});
  HttpResult get(std::string_view target, const daifa::http::Headers& headers = {});
  HttpResult post(std::string_view target, std::string_view body, const daifa::http::Headers& headers = {});
  HttpResult patch(std::string_view target, std::string_view body, const daifa::http::Headers& headers = {});
  HttpResult del(std::string_view target, const daifa::http::Headers& headers = {});

  // The cookie jar: Set-Cookie values from responses are sent back in a Cookie header (a Cookie
  // header given to request() replaces the jar for that call). Max-Age=0 removes a cookie.
  std::optional<std::string> cookie(std::string_view name) const;
  void clear_cookies();

  // Headers sent on every request (X-CSRF-Token, Authorization...); per-call headers override them.
  void set_header(std::string name, std::string value);
  void remove_header(std::string_view name);
  // A header set with set_header, e.g. to give another client the same Authorization.
  std::optional<std::string> default_header(std::string_view name) const;

  // Closes the connection; the next request opens a new one.
  void disconnect();

 private:
  struct Connection;

  HttpResult exchange(std::string_view method, std::string_view target, std::string_view body,
                      const daifa::http::Headers& headers);

  std::uint16_t port_;
  std::string host_;
  daifa::http::Headers headers_;
  std::map<std::string, std::string> cookies_;
  std::unique_ptr<Connection> connection_;
};

// Sends raw bytes on a fresh connection and returns everything read until the server closes or
// timeout_ms passes (for malformed and slow request tests). Errors after connecting end the reading.
std::string raw_exchange(std::uint16_t port, std::string_view bytes, int timeout_ms = 5000);

}  // namespace daifa::testing
