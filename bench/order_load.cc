// order_load: the intake load generator (issue #5). A separate process that posts single orders over HTTP/1.1
// keep-alive connections to a running `daifa serve`, and reports orders/s, latency percentiles and every
// status code it got. It links no daifa library on purpose: it sees the server only through HTTP, as a
// channel integration would.
//
// Two modes:
//  - --rate 0 (closed loop): each connection sends its next order as soon as the previous answer arrived.
//    The rate this reaches is the server's throughput at that concurrency.
//  - --rate R (open loop): order i is due at start + i/R seconds, whatever happened before. A connection
//    that is free takes the next order and sends it at its due time (or at once when it is already late);
//    latency is measured from the due time, not from the send, so the time an order waited for a free
//    connection counts (no coordinated omission: a slow server cannot slow down the clock that judges it).
//
// Each order (bench/order_gen.h): a unique external_id, 1–3 lines of random SKUs from --skus-file (quantity
// 1, sometimes 2–3), a complete mainland-China address, prepaid in full. Everything random is drawn from
// --seed and the order's number only, so the same seed sends the same orders whatever the timing — and a
// second run with the same seed on the same database sends the same buyers and lines again, which review
// holds as suspected duplicates: give each run its own seed.
//
// Usage:
//   order_load --url http://127.0.0.1:PORT --token TOKEN --channel-id ID --skus-file FILE
//              [--orders N] [--concurrency 64] [--rate R] [--seed S] [--threads 1|2]
//              [--path /api/v1/orders] [--external-prefix P] [--show-bodies 3]
// The skus file has one SKU per line, optionally followed by a tab and the unit price in minor units
// (otherwise 99.00 CNY).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "order_gen.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  std::string port;
  std::string path = "/api/v1/orders";
  std::string token;
  std::string channel_id;
  std::string skus_file;
  std::int64_t orders = 10'000;
  int concurrency = 64;
  double rate = 0;  // orders per second; 0 = as fast as the server answers
  std::uint64_t seed = 1;
  int threads = 1;  // threads running the io_context
  std::string external_prefix;  // default: derived from the seed and the start time, unique per run
  int show_bodies = 3;
  std::int64_t timeout_ms = 30'000;  // per request
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "order_load: %s\nusage: order_load --url http://HOST:PORT --token TOKEN --channel-id ID --skus-file FILE\n"
               "                  [--orders N] [--concurrency N] [--rate R] [--seed S] [--threads 1|2]\n"
               "                  [--path /api/v1/orders] [--external-prefix P] [--show-bodies N]\n",
               problem.c_str());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  std::string url;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--url") url = value();
      else if (a == "--token") o.token = value();
      else if (a == "--channel-id") o.channel_id = value();
      else if (a == "--skus-file") o.skus_file = value();
      else if (a == "--orders") o.orders = std::stoll(value());
      else if (a == "--concurrency") o.concurrency = std::stoi(value());
      else if (a == "--rate") o.rate = std::stod(value());
      else if (a == "--seed") o.seed = std::stoull(value());
      else if (a == "--threads") o.threads = std::stoi(value());
      else if (a == "--path") o.path = value();
      else if (a == "--external-prefix") o.external_prefix = value();
      else if (a == "--show-bodies") o.show_bodies = std::stoi(value());
      else if (a == "--timeout-ms") o.timeout_ms = std::stoll(value());
      else usage("unknown option " + a);
    } catch (const std::logic_error&) {
      usage("bad value for " + a);
    }
  }
  // Only what a local benchmark needs: http://host:port, no TLS, no path.
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) usage("--url must be http://HOST:PORT");
  std::string rest = url.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  auto colon = rest.rfind(':');
  if (colon == std::string::npos || rest.find('/') != std::string::npos) usage("--url must be http://HOST:PORT");
  o.host = rest.substr(0, colon);
  o.port = rest.substr(colon + 1);
  if (o.token.empty()) usage("--token is required");
  if (o.channel_id.empty()) usage("--channel-id is required");
  if (o.skus_file.empty()) usage("--skus-file is required");
  if (o.orders <= 0 || o.concurrency <= 0 || o.rate < 0 || o.threads < 1 || o.threads > 16) usage("bad numbers");
  return o;
}

using daifa::bench::Sku;

// One order's JSON body: see order_gen.h for what is in it.
std::string order_body(const Options& opt, const std::string& prefix, const std::vector<Sku>& skus, std::int64_t n) {
  return daifa::bench::order_json(opt.channel_id, daifa::bench::generate_order(opt.seed, prefix, skus, n));
}

