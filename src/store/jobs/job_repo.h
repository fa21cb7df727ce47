#pragma once
// Persisted background jobs: one row per (kind, subject), run when due, retried with back-off, kept across
// restarts. The runner (integrations/jobs) claims due rows and records each run's outcome here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/time.h"
#include "store/database.h"

namespace daifa::store {

struct Job {
  Id id = 0;
  std::string kind;  // kuaidi100_subscribe | tracking_poll | fulfilment_scan
  Id subject_id = 0; // a shipment for the tracking kinds; 0 for the scans
  std::string state; // scheduled | done | dead
  Timestamp run_at;
  std::int64_t attempts = 0;  // failed runs since the last success
  std::string last_error;
  Timestamp created_at;
  Timestamp updated_at;
};

// Schedules (kind, subject) at `run_at`; a job of that kind and subject already there keeps its row and
// is scheduled again for the earlier of the two times (a done or dead one comes back with its attempts reset).
void schedule_job(Connection& c, Id id, std::string_view kind, Id subject_id, Timestamp run_at, Timestamp now);
// Scheduled jobs of `kinds` due at `now`, the longest-waiting first.
std::vector<Job> due_jobs(Connection& c, const std::vector<std::string>& kinds, Timestamp now, std::size_t limit);
std::optional<Job> find_job(Connection& c, std::string_view kind, Id subject_id);
// Records a run: the job's next state, when it runs next, and its failures.
void update_job(Connection& c, Id id, std::string_view state, Timestamp run_at, std::int64_t attempts,
                std::string_view last_error, Timestamp now);
// The earliest run_at among scheduled jobs, for the runner's sleep.
std::optional<Timestamp> next_job_time(Connection& c);

}  // namespace daifa::store
