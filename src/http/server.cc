#include "http/server.h"

#include <pthread.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <exception>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/core/problem.h"
#include "store/suspension.h"

namespace daifa::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// Every awaited operation reports its error as a value: a closed socket or a timeout is ordinary
// traffic for a server, not an exception.
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

// A connection refused for being over max_connections gets this long to take its 503.
constexpr Millis kRejectTimeout{1000};
// After an error answer the client may still be sending (a body we refused, the rest of a huge
// header). Closing a socket with unread bytes makes the kernel send RST, which can destroy the answer
// before the client reads it; so we half-close and read and discard for a short while first.
constexpr Millis kLingerTimeout{1000};
constexpr std::size_t kLingerMaxBytes = 1024 * 1024;

constexpr std::size_t kRequestIdMaxLength = 64;

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > kRequestIdMaxLength) return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
           ch == '-';
  });
}

std::string_view to_std(beast::string_view s) { return {s.data(), s.size()}; }

bool iequals(std::string_view a, std::string_view b) { return beast::iequals(a, b); }

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: a bijection that scatters a counter
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The 431 answer. problem() knows only the statuses of the Status enum, so the HTTP status and the
// body's "status" member (which RFC 7807 wants equal to it) are corrected here.
Response header_too_large() {
  Response r = problem(Status::malformed_request, "the request header is larger than this server accepts");
  r.status = 431;
  boost::json::value body = boost::json::parse(r.body);
  body.as_object()["status"] = 431;
  r.body = boost::json::serialize(body);
  return r;
}

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)), idle_timer(stream.get_executor()) {}

  // All members are touched only on the connection's strand (stream.get_executor()).
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  asio::steady_timer idle_timer;
  bool idle = false;             // waiting for the first byte of a request: shutdown may close it at once
  std::uint64_t idle_epoch = 0;  // tells a stale idle-timer wake-up from the current one
  std::string client_address;
};

std::uint64_t random_key() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) ^ device();
}

enum class Phase { created, running, stopping, stopped };

// The stack of each request's fiber. Handlers parse JSON, run SQLite and format answers: tens of KB. The guard
// page below it turns an overflow into a crash instead of a silent write into other memory.
#if defined(BOOST_USE_ASAN)
constexpr std::size_t kFiberStackBytes = 1024 * 1024;  // AddressSanitizer's frames are several times larger
#else
constexpr std::size_t kFiberStackBytes = 256 * 1024;
#endif
constexpr std::size_t kFiberStacksKept = 256;

// Guard-paged fiber stacks, kept for the next request: unmapping a stack makes the kernel flush the TLB of every
// CPU running the process (an interrupt to each), which cost 12 % of the socket threads' time in the tracking
// benchmark when every request mapped and unmapped its own.
class StackPool {
 public:
  ~StackPool() {
    for (auto& stack : free_) boost::context::protected_fixedsize_stack(kFiberStackBytes).deallocate(stack);
  }
  boost::context::stack_context allocate() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        auto stack = free_.back();
        free_.pop_back();
        return stack;
      }
    }
    return boost::context::protected_fixedsize_stack(kFiberStackBytes).allocate();
  }
  void deallocate(boost::context::stack_context& stack) {
    {
      std::lock_guard lock(mu_);
      if (free_.size() < kFiberStacksKept) {
        free_.push_back(stack);
        return;
      }
    }
    boost::context::protected_fixedsize_stack(kFiberStackBytes).deallocate(stack);
  }

 private:
  std::mutex mu_;
  std::vector<boost::context::stack_context> free_;
};

// Work that shutdown must wait for before it stops ioc_: handler fibers (a fiber waiting for the writer is
// resumed through ioc_, and its stack must outlive the writer's answer), and resumptions still returning on other
// threads (posting to a strand touches ioc_ until the call returns, after the fiber may already have run and
// ended). Once closed, nothing more may begin.
class InFlight {
 public:
  bool enter() {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    ++count_;
    return true;
  }
  void leave() {
    std::lock_guard lock(mu_);
    if (--count_ == 0) idle_.notify_all();
  }
  void close_when_idle() {
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return count_ == 0; });
    closed_ = true;
  }

 private:
  std::mutex mu_;
  std::condition_variable idle_;
  std::size_t count_ = 0;
  bool closed_ = false;
};