// What one connection saw; merged after the run (each is touched by its own coroutine only).
struct ConnectionStats {
  std::vector<std::int64_t> latency_us;  // from due time (open loop) or send time (closed loop) to answer
  std::vector<std::int64_t> send_lag_us;  // open loop: how late after its due time each order was sent
  std::map<int, std::int64_t> statuses;
  std::map<std::string, std::int64_t> order_statuses;  // "status" of the answered order: routed, on_hold...
  std::int64_t transport_errors = 0;
  std::int64_t reconnects = 0;
};

struct Shared {
  const Options& opt;
  const std::vector<Sku>& skus;
  std::string prefix;
  tcp::resolver::results_type endpoints;
  std::atomic<std::int64_t> next{0};
  Clock::time_point start;
  std::mutex bodies_mu;
  std::vector<std::string> bad_bodies;  // the first few non-2xx answers and transport errors
  void keep_bad(std::string text) {
    std::lock_guard lock(bodies_mu);
    if (static_cast<int>(bad_bodies.size()) < opt.show_bodies) bad_bodies.push_back(std::move(text));
  }
};

// The order's status from its JSON answer: the first "status" key is the order's own (lines carry none).
std::string order_status_of(std::string_view body) {
  constexpr std::string_view kKey = R"("status")";
  auto at = body.find(kKey);
  if (at == std::string_view::npos) return "(none)";
  at = body.find('"', body.find(':', at + kKey.size()));
  if (at == std::string_view::npos) return "(none)";
  auto end = body.find('"', at + 1);
  if (end == std::string_view::npos) return "(none)";
  return std::string(body.substr(at + 1, end - at - 1));
}

