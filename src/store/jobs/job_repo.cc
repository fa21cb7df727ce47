#include "store/jobs/job_repo.h"

#include "store/common/sql_text.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, kind, subject_id, state, run_at, attempts, last_error, created_at, updated_at";

Job job_from(const Row& r) {
  return Job{r.i64(0), r.text(1), r.i64(2), r.text(3), Timestamp{r.i64(4)}, r.i64(5), r.text(6),
             Timestamp{r.i64(7)}, Timestamp{r.i64(8)}};
}

}  // namespace

void schedule_job(Connection& c, Id id, std::string_view kind, Id subject_id, Timestamp run_at, Timestamp now) {
  c.exec("INSERT INTO jobs (" + std::string(kColumns) +
             ") VALUES (?, ?, ?, 'scheduled', ?, 0, '', ?, ?) "
             "ON CONFLICT (kind, subject_id) DO UPDATE SET "
             "run_at = CASE WHEN jobs.state = 'scheduled' AND jobs.run_at < excluded.run_at THEN jobs.run_at "
             "ELSE excluded.run_at END, "
             "attempts = CASE WHEN jobs.state = 'scheduled' THEN jobs.attempts ELSE 0 END, "
             "state = 'scheduled', updated_at = excluded.updated_at",
         {id, std::string(kind), subject_id, run_at.unix_ms, now.unix_ms, now.unix_ms});
}

std::vector<Job> due_jobs(Connection& c, const std::vector<std::string>& kinds, Timestamp now, std::size_t limit) {
  std::vector<Job> out;
  if (kinds.empty()) return out;
  std::vector<Value> params{now.unix_ms};
  for (const std::string& k : kinds) params.emplace_back(k);
  params.emplace_back(static_cast<std::int64_t>(limit));
  for (const Row& r : c.exec("SELECT " + std::string(kColumns) +
                                 " FROM jobs WHERE state = 'scheduled' AND run_at <= ? AND kind IN (" +
                                 in_placeholders(kinds.size()) + ") ORDER BY run_at, id LIMIT ?",
                             params)
                          .rows) {
    out.push_back(job_from(r));
  }
  return out;
}

std::optional<Job> find_job(Connection& c, std::string_view kind, Id subject_id) {
  Result r = c.exec("SELECT " + std::string(kColumns) + " FROM jobs WHERE kind = ? AND subject_id = ?",
                    {std::string(kind), subject_id});
  if (r.empty()) return std::nullopt;
  return job_from(r.rows[0]);
}

void update_job(Connection& c, Id id, std::string_view state, Timestamp run_at, std::int64_t attempts,
                std::string_view last_error, Timestamp now) {
  c.exec("UPDATE jobs SET state = ?, run_at = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?",
         {std::string(state), run_at.unix_ms, attempts, std::string(last_error), now.unix_ms, id});
}

std::optional<Timestamp> next_job_time(Connection& c) {
  Result r = c.exec("SELECT MIN(run_at) FROM jobs WHERE state = 'scheduled'");
  if (r.empty() || r.rows[0].is_null(0)) return std::nullopt;
  return Timestamp{r.rows[0].i64(0)};
}

}  // namespace daifa::store
