#pragma once
// Runs the persisted jobs (app/jobs.h) that need the outside world or a clock: the Kuaidi100 subscription
// of each new parcel, the polling of parcels whose carrier is followed by polling, and the periodic
// fulfilment-alert scan. run_once() is one pass, for tests with a ManualClock; start() runs passes on a
// background thread every tick_ms. A job's row is its state: a server killed mid-run runs it again later
// (a subscription sent twice is answered "already subscribed", a poll twice applies nothing new). Several
// nodes on one PostgreSQL may run the same due job at once, with the same harmless result.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "store/jobs/job_repo.h"

namespace daifa::integrations {

struct JobRunnerOptions {
  // Kuaidi100 (快递100). Empty subscribe_url: subscriptions wait (stay scheduled) until one is configured.
  std::string kuaidi100_subscribe_url;  // https://poll.kuaidi100.com/poll
  std::string kuaidi100_query_url;      // https://poll.kuaidi100.com/poll/query.do; empty: polls wait
  std::string kuaidi100_key;
  std::string kuaidi100_customer;       // for the query API's sign
  std::string tracking_callback_url;    // Daifa's public URL of POST /api/v1/tracking/kuaidi100
  std::int64_t timeout_ms = 10'000;
  int max_subscribe_attempts = 10;      // then the job is dead and the subscription failed, with the reason
  int max_poll_failures = 20;
  std::int64_t fulfilment_scan_every_ms = 15 * 60'000;  // 0: no scan job (it also raises feed_late alerts)
  bool feed_pulls = true;  // run the supplier_feed_pull jobs (docs/feeds.md); HTTP limits: AppConfig::feed_*
  std::int64_t tick_ms = 1'000;
  std::size_t batch = 64;
  std::function<void(const std::string& error)> on_error;
};

class JobRunner {
 public:
  JobRunner(app::App& app, JobRunnerOptions options);
  ~JobRunner();  // stop()
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Runs every job due now (of the kinds configured); returns how many ran.
  std::size_t run_once();
  void start();
  void stop();

 private:
  void run(const store::Job& job);
  void subscribe(const store::Job& job);
  void poll(const store::Job& job);
  void scan(const store::Job& job);
  void feed(const store::Job& job);
  std::int64_t backoff_ms(std::int64_t attempts) const;

  app::App& app_;
  JobRunnerOptions options_;
  std::vector<std::string> kinds_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace daifa::integrations
