#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace daifa::http {
namespace {

std::string content_type_of(const std::string& ext) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".webp", "image/webp"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// FNV-1a, enough to tell versions of a file apart for ETag.
std::string fingerprint(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root, std::size_t max_total_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  std::size_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    File f;
    f.body = bytes.str();
    total += f.body.size();
    if (total > max_total_bytes) throw std::runtime_error("the web console in " + root + " is larger than the limit");
    std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    f.content_type = content_type_of(entry.path().extension().string());
    f.etag = fingerprint(f.body);
    f.immutable = url.rfind("/assets/", 0) == 0;  // Vite puts content-hashed files there
    files_.emplace(std::move(url), std::move(f));
  }
}

Response StaticFiles::answer(const Request& req, const File& f) const {
  Response r;
  r.set("ETag", f.etag);
  r.set("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto inm = req.header("If-None-Match"); inm && *inm == f.etag) {
    r.status = 304;
    return r;
  }
  r.set("Content-Type", f.content_type);
  r.set("X-Content-Type-Options", "nosniff");
  r.body = f.body;
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (files_.empty() || (req.method != "GET" && req.method != "HEAD")) return std::nullopt;
  std::string path = req.path == "/" ? "/index.html" : req.path;
  if (auto it = files_.find(path); it != files_.end()) return answer(req, it->second);
  // A console route such as /orders/123 (no extension) is the app's; a missing asset is a real 404.
  auto last_slash = path.rfind('/');
  if (path.find('.', last_slash) != std::string::npos) return std::nullopt;
  if (auto index = files_.find("/index.html"); index != files_.end()) return answer(req, index->second);
  return std::nullopt;
}

}  // namespace daifa::http
