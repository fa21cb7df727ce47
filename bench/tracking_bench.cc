// Tracking events applied per second (issue #6): Kuaidi100 pushes over HTTP to an in-process `daifa`
// server on a SQLite file. Usage:
//   tracking_bench [--db sqlite:PATH] [--parcels 5000] [--pushes 4] [--clients 16]
// Set-up (not timed): the demo data, stock raised, N orders taken in, their purchase orders accepted and
// shipped with SF tracking numbers — each shipment subscribed with its own salt. Timed: every parcel gets
// `pushes` pushes in Kuaidi100's form, each signed with the parcel's salt and carrying one scan more than
// the one before (the last one signed for), sent by `clients` keep-alive connections. Each push is parsed,
// its sign checked, its idempotency key recorded and its new scan (and status change) committed durably
// before the reply. Reported: pushes/s, new tracking events/s (counted in the store), p50/p99 latency.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "app/app.h"
#include "app/crypto.h"
#include "app/demo/demo.h"
#include "app/orders/orders.h"
#include "http/api/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "integrations/carriers/form.h"
#include "integrations/carriers/kuaidi100.h"

namespace {

using namespace daifa;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
using Steady = std::chrono::steady_clock;

double seconds_since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }

// CPU seconds of the whole process (server, writer and the clients alike), or of the calling thread.
double cpu_s(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double process_cpu_s() { return cpu_s(RUSAGE_SELF); }

// One keep-alive connection of the aggregator: takes the next push until there are none, and times each.
// All clients are coroutines on one thread (as `order_load` is): a thread per connection would cost the bench
// a context switch per push of its own.
net::awaitable<void> push_all(std::uint16_t port, const std::vector<std::string>& bodies, std::size_t& next,
                              std::int64_t& failures, std::vector<double>& latency_ms) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  co_await stream.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), net::use_awaitable);
  stream.socket().set_option(net::ip::tcp::no_delay(true));
  beast::flat_buffer buffer;
  for (std::size_t i; (i = next++) < bodies.size();) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/api/v1/tracking/kuaidi100", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
    req.body() = bodies[i];
    req.prepare_payload();
    const auto t = Steady::now();
    co_await bhttp::async_write(stream, req, net::use_awaitable);
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buffer, res, net::use_awaitable);
    if (res.result_int() != 200) ++failures;
    latency_ms.push_back(seconds_since(t) * 1000);
  }
}

std::int64_t count_rows(app::App& app, const char* table) {
  return app.store().reads().read([&](store::Connection& c) {
    return c.exec(std::string("SELECT COUNT(*) FROM ") + table).rows.at(0).i64(0);
  });
}