// What asio::spawn takes (Boost.Context's StackAllocator): a handle on the pool.
struct PooledStack {
  StackPool* pool;
  boost::context::stack_context allocate() { return pool->allocate(); }
  void deallocate(boost::context::stack_context& stack) { pool->deallocate(stack); }
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        id_key_(random_key()),
        ioc_(std::max(1, options_.io_threads)),
        acceptor_(asio::make_strand(ioc_)) {}

  ~Impl() {
    shutdown();
    // Connections still registered after a forced shutdown own sockets of ioc_; they must go first.
    // Their coroutine frames (destroyed with ioc_) unregister into the emptied set harmlessly.
    std::lock_guard lock(mu_);
    connections_.clear();
  }

  std::uint16_t start();
  void shutdown();
  void wait_for_signal();

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(std::shared_ptr<Connection> c);
  asio::awaitable<bool> wait_for_request(const std::shared_ptr<Connection>& c, Clock::time_point until);
  asio::awaitable<bool> serve_one(Connection& c, Clock::time_point header_deadline);
  asio::awaitable<bool> answer_read_error(Connection& c, beast::error_code ec,
                                          const bhttp::request_parser<bhttp::string_body>& parser);
  asio::awaitable<Response> run_handler(Request& req);
  asio::awaitable<bool> write_response(Connection& c, Response res, unsigned version, bool head, bool keep,
                                       std::string_view request_id, Millis timeout);
  asio::awaitable<void> close_gracefully(Connection& c);
  asio::awaitable<void> reject(tcp::socket socket);

  Response call_handler(Request& req) noexcept;
  std::string new_request_id();
  bool register_connection(const std::shared_ptr<Connection>& c);
  void unregister_connection(const std::shared_ptr<Connection>& c);

  const ServerOptions options_;
  const Handler handler_;
  const std::uint64_t id_key_;
  std::atomic<std::uint64_t> id_counter_{0};

  mutable std::mutex mu_;
  std::condition_variable cv_;  // phase_, connections_ and signal_received_ changes
  Phase phase_ = Phase::created;
  bool signal_received_ = false;
  std::unordered_set<std::shared_ptr<Connection>> connections_;
  std::atomic<std::size_t> open_{0};
  std::atomic<bool> stopping_{false};  // set once, before shutdown looks at any connection

  StackPool stacks_;   // outlives ioc_, which holds the fibers
  InFlight handlers_;  // handler fibers begun and not ended
  InFlight resumes_;   // resumptions of handler fibers from other threads, still touching ioc_

  // Declared after the members above: destroying ioc_ destroys suspended coroutines, which unregister.
  asio::io_context ioc_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> io_threads_;
};

std::string Server::Impl::new_request_id() {
  std::uint64_t v = mix(id_key_ ^ mix(id_counter_.fetch_add(1, std::memory_order_relaxed)));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<std::size_t>(i)] = kHex[v & 0xf];
  return id;
}

bool Server::Impl::register_connection(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mu_);
  if (stopping_.load()) return false;
  connections_.insert(c);
  open_.store(connections_.size());
  return true;
}

void Server::Impl::unregister_connection(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mu_);
  connections_.erase(c);
  open_.store(connections_.size());
  cv_.notify_all();
}

