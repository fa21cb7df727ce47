#pragma once
// Time is a value: milliseconds since the Unix epoch, UTC. The domain never reads a clock; callers pass
// the time in. The one real clock lives in app/ behind the Clock interface.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace daifa {

struct Timestamp {
  std::int64_t unix_ms = 0;
  auto operator<=>(const Timestamp&) const = default;
};

inline Timestamp operator+(Timestamp t, std::int64_t ms) { return Timestamp{t.unix_ms + ms}; }

std::string format_rfc3339(Timestamp t);                      // "2026-11-24T08:15:00.123Z"
std::optional<Timestamp> parse_rfc3339(std::string_view text);  // accepts Z or ±hh:mm offsets

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

}  // namespace daifa
