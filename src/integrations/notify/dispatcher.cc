#include "integrations/notify/dispatcher.h"

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <vector>

#include "app/notify/notify.h"
#include "integrations/notify/mail.h"
#include "integrations/notify/webhook.h"

namespace daifa::integrations {
namespace {

// A lease outlives the attempt it covers by this much, so that a slow recording never makes a second
// dispatcher attempt the same row while the first is still about to record it.
constexpr std::int64_t kLeaseMarginMs = 30'000;
// Batches one pass attempts at most (the background loop starts another pass at once when there was work).
constexpr int kMaxBatchesPerPass = 64;

app::RenderedMail render(const app::ShipmentMailFacts& f) {
  ShipmentNewsKind kind = f.kind == "delivered"   ? ShipmentNewsKind::delivered
                          : f.kind == "exception" ? ShipmentNewsKind::exception
                                                  : ShipmentNewsKind::shipped;
  MailLanguage language = f.language == "zh-CN" ? MailLanguage::zh_cn : MailLanguage::en;
  MailContent c = render_shipment_mail(kind, language, ShipmentNews{f.order_reference, f.carrier, f.tracking_number,
                                                                     f.latest_event});
  return app::RenderedMail{std::move(c.subject), std::move(c.text)};
}

std::string mail_domain(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? std::string("daifa.invalid") : address.substr(at + 1);
}

}  // namespace

// Runs a batch of jobs on a fixed set of threads; a slow job holds up only its own thread. The threads
// live as long as the dispatcher: libcurl's handles are per thread (curl_handle.cc), and a long-lived
// thread keeps its connections to the receivers alive between passes.
class AttemptPool {
 public:
  explicit AttemptPool(std::size_t threads) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) threads_.emplace_back([this] {
      pthread_setname_np(pthread_self(), "daifa-notify-w");
      work();
    });
  }
  ~AttemptPool() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  void run_all(std::vector<std::function<void()>>& jobs) {
    if (jobs.empty()) return;
    std::unique_lock lock(mu_);
    for (auto& j : jobs) queue_.push_back(&j);
    unfinished_ += jobs.size();
    cv_.notify_all();
    done_.wait(lock, [&] { return unfinished_ == 0; });
  }

 private:
  void work() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      std::function<void()>* job = queue_.front();
      queue_.pop_front();
      lock.unlock();
      (*job)();
      lock.lock();
      if (--unfinished_ == 0) done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable done_;
  std::deque<std::function<void()>*> queue_;
  std::size_t unfinished_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

NotificationDispatcher::NotificationDispatcher(app::App& app, DispatcherOptions options)
    : app_(app), options_(std::move(options)), rng_(std::random_device{}()),
      pool_(std::make_unique<AttemptPool>(options_.workers)) {}

NotificationDispatcher::~NotificationDispatcher() { stop(); }

std::size_t NotificationDispatcher::fan_out() {
  std::size_t total = 0;
  for (;;) {
    app::FanOutResult r = app::fan_out_events(app_, options_.batch, render);
    total += r.events;
    if (r.events < options_.batch) return total;
  }
}

std::size_t NotificationDispatcher::fan_out_only() { return fan_out(); }

NotificationDispatcher::Claimed NotificationDispatcher::claim() {
  Claimed c;
  c.deliveries = app::claim_webhook_deliveries(app_, options_.batch, options_.webhook_timeout_ms + kLeaseMarginMs);
  if (!options_.smtp_url.empty()) {
    c.messages = app::claim_customer_messages(app_, options_.batch, options_.mail_timeout_ms + kLeaseMarginMs);
  }
  return c;
}

std::int64_t NotificationDispatcher::retry_delay_ms(int failed_attempt) {
  std::lock_guard lock(rng_mu_);
  // Never 0: a row due again at the very moment it failed would be retried in the same pass.
  return std::max<std::int64_t>(1, next_attempt_delay_ms(failed_attempt, rng_));
}

