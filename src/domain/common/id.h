#pragma once
// Ids are 64-bit, app-generated and time-ordered: 41 bits of milliseconds since 2024-01-01, 10 bits of
// node number (so several Daifa nodes on one PostgreSQL never collide), 12 bits of sequence. Sorting by
// id sorts by creation time, which is what cursor pagination relies on.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/time.h"

namespace daifa {

using Id = std::int64_t;

constexpr std::int64_t kIdEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr int kIdNodeBits = 10;
constexpr int kIdSequenceBits = 12;
constexpr int kMaxNodeId = (1 << kIdNodeBits) - 1;

std::string id_to_string(Id id);
std::optional<Id> parse_id(std::string_view text);  // positive decimal only

class IdGenerator {
 public:
  explicit IdGenerator(int node_id);
  // Takes the current time as a value. If the clock steps back, ids keep increasing from the last one.
  Id next(Timestamp now);

 private:
  std::mutex mu_;
  int node_id_;
  std::int64_t last_ms_ = 0;
  std::int64_t sequence_ = 0;
};

}  // namespace daifa