asio::awaitable<void> run_connection(Shared& s, ConnectionStats& st, beast::tcp_stream stream) {
  const Options& opt = s.opt;
  const auto interval = opt.rate > 0 ? std::chrono::duration<double>(1.0 / opt.rate) : std::chrono::duration<double>(0);
  beast::flat_buffer buffer;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, opt.path, 11};
  req.set(bhttp::field::host, opt.host + ":" + opt.port);
  req.set(bhttp::field::authorization, "Bearer " + opt.token);
  req.set(bhttp::field::content_type, "application/json");
  req.set(bhttp::field::user_agent, "daifa-order-load");
  bool connected = true;
  for (std::int64_t n; (n = s.next++) < opt.orders;) {
    Clock::time_point due = Clock::now();
    if (opt.rate > 0) {
      due = s.start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(n));
      if (Clock::now() < due) {
        timer.expires_at(due);
        co_await timer.async_wait(asio::use_awaitable);
      }
      st.send_lag_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - due).count());
    }
    req.body() = order_body(opt, s.prefix, s.skus, n);
    req.prepare_payload();
    try {
      if (!connected) {
        stream.expires_after(std::chrono::milliseconds(opt.timeout_ms));
        co_await stream.async_connect(s.endpoints, asio::use_awaitable);
        stream.socket().set_option(tcp::no_delay(true));
        connected = true;
        ++st.reconnects;
      }
      stream.expires_after(std::chrono::milliseconds(opt.timeout_ms));
      co_await bhttp::async_write(stream, req, asio::use_awaitable);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(16 * 1024 * 1024);
      co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
      const auto done = Clock::now();
      auto res = parser.release();
      st.latency_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(done - due).count());
      const int code = res.result_int();
      ++st.statuses[code];
      if (code >= 200 && code < 300) {
        ++st.order_statuses[order_status_of(res.body())];
      } else {
        s.keep_bad("order " + std::to_string(n) + ": HTTP " + std::to_string(code) + " " + res.body());
      }
      if (!res.keep_alive()) {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.close();
        connected = false;
      }
    } catch (const boost::system::system_error& e) {
      ++st.transport_errors;
      s.keep_bad("order " + std::to_string(n) + ": transport error: " + e.code().message());
      beast::error_code ignored;
      stream.socket().close(ignored);
      buffer.clear();
      connected = false;
    }
  }
  if (connected) {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto idx = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return static_cast<double>(sorted[std::min(idx, sorted.size() - 1)]) / 1000.0;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_options(argc, argv);
  try {
    const auto skus = daifa::bench::read_skus(opt.skus_file);
    Shared s{opt, skus, {}, {}, {}, {}, {}, {}};
    s.prefix = !opt.external_prefix.empty()
                   ? opt.external_prefix
                   : "LOAD-" + std::to_string(opt.seed) + "-" +
                         std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    // The generated body must be valid JSON: checked once here with a real parser, not per order.
    (void)boost::json::parse(order_body(opt, s.prefix, skus, 0));

    asio::io_context ioc(opt.threads);
    tcp::resolver resolver(ioc);
    s.endpoints = resolver.resolve(opt.host, opt.port);

    // Every connection is open before the clock starts: connecting is not what is measured.
    std::vector<ConnectionStats> stats(static_cast<std::size_t>(opt.concurrency));
    std::vector<beast::tcp_stream> streams;
    for (int c = 0; c < opt.concurrency; ++c) {
      beast::tcp_stream stream(asio::make_strand(ioc));
      stream.connect(s.endpoints);
      stream.socket().set_option(tcp::no_delay(true));
      streams.push_back(std::move(stream));
    }
    const double cpu_before = cpu_seconds();
    s.start = Clock::now();
    for (int c = 0; c < opt.concurrency; ++c) {
      auto& stream = streams[static_cast<std::size_t>(c)];
      auto executor = stream.get_executor();
      asio::co_spawn(executor, run_connection(s, stats[static_cast<std::size_t>(c)], std::move(stream)),
                     [](std::exception_ptr e) {
                       if (e) std::rethrow_exception(e);
                     });
    }
    std::vector<std::thread> threads;
    for (int t = 1; t < opt.threads; ++t) threads.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - s.start).count();
    const double cpu = cpu_seconds() - cpu_before;

    std::vector<std::int64_t> latency, lag;
    std::map<int, std::int64_t> statuses;
    std::map<std::string, std::int64_t> order_statuses;
    std::int64_t transport_errors = 0, reconnects = 0;
    for (const auto& st : stats) {
      latency.insert(latency.end(), st.latency_us.begin(), st.latency_us.end());
      lag.insert(lag.end(), st.send_lag_us.begin(), st.send_lag_us.end());
      for (const auto& [k, v] : st.statuses) statuses[k] += v;
      for (const auto& [k, v] : st.order_statuses) order_statuses[k] += v;
      transport_errors += st.transport_errors;
      reconnects += st.reconnects;
    }
    std::sort(latency.begin(), latency.end());
    std::sort(lag.begin(), lag.end());
    std::int64_t ok = 0, answered = 0;
    for (const auto& [code, count] : statuses) {
      answered += count;
      if (code >= 200 && code < 300) ok += count;
    }

    std::printf("order_load: url=http://%s:%s%s orders=%lld concurrency=%d rate=%s threads=%d seed=%llu\n",
                opt.host.c_str(), opt.port.c_str(), opt.path.c_str(), static_cast<long long>(opt.orders),
                opt.concurrency, opt.rate > 0 ? std::to_string(static_cast<long long>(opt.rate)).c_str() : "max",
                opt.threads, static_cast<unsigned long long>(opt.seed));
    std::printf("throughput: answered=%lld ok_2xx=%lld seconds=%.3f orders_per_s=%.0f\n",
                static_cast<long long>(answered), static_cast<long long>(ok), seconds,
                static_cast<double>(ok) / seconds);
    std::printf("latency_ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f (%s)\n", percentile_ms(latency, 0.50),
                percentile_ms(latency, 0.90), percentile_ms(latency, 0.99), percentile_ms(latency, 0.999),
                percentile_ms(latency, 1.0), opt.rate > 0 ? "from each order's due time" : "from each send");
    if (opt.rate > 0) {
      std::printf("send_lag_ms: p50=%.2f p99=%.2f max=%.2f (how late orders left after their due time)\n",
                  percentile_ms(lag, 0.50), percentile_ms(lag, 0.99), percentile_ms(lag, 1.0));
    }
    std::printf("status_codes:");
    for (const auto& [code, count] : statuses) std::printf(" %d=%lld", code, static_cast<long long>(count));
    std::printf(" transport_errors=%lld reconnects=%lld\n", static_cast<long long>(transport_errors),
                static_cast<long long>(reconnects));
    std::printf("order_statuses:");
    for (const auto& [status, count] : order_statuses) {
      std::printf(" %s=%lld", status.c_str(), static_cast<long long>(count));
    }
    std::printf("\n");
    std::printf("generator: cpu_s=%.2f cpu_us_per_order=%.1f\n", cpu,
                cpu * 1e6 / static_cast<double>(std::max<std::int64_t>(1, answered)));
    for (const auto& body : s.bad_bodies) {
      std::printf("non_2xx: %.*s\n", static_cast<int>(std::min<std::size_t>(body.size(), 600)), body.c_str());
    }
    const bool all_created = statuses.size() == 1 && statuses.count(201) && transport_errors == 0;
    return all_created ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "order_load: %s\n", e.what());
    return 2;
  }
}
