// Webhook deliveries per second to a local receiver, and the time from commit to first delivery attempt
// (issue #6). Usage:
//   webhook_bench [--db sqlite:PATH] [--events 20000] [--workers 16] [--batch 500]
//                 [--latency-events 1000] [--latency-interval-ms 5]
// Phase 1 (throughput): N outbox events are written (not timed), one merchant subscription ("*") points at a
// receiver on 127.0.0.1 (keep-alive, answers 200 at once, one thread per connection); then the timed part:
// NotificationDispatcher::run_once until every event has reached the receiver and been recorded — fan-out,
// claims, HTTP attempts with signatures, results — all through the store's writer.
// Phase 2 (latency): the dispatcher's background thread runs; events are committed one at a time every
// interval, each commit ringing App::commits() as RequestContext::write does; the receiver notes when each
// event id arrives. Latency = arrival − the moment the commit returned.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "integrations/notify/dispatcher.h"
#include "store/orders/ledger_repo.h"
#include "store/store.h"

namespace {

using namespace daifa;
using Steady = std::chrono::steady_clock;

// A minimal HTTP/1.1 receiver: one thread per connection, keep-alive, 200 with an empty body.
class Receiver {
 public:
  Receiver() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 256) != 0) std::exit(3);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    std::thread([this] {
      for (;;) {
        int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        int one = 1;
        ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::thread([this, c] { serve(c); }).detach();
      }
    }).detach();
  }
  int port() const { return port_; }
  std::int64_t count() const { return count_.load(); }
  void watch(bool on) { watching_ = on; }
  std::map<std::string, Steady::time_point> arrivals() {
    std::lock_guard lock(mu_);
    return arrivals_;
  }
  bool wait_arrivals(std::size_t n, std::chrono::seconds limit) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return arrivals_.size() >= n; });
  }

 private:
  void serve(int c) {
    std::string buf;
    char chunk[65536];
    for (;;) {
      std::size_t head_end;
      while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(c, chunk, sizeof chunk, 0);
        if (n <= 0) return (void)::close(c);
        buf.append(chunk, static_cast<std::size_t>(n));
      }
      std::string head = buf.substr(0, head_end);
      std::size_t length = 0;
      std::string event_id;
      for (std::size_t pos = 0; pos < head.size();) {
        std::size_t end = head.find("\r\n", pos);
        if (end == std::string::npos) end = head.size();
        std::string line = head.substr(pos, end - pos);
        std::string lower = line;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (lower.rfind("content-length:", 0) == 0) length = std::stoul(line.substr(15));
        if (lower.rfind("x-daifa-event-id:", 0) == 0) event_id = line.substr(line.find_first_not_of(' ', 17));
        pos = end + 2;
      }
      while (buf.size() < head_end + 4 + length) {
        ssize_t n = ::recv(c, chunk, sizeof chunk, 0);
        if (n <= 0) return (void)::close(c);
        buf.append(chunk, static_cast<std::size_t>(n));
      }
      buf.erase(0, head_end + 4 + length);
      if (watching_) {
        auto now = Steady::now();
        std::lock_guard lock(mu_);
        arrivals_.emplace(event_id, now);
        cv_.notify_all();
      }
      ++count_;
      static const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
      if (::send(c, kOk.data(), kOk.size(), MSG_NOSIGNAL) <= 0) return (void)::close(c);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<std::int64_t> count_{0};
  std::atomic<bool> watching_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Steady::time_point> arrivals_;
};