std::size_t NotificationDispatcher::run_once() {
  std::size_t done = fan_out();
  Claimed batch = claim();
  std::future<void> recording;
  // Batches are pipelined: while one batch's attempts are in flight, the next is claimed (its rows differ:
  // the ones in flight are leased) and the previous one's results are recorded, so the writer and the
  // network overlap. Bounded, so that a pass always ends even while new work keeps coming due.
  for (int round = 0; round < kMaxBatchesPerPass && !(batch.deliveries.empty() && batch.messages.empty()); ++round) {
    auto delivery_results = std::make_shared<std::vector<store::AttemptRecord>>(batch.deliveries.size());
    auto message_results = std::make_shared<std::vector<store::AttemptRecord>>(batch.messages.size());
    std::vector<std::function<void()>> jobs;
    jobs.reserve(batch.deliveries.size() + batch.messages.size());
    for (std::size_t i = 0; i < batch.deliveries.size(); ++i) {
      jobs.emplace_back([this, &d = batch.deliveries[i], &out = (*delivery_results)[i]] {
        // The body is the outbox payload exactly as stored: the signature covers these bytes.
        WebhookDelivery r = deliver_webhook(d.url, id_to_string(d.event_id), d.topic, d.payload, d.secret,
                                            options_.webhook_timeout_ms);
        out.id = d.id;
        out.success = r.delivered;
        out.status_code = r.http_status;
        out.error = r.error;
        const int attempt = static_cast<int>(d.attempts) + 1;
        out.dead = !r.delivered && attempt >= kMaxWebhookAttempts;
        if (!r.delivered && !out.dead) out.next_attempt_at = Timestamp{retry_delay_ms(attempt)};  // made absolute below
      });
    }
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
      jobs.emplace_back([this, &m = batch.messages[i], &out = (*message_results)[i]] {
        out.id = m.id;
        MailSendResult r;
        try {
          MailMessage mail{MailAddress{options_.mail_from_name, options_.mail_from},
                           MailAddress{"", m.to_address},
                           m.subject,
                           m.body,
                           m.created_at,
                           "<customer-message-" + id_to_string(m.id) + "@" + mail_domain(options_.mail_from) + ">"};
          r = send_mail(options_.smtp_url, options_.mail_from, m.to_address, format_mail(mail),
                        options_.mail_timeout_ms);
        } catch (const std::exception& e) {
          r.error = e.what();  // an address format_mail refuses: recorded, and dead after the last try
        }
        out.success = r.sent;
        out.status_code = r.smtp_status;
        out.error = r.sent ? "" : (r.error.empty() ? "SMTP " + std::to_string(r.smtp_status) : r.error);
        const int attempt = static_cast<int>(m.attempts) + 1;
        out.dead = !r.sent && attempt >= options_.max_mail_attempts;
        if (!r.sent && !out.dead) out.next_attempt_at = Timestamp{retry_delay_ms(attempt)};
      });
    }
    done += jobs.size();
    const bool last_round = round + 1 == kMaxBatchesPerPass;  // then no lookahead: nothing is left leased
    std::future<Claimed> next;
    if (!last_round) next = std::async(std::launch::async, [this] { return claim(); });
    pool_->run_all(jobs);
    const Timestamp now = app_.now();
    for (auto* results : {delivery_results.get(), message_results.get()}) {
      for (store::AttemptRecord& r : *results) {
        r.at = now;
        r.next_attempt_at = Timestamp{now.unix_ms + r.next_attempt_at.unix_ms};
      }
    }
    if (recording.valid()) recording.get();
    recording = std::async(std::launch::async, [this, delivery_results, message_results] {
      app::record_attempts(app_, *delivery_results, *message_results);
    });
    batch = last_round ? Claimed{} : next.get();
  }
  if (recording.valid()) recording.get();
  return done;
}

void NotificationDispatcher::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "daifa-notify");
    loop();
  });
}

void NotificationDispatcher::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  app_.commits().ring();
  thread_.join();
}

void NotificationDispatcher::loop() {
  const auto idle = std::chrono::milliseconds(options_.idle_wake_ms);
  while (!stopping_) {
    const std::uint64_t seen = app_.commits().rings();
    std::size_t did = 0;
    try {
      did = run_once();
    } catch (const std::exception& e) {
      // The store is busy or gone for a moment; the rows stay pending and the next wake tries again.
      did = 0;
      if (options_.on_error) options_.on_error(e.what());
    }
    if (did == 0 && !stopping_) app_.commits().wait(seen, idle);
  }
}

}  // namespace daifa::integrations
