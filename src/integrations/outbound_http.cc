#include "integrations/outbound_http.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>

#include "integrations/curl_handle.h"

namespace daifa::integrations {
namespace {

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  std::size_t n = size * count;
  if (out->size() < kMaxAnswerBytes) out->append(data, std::min(n, kMaxAnswerBytes - out->size()));
  return n;  // the rest is read and dropped: refusing it would turn a long answer into a failure
}

struct GetState {
  std::string* body;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<GetState*>(user);
  std::size_t n = size * count;
  if (state->body->size() + n > state->max_bytes) {
    state->too_large = true;
    return 0;  // curl stops the transfer with CURLE_WRITE_ERROR
  }
  state->body->append(data, n);
  return n;
}

struct SocketGuard {
  bool allow_private;
  bool blocked = false;
};

curl_socket_t open_checked_socket(void* user, curlsocktype purpose, struct curl_sockaddr* address) {
  auto* guard = static_cast<SocketGuard*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (!guard->allow_private && is_private_address(&address->addr)) {
    guard->blocked = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

bool private_v4(std::uint32_t a) {  // host byte order
  auto in = [a](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) || in(0xA9FE0000, 16) ||
         in(0xAC100000, 12) || in(0xC0A80000, 16) || in(0xC0000000, 24) || in(0xE0000000, 3);  // 224/4 and 240/4
}

}  // namespace

bool is_private_address(const struct sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return private_v4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    const unsigned char* b = v6->sin6_addr.s6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
      return private_v4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) | (std::uint32_t{b[14]} << 8) | b[15]);
    }
    return IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr) || IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr) || (b[0] & 0xfe) == 0xfc ||
           (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || b[0] == 0xff;
  }
  return true;  // no other family is a place a feed lives
}

HttpGetResult http_get(std::string_view url, const std::vector<std::string>& headers, const HttpGetOptions& options) {
  HttpGetResult result;
  const std::int64_t timeout_ms = std::max<std::int64_t>(options.timeout_ms, 1);
  CURL* curl = curl_handle::thread_easy();
  std::string url_text(url);
  CurlSlist header_list;
  for (const std::string& h : headers) header_list.append(h);
  GetState state{&result.body, options.max_bytes};
  SocketGuard guard{options.allow_private_hosts};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url_text.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode; the limit counts decoded bytes
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &guard);
  if (!options.allow_private_hosts) {
    // A kept-alive connection was not opened through the check above (another sender may allow more).
    curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(curl);
  result.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  } else if (state.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    result.too_large = true;
    result.error = "the body is larger than " + std::to_string(options.max_bytes) + " bytes";
  } else if (guard.blocked) {
    result.blocked = true;
    result.error = "the host resolves to a private, loopback or link-local address, which feeds may not use";
  } else {
    result.error = error[0] ? error : curl_easy_strerror(rc);
  }
  curl_handle::release(curl);
  return result;
}

HttpPostResult http_post(std::string_view url, const std::vector<std::string>& headers, std::string_view body,
                         std::int64_t timeout_ms) {
  HttpPostResult result;
  timeout_ms = std::max<std::int64_t>(timeout_ms, 1);  // curl reads 0 as "no limit"
  CURL* curl = curl_handle::thread_easy();
  std::string url_text(url);
  CurlSlist header_list;
  for (const std::string& h : headers) header_list.append(h);
  header_list.append("Expect:");  // no 100-continue round trip for bodies over 1 KiB
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url_text.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run in worker threads
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_answer);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(curl);
  result.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  } else {
    result.error = error[0] ? error : curl_easy_strerror(rc);
  }
  curl_handle::release(curl);
  return result;
}

}  // namespace daifa::integrations
