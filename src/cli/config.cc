#include "cli/config.h"

#include <charconv>
#include <cstdlib>

namespace daifa::cli {
namespace {

template <class T>
void env_number(const char* name, T& out) {
  if (const char* v = std::getenv(name)) {
    T n{};
    auto r = std::from_chars(v, v + std::char_traits<char>::length(v), n);
    if (r.ec == std::errc{} && *r.ptr == '\0') out = n;
    else out = static_cast<T>(-99);  // invalid: reported by validate() under the field's name
  }
}

}  // namespace

void apply_environment(Config& c) {
  if (const char* v = std::getenv("DAIFA_DB")) c.db_url = v;
  if (const char* v = std::getenv("DAIFA_LISTEN")) c.listen = v;
  if (const char* v = std::getenv("DAIFA_LOG_LEVEL")) c.log_level = v;
  if (const char* v = std::getenv("DAIFA_WEB_ROOT")) c.web_root = v;
  env_number("DAIFA_NODE_ID", c.node_id);
  env_number("DAIFA_READ_CONNECTIONS", c.read_connections);
  env_number("DAIFA_BLOCKING_THREADS", c.blocking_threads);
  env_number("DAIFA_BODY_LIMIT", c.body_limit_bytes);
  env_number("DAIFA_SESSION_TTL", c.session_ttl_s);
  if (const char* v = std::getenv("DAIFA_SMTP_URL")) c.smtp_url = v;
  if (const char* v = std::getenv("DAIFA_KUAIDI100_URL")) c.kuaidi100_url = v;
  if (const char* v = std::getenv("DAIFA_KUAIDI100_QUERY_URL")) c.kuaidi100_query_url = v;
  if (const char* v = std::getenv("DAIFA_KUAIDI100_KEY")) c.kuaidi100_key = v;
  if (const char* v = std::getenv("DAIFA_KUAIDI100_CUSTOMER")) c.kuaidi100_customer = v;
  if (const char* v = std::getenv("DAIFA_TRACKING_CALLBACK_URL")) c.tracking_callback_url = v;
  if (const char* v = std::getenv("DAIFA_POLLED_CARRIERS")) c.polled_carriers = v;
  if (const char* v = std::getenv("DAIFA_MAIL_FROM")) c.mail_from = v;
  if (const char* v = std::getenv("DAIFA_MAIL_FROM_NAME")) c.mail_from_name = v;
  env_number("DAIFA_WEBHOOK_TIMEOUT_MS", c.webhook_timeout_ms);
  env_number("DAIFA_WEBHOOK_WORKERS", c.webhook_workers);
  env_number("DAIFA_FEED_TIMEOUT_MS", c.feed_timeout_ms);
  env_number("DAIFA_FEED_MAX_BYTES", c.feed_max_bytes);
  env_number("DAIFA_FEED_ALLOW_PRIVATE", c.feed_allow_private);
}

std::vector<std::string> validate(Config& c) {
  std::vector<std::string> problems;
  if (c.db_url.rfind("sqlite:", 0) != 0 && c.db_url.rfind("postgresql://", 0) != 0 &&
      c.db_url.rfind("postgres://", 0) != 0) {
    problems.push_back("db: must be sqlite:PATH or postgresql://user:password@host:port/database");
  } else if (c.db_url == "sqlite:") {
    problems.push_back("db: sqlite: needs a file path, e.g. sqlite:data/daifa.db");
  }
  auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    problems.push_back("listen: must be HOST:PORT, e.g. 127.0.0.1:8080");
  } else {
    c.host = c.listen.substr(0, colon);
    if (c.host.size() > 2 && c.host.front() == '[' && c.host.back() == ']') c.host = c.host.substr(1, c.host.size() - 2);
    unsigned port = 0;
    std::string p = c.listen.substr(colon + 1);
    auto r = std::from_chars(p.data(), p.data() + p.size(), port);
    if (r.ec != std::errc{} || r.ptr != p.data() + p.size() || port > 65535) {
      problems.push_back("listen: port must be a number from 0 to 65535");
    } else {
      c.port = static_cast<std::uint16_t>(port);
    }
  }
  if (c.node_id < -1 || c.node_id > 1023) problems.push_back("node_id: must be 0..1023 (or -1 for random)");
  if (c.read_connections < 1 || c.read_connections > 256) problems.push_back("read_connections: must be 1..256");
  if (c.blocking_threads < 1 || c.blocking_threads > 1024) problems.push_back("blocking_threads: must be 1..1024");
  if (c.body_limit_bytes < 1024 || c.body_limit_bytes > (std::int64_t{1} << 30)) {
    problems.push_back("body_limit: must be 1024..1073741824 bytes");
  }
  if (c.session_ttl_s < 60 || c.session_ttl_s > 30 * 86400) problems.push_back("session_ttl: must be 60..2592000 seconds");
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" && c.log_level != "error") {
    problems.push_back("log_level: must be debug, info, warn or error");
  }
  if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0) {
    problems.push_back("smtp_url: must be smtp://host:port or smtps://host:port");
  }
  {
    auto at = c.mail_from.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == c.mail_from.size() ||
        c.mail_from.find_first_of(" <>\r\n") != std::string::npos) {
      problems.push_back("mail_from: must be an e-mail address such as noreply@shop.example");
    }
  }
  if (c.mail_from_name.find_first_of("\r\n") != std::string::npos) {
    problems.push_back("mail_from_name: must be one line");
  }
  if (c.webhook_timeout_ms < 100 || c.webhook_timeout_ms > 120'000) {
    problems.push_back("webhook_timeout_ms: must be 100..120000 milliseconds");
  }
  if (c.webhook_workers < 1 || c.webhook_workers > 256) problems.push_back("webhook_workers: must be 1..256");
  if (c.feed_timeout_ms < 100 || c.feed_timeout_ms > 600'000) {
    problems.push_back("feed_timeout_ms: must be 100..600000 milliseconds");
  }
  if (c.feed_max_bytes < 1024 || c.feed_max_bytes > 256 * 1024 * 1024) {
    problems.push_back("feed_max_bytes: must be 1024..268435456 bytes");
  }
  if (c.feed_allow_private != 0 && c.feed_allow_private != 1) problems.push_back("feed_allow_private: must be 0 or 1");
  auto is_http_url = [](const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; };
  for (auto [name, url] : {std::pair{"kuaidi100_url", &c.kuaidi100_url}, std::pair{"kuaidi100_query_url", &c.kuaidi100_query_url},
                           std::pair{"tracking_callback_url", &c.tracking_callback_url}}) {
    if (!url->empty() && !is_http_url(*url)) problems.push_back(std::string(name) + ": must be an http:// or https:// URL");
  }
  if (!c.kuaidi100_url.empty() && (c.kuaidi100_key.empty() || c.tracking_callback_url.empty())) {
    problems.push_back("kuaidi100_key: the key and tracking_callback_url are needed with kuaidi100_url");
  }
  if (!c.kuaidi100_query_url.empty() && (c.kuaidi100_key.empty() || c.kuaidi100_customer.empty())) {
    problems.push_back("kuaidi100_customer: the key and customer id are needed with kuaidi100_query_url");
  }
  return problems;
}

}  // namespace daifa::cli
