#pragma once
// Remembered answers to POSTs that carried an Idempotency-Key, per principal. Kept at least 24 hours.
#include <optional>
#include <string>

#include "domain/common/id.h"
#include "store/database.h"

namespace daifa::store {

struct IdempotencyRecord {
  Id principal_id = 0;
  std::string key;
  std::string request_hash;
  int status = 0;  // 0 while the first request is still running inside its transaction
  std::string content_type;
  std::string body;
  std::optional<std::string> location;
  Timestamp created_at;
};

std::optional<IdempotencyRecord> find_idempotency(Connection& c, Id principal_id, std::string_view key);
// Claims the key; false when somebody already holds it.
bool claim_idempotency(Connection& c, const IdempotencyRecord& r);
void complete_idempotency(Connection& c, const IdempotencyRecord& r);
std::int64_t delete_idempotency_before(Connection& c, Timestamp cutoff);

}  // namespace daifa::store
