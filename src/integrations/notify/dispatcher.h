#pragma once
// The notification dispatcher: fans the outbox out into webhook deliveries and customer messages
// (app/notify), attempts what is due — webhooks over HTTP, mail over SMTP — in parallel, each attempt
// bounded by its timeout, and records every outcome with the retry schedule of webhook.h.
//
// run_once() is one pass, for tests (with a ManualClock) and for the background thread that start() runs:
// it wakes when a commit rang App::commits() (RequestContext::write rings it), and every idle_wake_ms for
// retries that came due. A dispatcher that dies mid-attempt loses nothing: the rows are leased, not taken,
// and come due again when the lease ends (at least once; receivers de-duplicate by X-Daifa-Event-Id).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "store/notify/notify_repo.h"

namespace daifa::integrations {

struct DispatcherOptions {
  std::int64_t webhook_timeout_ms = 10'000;  // one attempt, the whole exchange
  std::int64_t mail_timeout_ms = 30'000;
  std::string smtp_url;        // "smtp://host:port"; empty: customer messages wait (stay pending)
  std::string mail_from;       // envelope and From address
  std::string mail_from_name;  // From display name, e.g. the shop's name
  int max_mail_attempts = 8;
  std::size_t batch = 500;     // outbox rows per fan-out, deliveries per claim
  std::size_t workers = 16;    // attempts in flight at once
  std::int64_t idle_wake_ms = 1'000;
  // Told when a background pass failed (the store busy or gone); the work stays pending and is retried.
  std::function<void(const std::string& error)> on_error;
};

class AttemptPool;  // the worker threads: long-lived, so each keeps its curl handle's live connections

class NotificationDispatcher {
 public:
  NotificationDispatcher(app::App& app, DispatcherOptions options);
  ~NotificationDispatcher();  // stop()
  NotificationDispatcher(const NotificationDispatcher&) = delete;
  NotificationDispatcher& operator=(const NotificationDispatcher&) = delete;

  // One pass: fan out every undispatched outbox row, then claim the due deliveries and messages batch by
  // batch, attempt each batch concurrently and record the results, until nothing is due (at most 64
  // batches). Returns the outbox rows fanned out plus the attempts made (0: nothing to do).
  std::size_t run_once();
  // Only fans out (no attempts): what a server killed right after would have left behind.
  std::size_t fan_out_only();

  void start();
  // Finishes the pass in progress and joins the thread. Call before the store's writer stops.
  void stop();

 private:
  struct Claimed {
    std::vector<store::DueDelivery> deliveries;
    std::vector<store::CustomerMessage> messages;
  };
  void loop();
  std::size_t fan_out();
  Claimed claim();
  std::int64_t retry_delay_ms(int failed_attempt);

  app::App& app_;
  DispatcherOptions options_;
  std::mutex rng_mu_;
  std::mt19937_64 rng_;
  std::unique_ptr<AttemptPool> pool_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace daifa::integrations
