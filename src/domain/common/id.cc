#include "domain/common/id.h"

#include <cassert>
#include <charconv>
#include <stdexcept>

namespace daifa {

std::string id_to_string(Id id) { return std::to_string(id); }

std::optional<Id> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 19 || text[0] == '0') return std::nullopt;
  Id value = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

IdGenerator::IdGenerator(int node_id) : node_id_(node_id) {
  if (node_id < 0 || node_id > kMaxNodeId) throw std::invalid_argument("node_id out of range 0..1023");
}

Id IdGenerator::next(Timestamp now) {
  std::lock_guard lock(mu_);
  std::int64_t ms = now.unix_ms - kIdEpochMs;
  if (ms < 0) ms = 0;
  if (ms > last_ms_) {
    last_ms_ = ms;
    sequence_ = 0;
  } else if (++sequence_ >= (1 << kIdSequenceBits)) {
    // Sequence exhausted within this millisecond (or the clock went back): borrow the next millisecond.
    ++last_ms_;
    sequence_ = 0;
  }
  Id id = (last_ms_ << (kIdNodeBits + kIdSequenceBits)) | (static_cast<Id>(node_id_) << kIdSequenceBits) | sequence_;
  assert(id > 0);
  return id;
}

}  // namespace daifa
