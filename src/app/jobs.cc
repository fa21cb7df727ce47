#include "app/jobs.h"

namespace daifa::app {

void schedule_job(store::Tx& tx, App& app, std::string_view kind, Id subject_id, Timestamp run_at) {
  store::schedule_job(tx.conn(), app.new_id(), kind, subject_id, run_at, app.now());
}

std::vector<store::Job> due_jobs(App& app, const std::vector<std::string>& kinds, std::size_t limit) {
  const Timestamp now = app.now();
  auto jobs = app.store().reads().read([&](store::Connection& c) { return store::due_jobs(c, kinds, now, limit); });
  // A job acts on the outside world (subscribes a parcel, pulls a feed): only once what it was read from is
  // durable, so that a crash cannot leave the world told of a shipment the restarted store never had.
  if (!jobs.empty()) app.store().writer().wait_durable();
  return jobs;
}

std::optional<store::Job> find_job(App& app, std::string_view kind, Id subject_id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_job(c, kind, subject_id); });
}

void schedule_job(App& app, std::string_view kind, Id subject_id, Timestamp run_at) {
  app.store().writer().run([&](store::Tx& tx) { schedule_job(tx, app, kind, subject_id, run_at); });
}

std::optional<Timestamp> next_job_time(App& app) {
  return app.store().reads().read([&](store::Connection& c) { return store::next_job_time(c); });
}

void job_succeeded(App& app, const store::Job& job, std::optional<Timestamp> next_run) {
  const Timestamp now = app.now();
  app.store().writer().run([&](store::Tx& tx) {
    store::update_job(tx.conn(), job.id, next_run ? "scheduled" : "done", next_run.value_or(now), 0, "", now);
  });
}

void job_failed(App& app, const store::Job& job, const std::string& error, std::int64_t retry_delay_ms,
                int max_attempts) {
  const Timestamp now = app.now();
  const std::int64_t attempts = job.attempts + 1;
  const bool dead = attempts >= max_attempts;
  app.store().writer().run([&](store::Tx& tx) {
    store::update_job(tx.conn(), job.id, dead ? "dead" : "scheduled", now + retry_delay_ms, attempts, error, now);
  });
}

}  // namespace daifa::app
