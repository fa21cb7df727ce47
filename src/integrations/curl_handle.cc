#include "integrations/curl_handle.h"

#include <mutex>
#include <stdexcept>

namespace daifa::integrations {
namespace {

struct ThreadEasy {
  CURL* curl = nullptr;
  ~ThreadEasy() {
    if (curl) curl_easy_cleanup(curl);
  }
};

}  // namespace

namespace curl_handle {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
}

CURL* thread_easy() {
  global_init();
  thread_local ThreadEasy easy;
  if (!easy.curl) {
    easy.curl = curl_easy_init();
    if (!easy.curl) throw std::runtime_error("curl_easy_init failed");
  }
  curl_easy_reset(easy.curl);  // keeps live connections, the DNS and TLS session caches
  return easy.curl;
}

void release(CURL* curl) {
  // The options set for the last transfer point at the caller's strings and lists; clear them now.
  curl_easy_reset(curl);
}

}  // namespace curl_handle

void CurlSlist::append(const std::string& line) {
  curl_slist* grown = curl_slist_append(list_, line.c_str());
  if (!grown) throw std::bad_alloc();
  list_ = grown;
}

}  // namespace daifa::integrations
