// Offer sync over real HTTP: a supplier pushes stock and cost changes for every one of its offers in batches
// of 1,000 through POST /api/v1/offers/sync, from several concurrent clients, to a real server on a SQLite
// file (WAL, synchronous=FULL: a batch is answered only once durable). Reports durable offer updates per
// second (each update journaled: one stock row and one cost row), where the time goes, and the latency of
// GET /api/v1/offers?sku=.
//
// Usage: offer_sync_bench [--offers N] [--batch N] [--clients N] [--passes N] [--lookups N] [--db sqlite:PATH]
//                         [--writer-pragma SQL]  (a PRAGMA for the writer's connection, to measure its effect)
// Build it in a Release tree (see bench/results/offer_sync.md for the commands and the figures).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/catalog/suppliers.h"
#include "app/crypto.h"
#include "http/api/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/catalog/offer_repo.h"
#include "store/catalog/product_repo.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace json = boost::json;
using Steady = std::chrono::steady_clock;
using namespace daifa;

struct Options {
  std::int64_t offers = 100'000;
  std::int64_t batch = 1'000;
  int clients = 4;
  int passes = 1;          // how many times every offer is changed
  int lookups = 2'000;     // GET /offers?sku= calls for the latency figures
  std::string db;          // default: a fresh file in a temporary folder
  std::string writer_pragma;  // e.g. "PRAGMA cache_size=-262144": run on the writer's connection, to measure
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--offers") o.offers = std::stoll(value());
    else if (a == "--batch") o.batch = std::stoll(value());
    else if (a == "--clients") o.clients = std::stoi(value());
    else if (a == "--passes") o.passes = std::stoi(value());
    else if (a == "--lookups") o.lookups = std::stoi(value());
    else if (a == "--db") o.db = value();
    else if (a == "--writer-pragma") o.writer_pragma = value();
    else throw std::invalid_argument("unknown option " + a);
  }
  return o;
}

double seconds_since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }

// One keep-alive HTTP/1.1 connection, blocking: the way an integration pushes.
class Client {
 public:
  Client(std::uint16_t port, std::string token) : stream_(ioc_), token_(std::move(token)) {
    stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream_.socket().set_option(net::ip::tcp::no_delay(true));
  }

  bhttp::response<bhttp::string_body> request(bhttp::verb verb, const std::string& target, std::string body = {},
                                              const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    bhttp::request<bhttp::string_body> req{verb, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token_.empty()) req.set(bhttp::field::authorization, "Bearer " + token_);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(stream_, req);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(stream_, buffer_, parser);
    return parser.release();
  }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string token_;
};

std::string sku_of(std::int64_t i) { return "BN-" + std::to_string(i); }
std::string supplier_sku_of(std::int64_t i) { return "SUP-" + std::to_string(i); }

// The catalog: products of 10 variants, one offer per variant from the one supplier, loaded straight into
// the store (this is set-up, not what is measured). Opening stock 100, cost 25.00 + 5.00 shipping,
// price 59.00: the pushes below stay clear of every alert threshold.
void load_catalog(app::App& app, Id supplier_id, std::int64_t offers) {
  const Currency cny = *Currency::parse("CNY");
  constexpr std::int64_t kVariantsPerProduct = 10;
  constexpr std::int64_t kOffersPerTransaction = 20'000;
  auto started = Steady::now();
  for (std::int64_t start = 0; start < offers; start += kOffersPerTransaction) {
    const std::int64_t end = std::min(offers, start + kOffersPerTransaction);
    app.store().writer().run([&](store::Tx& tx) {
      for (std::int64_t p = start; p < end; p += kVariantsPerProduct) {
        Product product;
        product.id = app.new_id();
        product.title = "压测商品 " + std::to_string(p / kVariantsPerProduct);
        product.category = "女装";
        product.created_at = product.updated_at = app.now();
        const std::int64_t last = std::min(end, p + kVariantsPerProduct);
        for (std::int64_t v = p; v < last; ++v) {
          Variant variant;
          variant.id = app.new_id();
          variant.product_id = product.id;
          variant.sku = sku_of(v);
          variant.price = Money{5900, cny};
          variant.weight_g = 200;
          product.variants.push_back(variant);
        }
        store::insert_product(tx.conn(), product);
        for (std::int64_t v = p; v < last; ++v) {
          const Variant& variant = product.variants[static_cast<std::size_t>(v - p)];
          Offer o;
          o.created_at = o.updated_at = app.now();
          o.id = app.new_id();
          o.supplier_id = supplier_id;
          o.variant_id = variant.id;
          o.sku = variant.sku;
          o.supplier_sku = supplier_sku_of(v);
          o.cost = Money{2500, cny};
          o.shipping_cost = Money{500, cny};
          o.stock = 100;
          o.lead_time_days = 2;
          const Id stock_row = app.new_id();
          const Id cost_row = app.new_id();
          store::insert_offer(tx.conn(), o, stock_row, cost_row, "bench", "seed");
        }
      }
    });
    if ((end / kOffersPerTransaction) % 10 == 0 || end == offers) {
      std::fprintf(stderr, "  loaded %lld offers (%.0f s)\n", static_cast<long long>(end), seconds_since(started));
    }
  }
}

