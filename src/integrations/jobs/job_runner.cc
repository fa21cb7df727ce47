#include "integrations/jobs/job_runner.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>

#include "app/catalog/feeds.h"
#include "app/catalog/fulfilment_alerts.h"
#include "app/jobs.h"
#include "app/orders/shipments.h"
#include "integrations/carriers/kuaidi100.h"
#include "integrations/catalog/feed_pull.h"

namespace daifa::integrations {

namespace {

app::TrackingReport report_of(const Kuaidi100Push& answer) {
  app::TrackingReport report;
  report.source = "poll";
  if (answer.tracking_status) report.status = parse_shipment_status(to_string(*answer.tracking_status));
  for (const auto& e : answer.events) report.scans.push_back(TrackingScan{e.at, e.text});
  return report;
}

}  // namespace

JobRunner::JobRunner(app::App& app, JobRunnerOptions options) : app_(app), options_(std::move(options)) {
  if (!options_.kuaidi100_subscribe_url.empty()) kinds_.emplace_back(app::kJobKuaidi100Subscribe);
  if (!options_.kuaidi100_query_url.empty()) kinds_.emplace_back(app::kJobTrackingPoll);
  if (options_.feed_pulls) kinds_.emplace_back(app::kJobFeedPull);
  if (options_.fulfilment_scan_every_ms > 0) {
    kinds_.emplace_back(app::kJobFulfilmentScan);
    // The scan is one recurring job; scheduling it again keeps the earlier of the two times.
    app::schedule_job(app_, app::kJobFulfilmentScan, 0, app_.now());
  }
}

JobRunner::~JobRunner() { stop(); }

std::int64_t JobRunner::backoff_ms(std::int64_t attempts) const {
  // 30 s, 1 min, 2 min … capped at 1 h.
  const std::int64_t shift = std::min<std::int64_t>(attempts, 7);
  return std::min<std::int64_t>(30'000LL << shift, 3'600'000);
}

std::size_t JobRunner::run_once() {
  std::size_t ran = 0;
  for (const store::Job& job : app::due_jobs(app_, kinds_, options_.batch)) {
    run(job);
    ++ran;
  }
  return ran;
}

void JobRunner::run(const store::Job& job) {
  if (job.kind == app::kJobKuaidi100Subscribe) subscribe(job);
  else if (job.kind == app::kJobTrackingPoll) poll(job);
  else if (job.kind == app::kJobFulfilmentScan) scan(job);
  else if (job.kind == app::kJobFeedPull) feed(job);
}

void JobRunner::subscribe(const store::Job& job) {
  auto task = app::tracking_task(app_, job.subject_id);
  if (!task || !task->subscription) {
    app::job_succeeded(app_, job, std::nullopt);  // nothing left to subscribe
    return;
  }
  Kuaidi100Subscription s;
  s.company = task->subscription->company;
  s.number = task->subscription->number;
  s.key = options_.kuaidi100_key;
  s.callback_url = options_.tracking_callback_url;
  s.salt = task->subscription->salt;
  s.phone = task->receiver_phone;
  Kuaidi100SubscribeResult r = subscribe_kuaidi100(options_.kuaidi100_subscribe_url, s, options_.timeout_ms);
  // 200: subscribed; 501: already subscribed (a retry of a subscription that went through).
  if (r.answer && (r.answer->result || r.answer->return_code == "501")) {
    app::set_tracking_subscription_state(app_, job.subject_id, "subscribed", "");
    app::job_succeeded(app_, job, std::nullopt);
    return;
  }
  const std::string error =
      r.answer ? "Kuaidi100 " + r.answer->return_code + ": " + r.answer->message : r.error;
  const bool last = job.attempts + 1 >= options_.max_subscribe_attempts;
  if (last) app::set_tracking_subscription_state(app_, job.subject_id, "failed", error);
  app::job_failed(app_, job, error, backoff_ms(job.attempts), options_.max_subscribe_attempts);
}

void JobRunner::poll(const store::Job& job) {
  auto task = app::tracking_task(app_, job.subject_id);
  if (!task || task->shipment.status == "delivered" || task->shipment.status == "returned") {
    app::job_succeeded(app_, job, std::nullopt);  // nothing more will come
    return;
  }
  Kuaidi100Query q{task->company, task->shipment.tracking_number, options_.kuaidi100_customer,
                   options_.kuaidi100_key, task->receiver_phone};
  Kuaidi100QueryResult r = query_kuaidi100(options_.kuaidi100_query_url, q, options_.timeout_ms);
  if (!r.answer) {
    app::job_failed(app_, job, r.error, backoff_ms(job.attempts), options_.max_poll_failures);
    return;
  }
  const app::TrackingReport report = report_of(*r.answer);
  auto applied = app_.store().writer().run([&](store::Tx& tx) {
    return app::apply_tracking(tx, app_, Scope{}, app::Actor{"carrier:poll"}, job.subject_id, report);
  });
  if (applied && applied->status_changed) app_.commits().ring();  // the news goes out now
  const bool finished = applied && (applied->shipment.status == "delivered" || applied->shipment.status == "returned");
  app::job_succeeded(app_, job, finished ? std::nullopt
                                         : std::optional<Timestamp>(app_.now() + app_.config().tracking_poll_interval_ms));
}

void JobRunner::scan(const store::Job& job) {
  int raised = app_.store().writer().run([&](store::Tx& tx) {
    return app::scan_fulfilment_alerts(tx, app_, app::FulfilmentAlertPolicy{}) + app::scan_feed_alerts(tx, app_);
  });
  if (raised > 0) app_.commits().ring();
  app::job_succeeded(app_, job, app_.now() + options_.fulfilment_scan_every_ms);
}

void JobRunner::feed(const store::Job& job) {
  auto feed = app::feed_to_pull(app_, job.subject_id);
  if (!feed || !feed->active) {
    app::job_succeeded(app_, job, std::nullopt);  // paused or gone: an edit that re-activates it schedules it again
    return;
  }
  auto run = pull_feed(app_, Scope{}, feed->id, FeedRunCause::schedule);
  // A failed pull is a recorded run, not a failed job: the feed's failure count brings the next try sooner.
  const std::int64_t failures = run && run->outcome == FeedOutcome::ok ? 0 : feed->failures + 1;
  app::job_succeeded(app_, job, next_feed_pull(*feed, app_.now(), failures));
}

void JobRunner::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "daifa-jobs");
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      try {
        run_once();
      } catch (const std::exception& e) {
        if (options_.on_error) options_.on_error(e.what());
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::milliseconds(options_.tick_ms), [this] { return stopping_; });
    }
  });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace daifa::integrations