std::string china_time(std::int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000 + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &tm);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string db;
    int parcels = 5000, pushes = 4, clients = 16;
    for (int i = 1; i + 1 < argc; i += 2) {
      std::string a = argv[i];
      if (a == "--db") db = argv[i + 1];
      else if (a == "--parcels") parcels = std::atoi(argv[i + 1]);
      else if (a == "--pushes") pushes = std::atoi(argv[i + 1]);
      else if (a == "--clients") clients = std::atoi(argv[i + 1]);
      else throw std::runtime_error("unknown option " + a);
    }
    // A fresh SQLite file in a folder of its own, removed at the end (after the store below is closed: it is
    // declared first, so it is destroyed last).
    struct TempDir {
      std::filesystem::path path;
      ~TempDir() {
        std::error_code ignored;
        if (!path.empty()) std::filesystem::remove_all(path, ignored);
      }
    } temp_dir;
    if (db.empty()) {
      temp_dir.path = std::filesystem::temp_directory_path() / ("daifa-tracking-bench-" + std::to_string(::getpid()));
      std::filesystem::create_directories(temp_dir.path);
      db = "sqlite:" + (temp_dir.path / "bench.db").string();
    }
    app::init_crypto();
    app::SystemClock clock;
    IdGenerator ids(1);
    store::Store store(db, store::StoreOptions{}, clock.now().unix_ms);
    app::App app(store, clock, ids);
    app::load_demo(app);

    // Set-up: stock for every order, then N one-line orders shipped with SF numbers.
    auto started = Steady::now();
    Id channel = 0;
    std::vector<std::string> skus;
    store.writer().run([&](store::Tx& tx) {
      tx.exec("UPDATE offers SET stock = 100000000");
      channel = tx.exec("SELECT id FROM channels WHERE distributor_id IS NULL ORDER BY id LIMIT 1").rows.at(0).i64(0);
      for (const auto& r : tx.exec("SELECT DISTINCT v.sku FROM offers o JOIN variants v ON v.id = o.variant_id WHERE o.active = 1 "
                                  "AND o.currency = 'CNY' ORDER BY v.sku LIMIT 50").rows) {
        skus.push_back(r.text(0));
      }
    });
    const Currency cny = *Currency::parse("CNY");
    constexpr int kPerCommand = 250;
    for (int first = 0; first < parcels; first += kPerCommand) {
      store.writer().run([&](store::Tx& tx) {
        for (int i = first; i < std::min(parcels, first + kPerCommand); ++i) {
          OrderDraft d;
          d.channel_id = channel;
          d.external_id = "TB-" + std::to_string(i);
          const std::string phone = "139" + std::to_string(10'000'000 + i);
          d.customer = Customer{"压测客户", phone, ""};
          d.shipping_address = ShippingAddress{"压测客户", phone, "CN", "广东省", "深圳市", "南山区", "科技园南路 8 号", ""};
          d.lines.push_back(DraftLine{skus[static_cast<std::size_t>(i) % skus.size()], 1, Money{99'900, cny}});
          auto r = app::intake_order(tx, app, Scope{}, app::Actor{"bench"}, std::move(d));
          if (!r || !r->order.lines.at(0).purchase_order_id) throw std::runtime_error("order not purchased");
          const Id po = *r->order.lines.at(0).purchase_order_id;
          if (!app::accept_purchase_order(tx, app, Scope{}, app::Actor{"bench"}, po)) throw std::runtime_error("accept");
          char number[32];
          std::snprintf(number, sizeof number, "SFB%09d", i);
          if (!app::ship_purchase_order(tx, app, Scope{}, app::Actor{"bench"}, po, "SF", number)) {
            throw std::runtime_error("ship");
          }
        }
      });
    }
    struct Parcel {
      std::string number, salt;
    };
    std::vector<Parcel> subs;
    store.reads().read([&](store::Connection& c) {
      for (const auto& r : c.exec("SELECT number, salt FROM tracking_subscriptions ORDER BY number").rows) {
        subs.push_back(Parcel{r.text(0), r.text(1)});
      }
    });
    std::fprintf(stderr, "set-up: %zu parcels shipped and subscribed in %.1f s\n", subs.size(), seconds_since(started));

    // The pushes, made before the clock starts: round k of every parcel before round k + 1.
    std::vector<std::string> bodies;
    const std::int64_t t0 = clock.now().unix_ms - 3 * 24 * 3600 * 1000LL;
    for (int k = 1; k <= pushes; ++k) {
      for (std::size_t p = 0; p < subs.size(); ++p) {
        json::array data;
        for (int e = k; e >= 1; --e) {
          const std::string t = china_time(t0 + e * 3'600'000LL + static_cast<std::int64_t>(p) * 1000);
          data.push_back(json::object{{"context", "【深圳市】快件第 " + std::to_string(e) + " 站"}, {"time", t}, {"ftime", t}});
        }
        const bool last = k == pushes;
        json::object param{{"status", last ? "shutdown" : "polling"},
                           {"message", ""},
                           {"lastResult", json::object{{"state", last ? "3" : "0"},
                                                       {"ischeck", last ? "1" : "0"},
                                                       {"com", "shunfeng"},
                                                       {"nu", subs[p].number},
                                                       {"data", std::move(data)}}}};
        const std::string text = json::serialize(param);
        bodies.push_back(integrations::encode_form({{"param", text}, {"sign", integrations::kuaidi100_sign(text, subs[p].salt)}}));
      }
    }

    http::Metrics metrics;
    http::Api api(app, metrics);
    http::add_all_routes(api);
    http::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    http::Server server(server_options, [&](http::Request& req) { return api.handle(req); });
    const std::uint16_t port = server.start();

    const std::int64_t events_before = count_rows(app, "tracking_events");
    std::size_t next = 0;  // the clients share one thread: plain counters
    std::int64_t failures = 0;
    std::vector<double> latency_ms;
    latency_ms.reserve(bodies.size());
    std::exception_ptr client_error;
    net::io_context client_ioc(1);
    for (int c = 0; c < clients; ++c) {
      net::co_spawn(client_ioc, push_all(port, bodies, next, failures, latency_ms), [&](std::exception_ptr e) {
        if (e && !client_error) client_error = e;
      });
    }
    const double cpu_before = process_cpu_s();
    const double clients_cpu_before = cpu_s(RUSAGE_THREAD);
    started = Steady::now();
    client_ioc.run();  // the clients run on this thread
    const double clients_cpu_s = cpu_s(RUSAGE_THREAD) - clients_cpu_before;
    if (client_error) std::rethrow_exception(client_error);
    const double elapsed = seconds_since(started);
    const double process_s = process_cpu_s() - cpu_before;
    const std::int64_t events = count_rows(app, "tracking_events") - events_before;
    const std::int64_t delivered = store.reads().read([&](store::Connection& c) {
      return c.exec("SELECT COUNT(*) FROM orders WHERE status = 'delivered'").rows.at(0).i64(0);
    });
    std::sort(latency_ms.begin(), latency_ms.end());
    auto pct = [&](double p) { return latency_ms.empty() ? 0.0 : latency_ms[static_cast<std::size_t>(p * (latency_ms.size() - 1))]; };
    std::printf("parcels %zu, pushes %zu (%d per parcel), clients %d, failures %lld\n", subs.size(), bodies.size(),
                pushes, clients, static_cast<long long>(failures));
    std::printf("elapsed %.2f s: %.0f pushes/s, %.0f new tracking events/s (%lld events), orders delivered %lld\n",
                elapsed, bodies.size() / elapsed, events / elapsed, static_cast<long long>(events),
                static_cast<long long>(delivered));
    std::printf("latency p50 %.2f ms, p99 %.2f ms\n", pct(0.50), pct(0.99));
    std::printf("process CPU %.2f s: %.1f us per push (server, writer and clients together; the clients' thread "
                "%.1f us)\n",
                process_s, process_s * 1e6 / static_cast<double>(bodies.size()),
                clients_cpu_s * 1e6 / static_cast<double>(bodies.size()));
    server.shutdown();
    store.close();
    return failures == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tracking_bench: %s\n", e.what());
    return 2;
  }
}
