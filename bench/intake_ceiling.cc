// intake_ceiling: the intake benchmark's ceiling (issue #5). The same orders as order_load (bench/order_gen.h)
// go through the same use case, app::intake_order — so the same SQL statements, in the same durable
// transactions on the same kind of database — with no HTTP in front: no sockets, no JSON either way, no
// authentication, no response built. What order_load reaches over HTTP divided by this is the share of
// the ceiling the HTTP path keeps (the aim: 60 % or better).
//
// Two ways to feed the writer, one after the other on the same database (each with its own seed, so that
// review does not hold the second as duplicates of the first):
//  - batched: --submitters threads each hand the writer one command of --batch orders at a time; the
//    orders of a command share its savepoint. This is the ceiling: the statements, batched.
//  - per-order: --concurrency threads each hand the writer one order per command, as the HTTP handlers
//    do (one savepoint per order, group commit across threads). The difference to "batched" is the cost
//    of one command per order; the difference to HTTP is everything HTTP adds.
// The drafts are built before the clock starts. Also reports the writer thread's CPU per order (measured
// on that thread), which does not depend on what else the machine is doing.
//
// Usage: intake_ceiling --db sqlite:PATH --channel-id ID --skus-file FILE [--orders N] [--seed S]
//                       [--batch 64] [--submitters 2] [--concurrency 64] [--actor EMAIL] [--mode both|batched|per-order]
//                       [--writer-pragma SQL]  (run on the writer's connection first, to measure a setting)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <time.h>

#include "app/app.h"
#include "app/crypto.h"
#include "app/orders/orders.h"
#include "order_gen.h"
#include "store/store.h"

namespace {

using namespace daifa;
using Steady = std::chrono::steady_clock;

struct CeilingOptions {
  std::string db;
  std::string channel_id;
  std::string skus_file;
  std::int64_t orders = 100'000;
  std::uint64_t seed = 1;
  int batch = 64;
  int submitters = 2;
  int concurrency = 64;
  std::string actor = "intake-bench@daifa.test";
  std::string mode = "both";
  std::string writer_pragma;  // e.g. "PRAGMA cache_size=-262144": run on the writer's connection first, to measure
};

CeilingOptions parse_options(int argc, char** argv) {
  CeilingOptions o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--db") o.db = value();
    else if (a == "--channel-id") o.channel_id = value();
    else if (a == "--skus-file") o.skus_file = value();
    else if (a == "--orders") o.orders = std::stoll(value());
    else if (a == "--seed") o.seed = std::stoull(value());
    else if (a == "--batch") o.batch = std::stoi(value());
    else if (a == "--submitters") o.submitters = std::stoi(value());
    else if (a == "--concurrency") o.concurrency = std::stoi(value());
    else if (a == "--actor") o.actor = value();
    else if (a == "--mode") o.mode = value();
    else if (a == "--writer-pragma") o.writer_pragma = value();
    else throw std::invalid_argument("unknown option " + a);
  }
  if (o.db.empty() || o.channel_id.empty() || o.skus_file.empty()) {
    throw std::invalid_argument("--db, --channel-id and --skus-file are required");
  }
  if (o.orders <= 0 || o.batch <= 0 || o.submitters <= 0 || o.concurrency <= 0) throw std::invalid_argument("bad numbers");
  if (o.mode != "both" && o.mode != "batched" && o.mode != "per-order") throw std::invalid_argument("bad --mode");
  return o;
}

Money cny(std::int64_t minor) { return Money{minor, *Currency::parse("CNY")}; }

OrderDraft draft_of(Id channel_id, const bench::GenOrder& g) {
  OrderDraft d;
  d.channel_id = channel_id;
  d.external_id = g.external_id;
  d.customer = Customer{g.name, g.phone, g.email};
  d.shipping_address = ShippingAddress{g.name, g.phone, "CN", g.province, g.city, g.district, g.line1, g.postal_code};
  for (const auto& l : g.lines) d.lines.push_back(DraftLine{l.sku->sku, l.quantity, cny(l.sku->price_minor)});
  d.shipping_fee = cny(g.shipping_fee_minor);
  d.payment_method = PaymentMethod::prepaid;
  d.paid = cny(g.paid_minor);
  return d;
}

// CPU seconds used so far by the writer's thread, measured by a command that runs on it.
double writer_cpu_s(store::Store& store) {
  return store.writer().run([](store::Tx&) {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  });
}

struct Tally {
  std::atomic<std::int64_t> created{0}, existing{0}, failed{0};
  std::mutex mu;
  std::map<std::string, std::int64_t> statuses;
  std::string first_failure;
  void count(const Outcome<app::IntakeResult>& r) {
    if (!r) {
      ++failed;
      std::lock_guard lock(mu);
      if (first_failure.empty()) first_failure = r.failure().detail;
      return;
    }
    ++(r->created ? created : existing);
    std::lock_guard lock(mu);
    ++statuses[std::string(to_string(r->order.status))];
  }
};