std::uint16_t Server::Impl::start() {
  {
    std::lock_guard lock(mu_);
    if (phase_ != Phase::created) throw std::logic_error("Server::start: already started or shut down");
  }
  tcp::endpoint endpoint;
  try {
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service);
    endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    endpoint = acceptor_.local_endpoint();
  } catch (const boost::system::system_error& e) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    throw std::system_error(std::error_code(e.code()),
                            "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
  }

  work_.emplace(ioc_.get_executor());
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
  for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
    io_threads_.emplace_back([this] {
      pthread_setname_np(pthread_self(), "daifa-http-io");
      // A throwing completion handler must not take the socket thread (and with it the process) down.
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (...) {
        }
      }
    });
  }
  std::lock_guard lock(mu_);
  phase_ = Phase::running;
  return endpoint.port();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), kUse);
    if (stopping_.load() || !acceptor_.is_open()) co_return;
    if (ec) {
      // Usually out of file descriptors: pause instead of spinning on the failing accept.
      asio::steady_timer pause(acceptor_.get_executor(), Millis(50));
      co_await pause.async_wait(kUse);
      continue;
    }
    if (open_.load() >= options_.max_connections) {
      auto executor = socket.get_executor();
      asio::co_spawn(executor, reject(std::move(socket)), asio::detached);
      continue;
    }
    auto c = std::make_shared<Connection>(std::move(socket));
    if (!register_connection(c)) co_return;
    auto executor = c->stream.get_executor();
    asio::co_spawn(executor, serve(std::move(c)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::reject(tcp::socket socket) {
  Connection c(std::move(socket));
  Response res = problem(Status::unavailable, "too many open connections");
  res.set("Retry-After", "1");
  if (co_await write_response(c, std::move(res), 11, false, false, new_request_id(), kRejectTimeout)) {
    co_await close_gracefully(c);
  }
  beast::error_code ignored;
  c.stream.socket().close(ignored);
}

asio::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection> c) {
  // Unregisters however the coroutine ends, including when ioc_ is destroyed with it suspended.
  struct Registration {
    Impl* impl;
    std::shared_ptr<Connection> c;
    ~Registration() { impl->unregister_connection(c); }
  } registration{this, c};

  beast::error_code ec;
  auto remote = c->stream.socket().remote_endpoint(ec);
  if (!ec) c->client_address = remote.address().to_string();

  // The first request's header must arrive within header_timeout of the accept; later ones get
  // idle_timeout to start and then header_timeout from their first byte.
  Clock::time_point header_deadline = Clock::now() + Millis(options_.header_timeout_ms);
  bool first = true;
  for (;;) {
    if (c->buffer.size() == 0) {
      auto until = first ? header_deadline : Clock::now() + Millis(options_.idle_timeout_ms);
      if (!co_await wait_for_request(c, until)) break;
    }
    if (!first) header_deadline = Clock::now() + Millis(options_.header_timeout_ms);
    first = false;
    if (!co_await serve_one(*c, header_deadline)) break;
  }
  c->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  c->stream.socket().close(ec);
}

asio::awaitable<bool> Server::Impl::wait_for_request(const std::shared_ptr<Connection>& c, Clock::time_point until) {
  // The check of stopping_ and the marking as idle happen in one step on the strand, so shutdown's
  // sweep (also on the strand) either sees the connection idle or the connection sees stopping_.
  if (stopping_.load()) co_return false;
  c->idle = true;
  const std::uint64_t epoch = ++c->idle_epoch;
  c->idle_timer.expires_at(until);
  c->idle_timer.async_wait([weak = std::weak_ptr<Connection>(c), epoch](beast::error_code ec) {
    auto conn = weak.lock();
    if (ec || !conn || !conn->idle || conn->idle_epoch != epoch) return;
    conn->stream.socket().cancel(ec);
  });
  auto [ec] = co_await c->stream.socket().async_wait(tcp::socket::wait_read, kUse);
  c->idle = false;
  c->idle_timer.cancel();
  co_return !ec;
}

asio::awaitable<bool> Server::Impl::serve_one(Connection& c, Clock::time_point header_deadline) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options_.header_limit_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(options_.body_limit_bytes);

  c.stream.expires_at(header_deadline);
  {
    auto [ec, n] = co_await bhttp::async_read_header(c.stream, c.buffer, parser, kUse);
    if (ec) co_return co_await answer_read_error(c, ec, parser);
  }
  auto& msg = parser.get();
  if (!parser.is_done()) {
    if (iequals(to_std(msg[bhttp::field::expect]), "100-continue")) {
      bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, msg.version()};
      c.stream.expires_after(Millis(options_.write_timeout_ms));
      auto [ec, n] = co_await bhttp::async_write(c.stream, proceed, kUse);
      if (ec) co_return false;
    }
    c.stream.expires_after(Millis(options_.body_timeout_ms));
    auto [ec, n] = co_await bhttp::async_read(c.stream, c.buffer, parser, kUse);
    if (ec) co_return co_await answer_read_error(c, ec, parser);
  }
  c.stream.expires_never();

  Request req;
  req.method = std::string(to_std(msg.method_string()));
  req.target = std::string(to_std(msg.target()));
  for (const auto& field : msg) {
    std::string name(to_std(field.name_string()));
    std::string_view value = to_std(field.value());
    auto [it, inserted] = req.headers.try_emplace(name, value);
    // Repeated fields are one comma-separated list (RFC 9110 5.3); cookies use their own separator.
    if (!inserted) it->second.append(field.name() == bhttp::field::cookie ? "; " : ", ").append(value);
  }
  req.body = std::move(msg.body());
  req.client_address = c.client_address;
  auto given_id = req.header("X-Request-Id");
  req.request_id = given_id && is_sane_request_id(*given_id) ? std::string(*given_id) : new_request_id();

  const unsigned version = msg.version();
  const bool head = msg.method() == bhttp::verb::head;
  bool keep = msg.keep_alive();

  Response res;
  if (!parse_target(req.target, req.path, req.query)) {
    res = problem(Status::malformed_request, "the request target is not a valid path");
  } else {
    res = co_await run_handler(req);
  }
  if (auto it = res.headers.find("Connection"); it != res.headers.end() && iequals(it->second, "close")) {
    keep = false;
  }
  // A request that was in flight when shutdown began is answered, but tells the client not to reuse.
  if (stopping_.load()) keep = false;
  if (!co_await write_response(c, std::move(res), version, head, keep, req.request_id,
                              Millis(options_.write_timeout_ms))) {
    co_return false;
  }
  co_return keep;
}