// Pass p sets stock 100 + p + 1 and alternates the cost between 25.10 and 25.00: every item changes both
// (two journal rows), and no alert becomes due.
std::string batch_body(const std::string& supplier_id, std::int64_t first, std::int64_t count, int pass) {
  std::string body;
  body.reserve(static_cast<std::size_t>(count) * 80 + 64);
  body += R"({"supplier_id":")" + supplier_id + R"(","items":[)";
  const std::string stock = std::to_string(100 + pass + 1);
  const std::string cost = pass % 2 == 0 ? "2510" : "2500";
  for (std::int64_t i = first; i < first + count; ++i) {
    if (i != first) body += ',';
    body += R"({"supplier_sku":")" + supplier_sku_of(i) + R"(","stock":)" + stock + R"(,"cost":{"amount":)" + cost +
            R"(,"currency":"CNY"}})";
  }
  body += "]}";
  return body;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  return v[idx];
}

// CPU seconds used so far by the writer's thread: measured by a command that runs on that thread. Unlike
// wall time, this does not depend on what else the machine is doing.
double writer_cpu_s(store::Store& store) {
  return store.writer().run([](store::Tx&) {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  });
}

std::int64_t count_rows(app::App& app, const char* table) {
  return app.store().reads().read([&](store::Connection& c) {
    return c.exec(std::string("SELECT COUNT(*) FROM ") + table).one().i64(0);
  });
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options opt = parse_options(argc, argv);
    std::string dir;
    if (opt.db.empty()) {
      dir = (std::filesystem::temp_directory_path() / ("daifa-bench-" + std::to_string(::getpid()))).string();
      std::filesystem::create_directories(dir);
      opt.db = "sqlite:" + dir + "/bench.db";
    }
    app::init_crypto();
    app::SystemClock clock;
    IdGenerator ids(1);
    std::atomic<std::int64_t> commits{0}, committed_commands{0}, commit_us{0};
    store::Store store(opt.db, store::StoreOptions{}, clock.now().unix_ms, [&](std::size_t n, std::int64_t us) {
      ++commits;
      committed_commands += static_cast<std::int64_t>(n);
      commit_us += us;
    });
    app::App app(store, clock, ids);
    if (!opt.writer_pragma.empty()) {
      store.writer().run([&](store::Tx& tx) { tx.conn().exec_script(opt.writer_pragma); });
    }

    // One supplier, its API user, and the catalog.
    Supplier s;
    s.name = "压测供应商";
    s.contact = Contact{"王", "13800000000", ""};
    auto supplier = store.writer().run([&](store::Tx& tx) { return app::create_supplier(tx, app, s); });
    if (!supplier) throw std::runtime_error(supplier.failure().detail);
    const std::string supplier_id = id_to_string(supplier->id);
    const std::string email = "bench-supplier@daifa.test", password = "bench-password-123";
    auto prepared = app::prepare_user(app, app::NewUser{email, password, Role::supplier, supplier->id, std::nullopt});
    if (!prepared) throw std::runtime_error(prepared.failure().detail);
    auto user = store.writer().run([&](store::Tx& tx) { return app::insert_prepared_user(tx, *prepared); });
    if (!user) throw std::runtime_error(user.failure().detail);
    std::fprintf(stderr, "loading %lld offers into %s\n", static_cast<long long>(opt.offers), opt.db.c_str());
    auto load_started = Steady::now();
    load_catalog(app, supplier->id, opt.offers);
    const double load_s = seconds_since(load_started);

    http::Metrics metrics;
    http::Api api(app, metrics);
    http::add_all_routes(api);
    http::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    http::Server server(server_options, [&](http::Request& req) { return api.handle(req); });
    const std::uint16_t port = server.start();

    // Sign in as the supplier over HTTP and take an API token, as an integration would.
    std::string token;
    {
      Client c(port, "");
      auto login = c.request(bhttp::verb::post, "/api/v1/auth/login",
                             json::serialize(json::object{{"email", email}, {"password", password}}));
      if (login.result_int() != 200) throw std::runtime_error("login failed: " + login.body());
      std::string cookie(login[bhttp::field::set_cookie]);
      cookie = cookie.substr(0, cookie.find(';'));
      std::string csrf(json::parse(login.body()).at("csrf_token").as_string());
      auto created = c.request(bhttp::verb::post, "/api/v1/tokens", R"({"name":"bench"})",
                               {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
      if (created.result_int() != 201) throw std::runtime_error("token failed: " + created.body());
      token = std::string(json::parse(created.body()).at("token").as_string());
    }

    // The request bodies are made before the clock starts: the client's own work is not the server's.
    std::vector<std::string> bodies;
    for (int pass = 0; pass < opt.passes; ++pass) {
      for (std::int64_t first = 0; first < opt.offers; first += opt.batch) {
        bodies.push_back(batch_body(supplier_id, first, std::min(opt.batch, opt.offers - first), pass));
      }
    }
    const std::int64_t journal_before = count_rows(app, "offer_journal");
    commits = 0;
    committed_commands = 0;
    commit_us = 0;
    const double cpu_before = writer_cpu_s(store);

    std::atomic<std::size_t> next{0};
    std::atomic<std::int64_t> applied{0}, other{0};
    std::vector<double> batch_ms;
    std::mutex batch_mu;
    auto started = Steady::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < opt.clients; ++c) {
      clients.emplace_back([&] {
        Client client(port, token);
        std::vector<double> mine;
        for (std::size_t i; (i = next++) < bodies.size();) {
          auto t0 = Steady::now();
          auto res = client.request(bhttp::verb::post, "/api/v1/offers/sync", bodies[i]);
          mine.push_back(seconds_since(t0) * 1000);
          if (res.result_int() != 200) throw std::runtime_error("sync failed: " + res.body());
          auto report = json::parse(res.body()).as_object();
          applied += report.at("applied").as_int64();
          other += report.at("unchanged").as_int64() + report.at("refused").as_int64();
        }
        std::lock_guard lock(batch_mu);
        batch_ms.insert(batch_ms.end(), mine.begin(), mine.end());
      });
    }
    for (auto& t : clients) t.join();
    const double sync_s = seconds_since(started);
    const double writer_cpu = writer_cpu_s(store) - cpu_before;
    const std::int64_t journal_rows = count_rows(app, "offer_journal") - journal_before;

    // Where the time goes: parsing one batch's JSON alone, and the writer's share of the wall time.
    auto parse_started = Steady::now();
    constexpr int kParses = 50;
    for (int i = 0; i < kParses; ++i) {
      auto v = json::parse(bodies[static_cast<std::size_t>(i) % bodies.size()]);
      (void)v;
    }
    const double parse_ms = seconds_since(parse_started) * 1000 / kParses;

    // GET /offers?sku= latency, one client, random SKUs.
    std::vector<double> get_ms;
    {
      Client client(port, token);
      std::mt19937_64 rng(42);
      std::uniform_int_distribution<std::int64_t> pick(0, opt.offers - 1);
      for (int i = 0; i < opt.lookups; ++i) {
        std::string target = "/api/v1/offers?sku=" + sku_of(pick(rng));
        auto t0 = Steady::now();
        auto res = client.request(bhttp::verb::get, target);
        get_ms.push_back(seconds_since(t0) * 1000);
        if (res.result_int() != 200 || res.body().find("\"items\":[{") == std::string::npos) {
          throw std::runtime_error("lookup failed: " + res.body());
        }
      }
    }
    // The floor under that latency: the same connection, an unauthenticated route that reads nothing.
    std::vector<double> health_ms;
    {
      Client client(port, "");
      for (int i = 0; i < std::min(opt.lookups, 500); ++i) {
        auto t0 = Steady::now();
        auto res = client.request(bhttp::verb::get, "/healthz");
        health_ms.push_back(seconds_since(t0) * 1000);
      }
    }
    server.shutdown();
    store.close();

    const double rate = static_cast<double>(applied) / sync_s;
    std::printf("offers=%lld batch=%lld clients=%d passes=%d load_s=%.1f\n", static_cast<long long>(opt.offers),
                static_cast<long long>(opt.batch), opt.clients, opt.passes, load_s);
    std::printf("sync: applied=%lld other=%lld seconds=%.3f updates_per_s=%.0f journal_rows=%lld\n",
                static_cast<long long>(applied.load()), static_cast<long long>(other.load()), sync_s, rate,
                static_cast<long long>(journal_rows));
    std::printf("sync: batch_ms p50=%.1f p99=%.1f max=%.1f\n", percentile(batch_ms, 0.5), percentile(batch_ms, 0.99),
                percentile(batch_ms, 1.0));
    std::printf("writer: commits=%lld commands_per_commit=%.2f busy_s=%.3f busy_share=%.0f%%\n",
                static_cast<long long>(commits.load()),
                commits ? static_cast<double>(committed_commands) / static_cast<double>(commits) : 0.0,
                static_cast<double>(commit_us) / 1e6, 100.0 * static_cast<double>(commit_us) / 1e6 / sync_s);
    std::printf("writer: cpu_s=%.3f cpu_us_per_update=%.2f (the rate if the writer had a core to itself: %.0f/s)\n",
                writer_cpu, writer_cpu * 1e6 / static_cast<double>(std::max<std::int64_t>(1, applied)),
                static_cast<double>(applied) / std::max(writer_cpu, 1e-9));
    std::printf("json: parse_one_batch_ms=%.2f\n", parse_ms);
    std::printf("get_by_sku: n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", opt.lookups, percentile(get_ms, 0.5),
                percentile(get_ms, 0.99), percentile(get_ms, 1.0));
    std::printf("healthz: p50_ms=%.2f p99_ms=%.2f\n", percentile(health_ms, 0.5), percentile(health_ms, 0.99));
    if (!dir.empty()) std::filesystem::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "offer_sync_bench: %s\n", e.what());
    return 1;
  }
}
