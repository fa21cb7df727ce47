#include "store/common/idempotency_repo.h"

namespace daifa::store {

std::optional<IdempotencyRecord> find_idempotency(Connection& c, Id principal_id, std::string_view key) {
  Result r = c.exec(
      "SELECT principal_id, idem_key, request_hash, status, content_type, body, location, created_at "
      "FROM idempotency_keys WHERE principal_id = ? AND idem_key = ?",
      {principal_id, std::string(key)});
  if (r.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  return IdempotencyRecord{row.i64(0), row.text(1), row.text(2), static_cast<int>(row.i64(3)), row.text(4),
                           row.text(5), row.opt_text(6), Timestamp{row.i64(7)}};
}

bool claim_idempotency(Connection& c, const IdempotencyRecord& r) {
  return c.exec("INSERT INTO idempotency_keys (principal_id, idem_key, request_hash, status, content_type, body, "
                "location, created_at) VALUES (?, ?, ?, 0, '', '', NULL, ?) "
                "ON CONFLICT (principal_id, idem_key) DO NOTHING",
                {r.principal_id, r.key, r.request_hash, r.created_at.unix_ms})
             .affected == 1;
}

void complete_idempotency(Connection& c, const IdempotencyRecord& r) {
  c.exec("UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?, location = ? "
         "WHERE principal_id = ? AND idem_key = ?",
         {std::int64_t{r.status}, r.content_type, r.body, r.location ? Value{*r.location} : Value{nullptr},
          r.principal_id, r.key});
}

std::int64_t delete_idempotency_before(Connection& c, Timestamp cutoff) {
  return c.exec("DELETE FROM idempotency_keys WHERE created_at < ?", {cutoff.unix_ms}).affected;
}

}  // namespace daifa::store