asio::awaitable<bool> Server::Impl::answer_read_error(Connection& c, beast::error_code ec,
                                                      const bhttp::request_parser<bhttp::string_body>& parser) {
  std::optional<Response> answer;
  if (ec == bhttp::error::header_limit) {
    answer = header_too_large();
  } else if (ec == bhttp::error::body_limit) {
    answer = problem(Status::payload_too_large,
                     "the request body is larger than " + std::to_string(options_.body_limit_bytes) + " bytes");
  } else if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    // The client went away, before a request or in the middle of one: nobody to answer.
  } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
    answer = problem(Status::malformed_request, "malformed HTTP request: " + ec.message());
  }
  // Anything else is a timeout, a reset or our own shutdown: close without an answer.
  if (!answer) co_return false;

  std::string request_id;
  if (parser.is_header_done()) {
    auto given = to_std(parser.get()["X-Request-Id"]);
    if (is_sane_request_id(given)) request_id = std::string(given);
  }
  if (request_id.empty()) request_id = new_request_id();
  if (co_await write_response(c, std::move(*answer), 11, false, false, request_id, Millis(options_.write_timeout_ms))) {
    co_await close_gracefully(c);
  }
  co_return false;
}

Response Server::Impl::call_handler(Request& req) noexcept {
  try {
    return handler_(req);
  } catch (...) {
    // The exception's text may carry anything (SQL, personal data): it goes neither to the client
    // nor anywhere else from here.
    try {
      return problem(Status::internal, "the server failed to handle the request");
    } catch (...) {
      Response bare;
      bare.status = 500;
      return bare;
    }
  }
}

namespace {

// A handler's fiber: a wait for the writer (or for the API's blocking pool) suspends the fiber, and the answer
// resumes it on its connection's strand, never on the thread that answered.
class FiberSuspension final : public store::Suspension {
 public:
  FiberSuspension(const asio::yield_context& yield, InFlight& resumes) : yield_(yield), resumes_(resumes) {}