void run_mode(const std::string& mode, const CeilingOptions& opt, std::uint64_t seed, app::App& app,
              const std::vector<bench::Sku>& skus, std::atomic<std::int64_t>& commits,
              std::atomic<std::int64_t>& commands) {
  const Id channel_id = *parse_id(opt.channel_id);
  const std::string prefix = "CEIL-" + mode + "-" + std::to_string(seed) + "-" +
                             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
  std::vector<OrderDraft> drafts;
  drafts.reserve(static_cast<std::size_t>(opt.orders));
  for (std::int64_t n = 0; n < opt.orders; ++n) drafts.push_back(draft_of(channel_id, bench::generate_order(seed, prefix, skus, n)));
  const Scope scope{0, Role::operator_, std::nullopt, std::nullopt};
  const app::Actor actor{opt.actor};
  auto& writer = app.store().writer();

  Tally tally;
  const double cpu0 = writer_cpu_s(app.store());
  commits = 0;
  commands = 0;
  std::atomic<std::size_t> next{0};
  const auto started = Steady::now();
  std::vector<std::thread> threads;
  if (mode == "batched") {
    const auto batch = static_cast<std::size_t>(opt.batch);
    for (int t = 0; t < opt.submitters; ++t) {
      threads.emplace_back([&] {
        for (std::size_t first; (first = next.fetch_add(batch)) < drafts.size();) {
          const std::size_t last = std::min(drafts.size(), first + batch);
          writer.run([&](store::Tx& tx) {
            for (std::size_t i = first; i < last; ++i) {
              tally.count(app::intake_order(tx, app, scope, actor, std::move(drafts[i])));
            }
          });
        }
      });
    }
  } else {
    for (int t = 0; t < opt.concurrency; ++t) {
      threads.emplace_back([&] {
        for (std::size_t i; (i = next++) < drafts.size();) {
          tally.count(writer.run([&](store::Tx& tx) {
            auto r = app::intake_order(tx, app, scope, actor, std::move(drafts[i]));
            if (!r) tx.abort();
            return r;
          }));
        }
      });
    }
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
  const double cpu = writer_cpu_s(app.store()) - cpu0;
  const std::int64_t done = tally.created + tally.existing;
  std::printf("ceiling_%s: orders=%lld created=%lld existing=%lld failed=%lld seconds=%.3f orders_per_s=%.0f\n",
              mode == "batched" ? "batched" : "per_order", static_cast<long long>(opt.orders),
              static_cast<long long>(tally.created.load()), static_cast<long long>(tally.existing.load()),
              static_cast<long long>(tally.failed.load()), seconds, static_cast<double>(done) / seconds);
  std::printf("ceiling_%s: writer_cpu_s=%.2f writer_cpu_us_per_order=%.1f commits=%lld orders_per_commit=%.1f",
              mode == "batched" ? "batched" : "per_order", cpu, cpu * 1e6 / static_cast<double>(std::max<std::int64_t>(1, done)),
              static_cast<long long>(commits.load()),
              commits ? static_cast<double>(done) / static_cast<double>(commits) : 0.0);
  std::printf(" order_statuses:");
  for (const auto& [s, n] : tally.statuses) std::printf(" %s=%lld", s.c_str(), static_cast<long long>(n));
  std::printf("\n");
  if (!tally.first_failure.empty()) std::printf("ceiling_%s: first failure: %s\n", mode.c_str(), tally.first_failure.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const CeilingOptions opt = parse_options(argc, argv);
    if (!parse_id(opt.channel_id)) throw std::invalid_argument("--channel-id must be an id");
    app::init_crypto();
    app::SystemClock clock;
    IdGenerator ids(2);
    std::atomic<std::int64_t> commits{0}, commands{0};
    store::Store store(opt.db, store::StoreOptions{}, clock.now().unix_ms, [&](std::size_t n, std::int64_t) {
      ++commits;
      commands += static_cast<std::int64_t>(n);
    });
    app::App app(store, clock, ids);
    if (!opt.writer_pragma.empty()) {
      store.writer().run([&](store::Tx& tx) { tx.conn().exec_script(opt.writer_pragma); });
    }
    const auto skus = bench::read_skus(opt.skus_file);
    if (opt.mode != "per-order") run_mode("batched", opt, opt.seed, app, skus, commits, commands);
    if (opt.mode != "batched") run_mode("per-order", opt, opt.seed + 1, app, skus, commits, commands);
    store.close();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "intake_ceiling: %s\n", e.what());
    return 1;
  }
}
