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
  int handler_threads = 32;                     // DAIFA_HANDLER_THREADS: concurrent handlers, 1..1024
  std::int64_t body_limit_bytes = 10 * 1024 * 1024;  // DAIFA_BODY_LIMIT: largest request body, 1 KiB..1 GiB
  std::int64_t session_ttl_s = 12 * 3600;       // DAIFA_SESSION_TTL: seconds a console session lasts, 60..30 days
  std::string log_level = "info";               // DAIFA_LOG_LEVEL: debug, info, warn or error
  std::string web_root = "web/dist";            // DAIFA_WEB_ROOT: the built console; absent → a plain front page

  // Filled by validate():
  std::string host;
  std::uint16_t port = 0;
};

// Every problem, each starting with the field's name, e.g. "listen: port must be 1..65535".
std::vector<std::string> validate(Config& config);

// Applies DAIFA_* variables over the defaults (flags are applied over these afterwards).
void apply_environment(Config& config);

}  // namespace daifa::cli