  // The longest time the fiber has held its thread at a stretch, counting up to now.
  std::int64_t longest_held_ms() {
    held_until_now();
    return longest_held_ms_;
  }

  void suspend(const std::function<void(Resume)>& start) override {
    held_until_now();
    store::Suspension::set_current(nullptr);  // other fibers run on this thread meanwhile
    asio::async_initiate<const asio::yield_context, void()>(
        [this, &start](auto handler) {
          using Handler = decltype(handler);
          // Resume must be copyable, and whoever holds it may drop it long after it was called — after the
          // server is gone. So the handler (and through it the strand) is moved out when it is called.
          auto pending = std::make_shared<std::optional<Handler>>(std::move(handler));
          start([resumes = &resumes_, pending] {
            // Closed only once every handler fiber has ended, when no resumption can come any more.
            if (!resumes->enter()) return;
            {
              Handler resumed = std::move(**pending);
              pending->reset();
              auto executor = asio::get_associated_executor(resumed);
              asio::post(executor, std::move(resumed));
            }
            resumes->leave();  // no copy of the strand is left on this thread
          });
        },
        yield_);
    store::Suspension::set_current(this);
    running_since_ = Clock::now();
  }

 private:
  void held_until_now() {
    const auto now = Clock::now();
    longest_held_ms_ = std::max<std::int64_t>(
        longest_held_ms_, std::chrono::duration_cast<Millis>(now - running_since_).count());
    running_since_ = now;
  }

  const asio::yield_context& yield_;
  InFlight& resumes_;
  Clock::time_point running_since_ = Clock::now();
  std::int64_t longest_held_ms_ = 0;
};

}  // namespace

asio::awaitable<Response> Server::Impl::run_handler(Request& req) {
  // The handler runs as a fiber on this connection's strand. While it waits for the store's writer it is
  // suspended and the socket thread serves other connections; handlers that block for long in other ways
  // (CPU-heavy work, outbound network) hop to a thread pool of their own (Api::blocking).
  auto executor = co_await asio::this_coro::executor;
  if (!handlers_.enter()) co_return problem(Status::unavailable, "the server is shutting down");
  co_return co_await asio::spawn(
      executor, std::allocator_arg, PooledStack{&stacks_},
      [this, &req](asio::yield_context yield) {
        struct Leave {
          InFlight& handlers;
          ~Leave() { handlers.leave(); }
        } leave{handlers_};
        FiberSuspension suspension(yield, resumes_);
        store::Suspension::set_current(&suspension);
        Response res = call_handler(req);
        store::Suspension::set_current(nullptr);
        if (options_.on_slow_handler) {
          const std::int64_t held = suspension.longest_held_ms();
          if (held >= options_.slow_handler_ms) {
            try {
              options_.on_slow_handler(req, held);
            } catch (...) {
            }
          }
        }
        return res;
      },
      asio::use_awaitable);
}

asio::awaitable<bool> Server::Impl::write_response(Connection& c, Response res, unsigned version, bool head, bool keep,
                                                   std::string_view request_id, Millis timeout) {
  if (res.status < 100 || res.status > 599) {
    res = problem(Status::internal, "the server produced an invalid response");
  }
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(res.status));
  for (const auto& [name, value] : res.headers) {
    // Framing is ours to decide: a handler's idea of the length or the connection would desync the stream.
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection")) {
      continue;
    }
    // A map holds one value per name; a value with line breaks is several fields of that name (how
    // handlers send more than one Set-Cookie). Splitting also keeps a value from injecting fields.
    std::string_view rest = value;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      std::string clean;
      std::copy_if(line.begin(), line.end(), std::back_inserter(clean), [](char ch) { return ch != '\r'; });
      if (!clean.empty()) out.insert(name, clean);
    }
  }
  out.set(bhttp::field::server, "daifa");
  out.set("X-Request-Id", request_id);
  const bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
  if (!bodiless) {
    out.content_length(res.body.size());  // for HEAD too: the length the GET would have had
    if (!head) out.body() = std::move(res.body);
  }
  out.keep_alive(keep);

  c.stream.expires_after(timeout);
  auto [ec, n] = co_await bhttp::async_write(c.stream, out, kUse);
  c.stream.expires_never();
  co_return !ec;
}

