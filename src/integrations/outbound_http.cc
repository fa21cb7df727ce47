#include "integrations/outbound_http.h"

#include <curl/curl.h>

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

}  // namespace

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
