#pragma once
// Internal to integrations/: libcurl set-up shared by the HTTP and SMTP senders. Not a public interface.
#include <curl/curl.h>

#include <string>

namespace daifa::integrations {

namespace curl_handle {
void global_init();  // curl_global_init, once per process
// This thread's easy handle, reset to defaults but with its connection cache kept. Call release() after
// the transfer so that no option points at memory the caller is about to free.
CURL* thread_easy();
void release(CURL* curl);
}  // namespace curl_handle

// Owns a curl_slist (header lines, SMTP recipients).
class CurlSlist {
 public:
  CurlSlist() = default;
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { curl_slist_free_all(list_); }
  void append(const std::string& line);
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace daifa::integrations
