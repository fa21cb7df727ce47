#pragma once
// The server's settings as one typed struct. Each field documents its default; validate() names the
// field that is wrong. Values come from flags, else from DAIFA_* environment variables, else defaults.
#include <cstdint>
#include <string>
#include <vector>

namespace daifa::cli {

struct Config {
  std::string db_url = "sqlite:data/daifa.db";  // DAIFA_DB: sqlite:PATH or postgresql://user:pass@host:port/db
  std::string listen = "127.0.0.1:8080";        // DAIFA_LISTEN: HOST:PORT to serve HTTP on
  int node_id = -1;                             // DAIFA_NODE_ID: 0..1023, unique per node sharing a PostgreSQL;
                                                // -1 picks one at random at start
  int read_connections = 8;                     // DAIFA_READ_CONNECTIONS: read pool size, 1..256
  int blocking_threads = 8;                     // DAIFA_BLOCKING_THREADS: threads for CPU-heavy handlers, 1..1024
  std::int64_t body_limit_bytes = 10 * 1024 * 1024;  // DAIFA_BODY_LIMIT: largest request body, 1 KiB..1 GiB
  std::int64_t session_ttl_s = 12 * 3600;       // DAIFA_SESSION_TTL: seconds a console session lasts, 60..30 days
  std::string log_level = "info";               // DAIFA_LOG_LEVEL: debug, info, warn or error
  std::string web_root = "web/dist";            // DAIFA_WEB_ROOT: the built console; absent → a plain front page

  // Notifications (docs/notifications.md): customer mail over SMTP, outbound webhook attempts.
  std::string smtp_url;                         // DAIFA_SMTP_URL: smtp://host:port or smtps://…; empty → no mail sent
  std::string mail_from = "noreply@daifa.invalid";  // DAIFA_MAIL_FROM: the From address of customer mail
  std::string mail_from_name;                   // DAIFA_MAIL_FROM_NAME: its display name (may be Chinese)
  std::int64_t webhook_timeout_ms = 10'000;     // DAIFA_WEBHOOK_TIMEOUT_MS: one webhook attempt, 100..120000
  int webhook_workers = 16;                     // DAIFA_WEBHOOK_WORKERS: attempts in flight at once, 1..256

  // Tracking (docs/operations.md): Kuaidi100 (快递100) push subscriptions and polling.
  std::string kuaidi100_url;            // DAIFA_KUAIDI100_URL: subscription endpoint (https://poll.kuaidi100.com/poll);
                                        // empty → parcels wait to be subscribed
  std::string kuaidi100_query_url;      // DAIFA_KUAIDI100_QUERY_URL: real-time query endpoint; empty → no polling
  std::string kuaidi100_key;            // DAIFA_KUAIDI100_KEY: the account key
  std::string kuaidi100_customer;       // DAIFA_KUAIDI100_CUSTOMER: the account's customer id (query API)
  std::string tracking_callback_url;    // DAIFA_TRACKING_CALLBACK_URL: public URL of POST /api/v1/tracking/kuaidi100
  std::string polled_carriers;          // DAIFA_POLLED_CARRIERS: comma-separated Kuaidi100 codes followed by polling

  // Supplier feeds (docs/feeds.md): one GET of a feed URL.
  std::int64_t feed_timeout_ms = 30'000;        // DAIFA_FEED_TIMEOUT_MS: 100..600000
  std::int64_t feed_max_bytes = 16 * 1024 * 1024;  // DAIFA_FEED_MAX_BYTES: 1024..268435456
  int feed_allow_private = 0;                   // DAIFA_FEED_ALLOW_PRIVATE: 1 lets feeds use loopback/private addresses

  // Filled by validate():
  std::string host;
  std::uint16_t port = 0;
};

// Every problem, each starting with the field's name, e.g. "listen: port must be 1..65535".
std::vector<std::string> validate(Config& config);

// Applies DAIFA_* variables over the defaults (flags are applied over these afterwards).
void apply_environment(Config& config);

}  // namespace daifa::cli
