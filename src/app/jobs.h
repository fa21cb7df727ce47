#pragma once
// Persisted background jobs (store/jobs/job_repo.h): what is scheduled, what is due, and each run's
// outcome. The runner that does the work (it calls carriers over HTTP) is integrations/jobs/job_runner.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "store/jobs/job_repo.h"

namespace daifa::app {

inline constexpr std::string_view kJobKuaidi100Subscribe = "kuaidi100_subscribe";  // subject: a shipment
inline constexpr std::string_view kJobTrackingPoll = "tracking_poll";              // subject: a shipment
inline constexpr std::string_view kJobFulfilmentScan = "fulfilment_scan";          // subject: 0
inline constexpr std::string_view kJobFeedPull = "supplier_feed_pull";             // subject: a supplier feed

// Inside a command: (kind, subject) runs at `run_at` (or earlier if it already was).
void schedule_job(store::Tx& tx, App& app, std::string_view kind, Id subject_id, Timestamp run_at);
void schedule_job(App& app, std::string_view kind, Id subject_id, Timestamp run_at);  // its own command
std::vector<store::Job> due_jobs(App& app, const std::vector<std::string>& kinds, std::size_t limit);
std::optional<store::Job> find_job(App& app, std::string_view kind, Id subject_id);
std::optional<Timestamp> next_job_time(App& app);

// A run that worked: done, or (next_run) scheduled again with its failures cleared.
void job_succeeded(App& app, const store::Job& job, std::optional<Timestamp> next_run);
// A run that failed: tried again after `retry_delay_ms`, or dead after `max_attempts` failures in a row.
void job_failed(App& app, const store::Job& job, const std::string& error, std::int64_t retry_delay_ms,
                int max_attempts);

}  // namespace daifa::app
