#pragma once
// Serves the built web console (web/dist) from memory: every file is read once at start, so a request
// can never reach outside the folder, and answers need no disk. Paths that are not files get index.html,
// so the console's own router handles them (a single-page app).
#include <map>
#include <optional>
#include <string>

#include "http/core/message.h"

namespace daifa::http {

class StaticFiles {
 public:
  // Loads every regular file under `root` (at most max_total_bytes in all). An absent folder loads nothing.
  explicit StaticFiles(const std::string& root, std::size_t max_total_bytes = 64 * 1024 * 1024);

  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // The file for a GET/HEAD path, or index.html for an unknown path without a file extension.
  std::optional<Response> serve(const Request& req) const;

 private:
  struct File {
    std::string content_type;
    std::string etag;
    std::string body;
    bool immutable = false;  // hashed build assets can be cached for a year
  };
  Response answer(const Request& req, const File& f) const;
  std::map<std::string, File> files_;  // by URL path: "/index.html", "/assets/index-3f2a.js"
};

}  // namespace daifa::http
