#pragma once
// A supplier's offer feed: a URL Daifa pulls on a schedule (CSV, XLSX or JSON of supplier_sku/stock/cost),
// applied through the same rules as a sync push or an import. The freshness window says how long the
// merchant may go without a successful pull before a feed_late alert is raised.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/id.h"
#include "domain/common/status.h"
#include "domain/common/time.h"

namespace daifa {

enum class FeedFormat : int { csv = 0, xlsx = 1, json = 2 };
std::string_view to_string(FeedFormat f);
std::optional<FeedFormat> parse_feed_format(std::string_view text);

enum class FeedOutcome : int { ok = 0, failed = 1 };
std::string_view to_string(FeedOutcome o);

// Why a pull ran: its schedule, or someone's "pull now".
enum class FeedRunCause : int { schedule = 0, manual = 1 };
std::string_view to_string(FeedRunCause c);

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kMinFeedIntervalMinutes = 5;
inline constexpr std::int64_t kMaxFeedIntervalMinutes = 7 * 24 * 60;   // a week
inline constexpr std::int64_t kMaxFeedFreshMinutes = 30 * 24 * 60;     // 30 days
inline constexpr std::size_t kMaxFeedUrlBytes = 2000;

struct SupplierFeed {
  Id id = 0;
  Id supplier_id = 0;
  std::string name;
  std::string url;  // http:// or https://
  FeedFormat format = FeedFormat::csv;
  std::int64_t pull_every_minutes = 60;
  std::int64_t fresh_within_minutes = 180;  // at least pull_every_minutes
  bool active = true;
  Timestamp watch_from;  // the freshness clock's start when nothing succeeded since: creation or re-activation
  std::optional<Timestamp> last_pull_at;
  std::optional<Timestamp> last_success_at;
  std::optional<FeedOutcome> last_outcome;
  std::optional<Id> last_run_id;
  std::int64_t failures = 0;  // failed pulls in a row
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

// Every rule a feed's settings must satisfy, each naming its field.
FieldErrors validate(const SupplierFeed& f);
// True for an absolute http(s) URL with a host, no spaces or control characters, at most kMaxFeedUrlBytes.
bool is_feed_url(std::string_view url);

// Until when the feed counts as fresh: the last success (or the watch start, if later) plus the window.
Timestamp feed_fresh_until(const SupplierFeed& f);
// An active feed past its freshness window.
bool feed_is_late(const SupplierFeed& f, Timestamp now);
// When to pull next: the interval after a success; after `failures` failures in a row, sooner (5 min,
// 10, 20 … ) but never later than the interval.
Timestamp next_feed_pull(const SupplierFeed& f, Timestamp now, std::int64_t failures);

}  // namespace daifa
