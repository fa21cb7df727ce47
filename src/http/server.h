#pragma once
// The HTTP/1.1 transport: Boost.Beast + Asio with C++20 coroutines. It reads requests within limits, runs
// the handler — a plain function — as a fiber on the socket thread, and writes the response. A handler that
// waits for the store's writer suspends only its fiber (store::Suspension); one that would block its thread
// for long hops to a pool of its own (Api::blocking). Everything here is about sockets; nothing here knows
// the API.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/core/message.h"

namespace daifa::http {

struct ServerOptions {
  std::string host = "127.0.0.1";                   // address to listen on
  std::uint16_t port = 8080;                        // 0 picks a free port (tests)
  std::size_t body_limit_bytes = 10 * 1024 * 1024;  // larger bodies get 413 without being read
  std::size_t header_limit_bytes = 16 * 1024;       // larger headers get 431
  std::int64_t header_timeout_ms = 10'000;          // the whole header must arrive within this
  std::int64_t body_timeout_ms = 30'000;            // the whole body must arrive within this
  std::int64_t idle_timeout_ms = 60'000;            // keep-alive wait for the next request
  std::int64_t write_timeout_ms = 30'000;           // the response must be taken within this
  std::int64_t drain_timeout_ms = 30'000;           // on shutdown, how long in-flight requests may take
  std::size_t max_connections = 1024;               // past this, new connections get 503 and are closed
  int io_threads = 2;                               // socket threads; they also run the handlers
  // A handler that holds its socket thread this long at a stretch (time suspended, e.g. waiting for the writer,
  // does not count) kept that thread's other connections waiting: it belongs in Api::blocking. Reported, once
  // per request, through on_slow_handler with the longest stretch.
  std::int64_t slow_handler_ms = 50;
  std::function<void(const Request& req, std::int64_t held_ms)> on_slow_handler;
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();  // shuts down if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Returns the bound port. Throws std::system_error if it can't bind.
  std::uint16_t start();
  // Blocks until SIGINT or SIGTERM arrives (or shutdown() is called from elsewhere), then shuts down.
  void wait_for_signal();
  // Graceful: stop accepting, close idle keep-alive connections, let requests in flight finish and be
  // answered (with Connection: close), then stop the threads. Idempotent.
  void shutdown();

  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace daifa::http