asio::awaitable<void> Server::Impl::close_gracefully(Connection& c) {
  beast::error_code ec;
  c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  std::array<char, 16 * 1024> scratch;
  std::size_t drained = 0;
  c.stream.expires_after(kLingerTimeout);
  while (drained < kLingerMaxBytes) {
    auto [read_ec, n] = co_await c.stream.async_read_some(asio::buffer(scratch), kUse);
    if (read_ec) break;
    drained += n;
  }
  c.stream.expires_never();
  c.stream.socket().close(ec);
}

void Server::Impl::shutdown() {
  std::unique_lock lock(mu_);
  switch (phase_) {
    case Phase::created:
      phase_ = Phase::stopped;
      cv_.notify_all();
      return;
    case Phase::stopped:
      return;
    case Phase::stopping:
      cv_.wait(lock, [&] { return phase_ == Phase::stopped; });
      return;
    case Phase::running:
      break;
  }
  phase_ = Phase::stopping;
  stopping_.store(true);
  cv_.notify_all();  // wakes wait_for_signal
  auto sweep = connections_;
  lock.unlock();

  // Stop accepting. The acceptor lives on its strand; wait until it is really closed so the port is free.
  {
    std::promise<void> closed;
    asio::post(acceptor_.get_executor(), [&] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
  }
  // Close connections that wait for a request; the others see stopping_ after their current request.
  for (const auto& c : sweep) {
    asio::post(c->stream.get_executor(), [c] {
      if (!c->idle) return;
      beast::error_code ignored;
      c->stream.socket().cancel(ignored);
    });
  }
  sweep.clear();

  lock.lock();
  cv_.wait_for(lock, Millis(std::max<std::int64_t>(0, options_.drain_timeout_ms)),
               [&] { return connections_.empty(); });
  auto stragglers = connections_;
  lock.unlock();

  // Cut the stragglers' connections, on their strands: at once for those waiting on the client or suspended in
  // their handler; once the handler returns for one whose handler holds its thread.
  for (const auto& c : stragglers) {
    asio::post(c->stream.get_executor(), [c] {
      beast::error_code ignored;
      c->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      c->stream.socket().close(ignored);
    });
  }
  stragglers.clear();
  // Handlers still running finish first (a handler that never returns would hold shutdown here); a request that
  // would begin after that gets 503. Then the resumptions still returning on other threads.
  handlers_.close_when_idle();
  resumes_.close_when_idle();

  work_.reset();
  ioc_.stop();
  for (auto& t : io_threads_) t.join();
  io_threads_.clear();

  lock.lock();
  phase_ = Phase::stopped;
  cv_.notify_all();
}

void Server::Impl::wait_for_signal() {
  {
    std::unique_lock lock(mu_);
    if (phase_ == Phase::created) return;
    if (phase_ != Phase::running) {
      cv_.wait(lock, [&] { return phase_ == Phase::stopped; });
      return;
    }
  }
  asio::signal_set signals(ioc_, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code ec, int) {
    if (ec) return;
    std::lock_guard lock(mu_);
    signal_received_ = true;
    cv_.notify_all();
  });
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return signal_received_ || phase_ != Phase::running; });
  }
  shutdown();  // does it, or waits for the shutdown another thread began
  // `signals` is destroyed here, after ioc_ has stopped: nothing else can touch it.
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;  // ~Impl shuts down

std::uint16_t Server::start() { return impl_->start(); }
void Server::wait_for_signal() { impl_->wait_for_signal(); }
void Server::shutdown() { impl_->shutdown(); }
std::size_t Server::open_connections() const { return impl_->open_.load(); }

}  // namespace daifa::http