std::string payload(Id id, int i) {
  return R"({"order_id":"7241865123456789504","channel_id":"7241865123456789000","external_id":"DF-)" +
         std::to_string(i) + R"(","status":"routed","distributor_id":null,"event_id":")" + id_to_string(id) +
         R"(","type":"order.approved","at":"2026-11-25T02:15:30.123Z"})";
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long events = 20'000, workers = 16, batch = 500, latency_events = 1'000, interval_ms = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") db = v;
    else if (k == "--events") events = std::stol(v);
    else if (k == "--workers") workers = std::stol(v);
    else if (k == "--batch") batch = std::stol(v);
    else if (k == "--latency-events") latency_events = std::stol(v);
    else if (k == "--latency-interval-ms") interval_ms = std::stol(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  std::filesystem::path dir;
  if (db.empty()) {
    dir = std::filesystem::temp_directory_path() / ("webhook_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    db = "sqlite:" + (dir / "bench.db").string();
  }
  app::SystemClock clock;
  store::Store store(db, {}, clock.now().unix_ms);
  IdGenerator ids(1);
  app::App app(store, clock, ids);
  Receiver receiver;

  const std::string url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/daifa";
  store.writer().run([&](store::Tx& tx) {
    tx.exec("INSERT INTO webhook_subscriptions (id, url, events, secret, active, description, created_at, updated_at, "
            "version) VALUES (?, ?, '[\"*\"]', 'whsec_bench_secret_0123456789abcdef', 1, 'bench', 0, 0, 1)",
            {app.new_id(), url});
  });
  auto write_events = [&](long n, long chunk) {
    for (long done = 0; done < n; done += chunk) {
      store.writer().run([&](store::Tx& tx) {
        std::vector<store::OutboxEvent> rows;
        for (long i = done; i < std::min(n, done + chunk); ++i) {
          Id id = app.new_id();
          rows.push_back(store::OutboxEvent{id, "order.approved", payload(id, static_cast<int>(i)), app.now(), std::nullopt});
        }
        store::insert_outbox(tx.conn(), rows);
      });
    }
  };

  integrations::DispatcherOptions options;
  options.workers = static_cast<std::size_t>(workers);
  options.batch = static_cast<std::size_t>(batch);
  options.webhook_timeout_ms = 10'000;

  // Phase 1: throughput.
  write_events(events, 1'000);
  {
    integrations::NotificationDispatcher dispatcher(app, options);
    rusage ru0{};
    ::getrusage(RUSAGE_SELF, &ru0);
    auto started = Steady::now();
    std::size_t passes = 0;
    while (receiver.count() < events) {
      dispatcher.run_once();
      ++passes;
    }
    dispatcher.run_once();  // records nothing new; makes sure the last results are written
    double seconds = std::chrono::duration<double>(Steady::now() - started).count();
    rusage ru1{};
    ::getrusage(RUSAGE_SELF, &ru1);
    auto cpu = [](const rusage& r) {
      return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
             static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
    };
    auto delivered = store.reads().read([](store::Connection& c) {
      return c.exec("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'").one().i64(0);
    });
    std::printf("throughput: events=%ld workers=%ld batch=%ld seconds=%.3f deliveries/s=%.0f passes=%zu "
                "recorded_delivered=%lld process_cpu_s=%.2f cpu_us/delivery=%.1f\n",
                events, workers, batch, seconds, static_cast<double>(events) / seconds, passes,
                static_cast<long long>(delivered), cpu(ru1) - cpu(ru0), (cpu(ru1) - cpu(ru0)) * 1e6 / static_cast<double>(events));
  }

  // Phase 2: commit → first attempt.
  {
    integrations::NotificationDispatcher dispatcher(app, options);
    dispatcher.start();
    receiver.watch(true);
    std::map<std::string, Steady::time_point> committed;
    for (long i = 0; i < latency_events; ++i) {
      Id id = app.new_id();
      store.writer().run([&](store::Tx& tx) {
        store::insert_outbox(tx.conn(), {store::OutboxEvent{id, "order.approved", payload(id, static_cast<int>(i)), app.now(), std::nullopt}});
      });
      committed[id_to_string(id)] = Steady::now();
      app.commits().ring();
      std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));  // pacing the load, not synchronising
    }
    bool all = receiver.wait_arrivals(static_cast<std::size_t>(latency_events), std::chrono::seconds(60));
    dispatcher.stop();
    auto arrivals = receiver.arrivals();
    std::vector<double> ms;
    for (const auto& [id, at] : committed) {
      auto it = arrivals.find(id);
      if (it != arrivals.end()) ms.push_back(std::chrono::duration<double, std::milli>(it->second - at).count());
    }
    std::printf("latency: events=%ld interval_ms=%ld arrived=%zu%s p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                latency_events, interval_ms, ms.size(), all ? "" : " (INCOMPLETE)", percentile(ms, 0.50),
                percentile(ms, 0.90), percentile(ms, 0.99), ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
  }
  store.close();
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}
