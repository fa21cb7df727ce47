#include "domain/catalog/supplier_feed.h"

#include <algorithm>
#include <array>

#include "domain/common/validation.h"

namespace daifa {
namespace {
constexpr std::array kFormats{std::pair{FeedFormat::csv, std::string_view("csv")},
                              std::pair{FeedFormat::xlsx, std::string_view("xlsx")},
                              std::pair{FeedFormat::json, std::string_view("json")}};
}  // namespace

std::string_view to_string(FeedFormat f) {
  for (auto& [v, s] : kFormats) if (v == f) return s;
  return "csv";
}

std::optional<FeedFormat> parse_feed_format(std::string_view text) {
  for (auto& [v, s] : kFormats) if (s == text) return v;
  return std::nullopt;
}

std::string_view to_string(FeedOutcome o) { return o == FeedOutcome::ok ? "ok" : "failed"; }
std::string_view to_string(FeedRunCause c) { return c == FeedRunCause::schedule ? "schedule" : "manual"; }

bool is_feed_url(std::string_view url) {
  if (url.size() > kMaxFeedUrlBytes) return false;
  std::string_view rest;
  if (url.starts_with("http://")) rest = url.substr(7);
  else if (url.starts_with("https://")) rest = url.substr(8);
  else return false;
  for (char ch : url) {
    const auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u == 0x7f) return false;
  }
  const std::size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  if (authority.find('@') != std::string_view::npos) return false;  // credentials belong in no URL we store
  const std::size_t colon = authority.rfind(':');
  std::string_view host = authority.substr(0, authority.starts_with('[') ? authority.find(']') + 1 : colon);
  return !host.empty();
}

FieldErrors validate(const SupplierFeed& f) {
  FieldErrors errors;
  check_text(errors, "name", f.name, 1, 64);
  if (!is_feed_url(f.url)) {
    errors.push_back({"url", "invalid_url",
                      "must be an http:// or https:// URL with a host, without spaces or user:password@, at most " +
                          std::to_string(kMaxFeedUrlBytes) + " bytes"});
  }
  check_range(errors, "pull_every_minutes", f.pull_every_minutes, kMinFeedIntervalMinutes, kMaxFeedIntervalMinutes);
  const std::size_t before = errors.size();
  check_range(errors, "fresh_within_minutes", f.fresh_within_minutes, kMinFeedIntervalMinutes, kMaxFeedFreshMinutes);
  if (errors.size() == before && f.fresh_within_minutes < f.pull_every_minutes) {
    errors.push_back({"fresh_within_minutes", "below_interval",
                      "must be at least pull_every_minutes: a feed pulled less often could never be fresh"});
  }
  return errors;
}

Timestamp feed_fresh_until(const SupplierFeed& f) {
  const Timestamp from = std::max(f.watch_from, f.last_success_at.value_or(f.watch_from));
  return Timestamp{from.unix_ms + f.fresh_within_minutes * kMinuteMs};
}

bool feed_is_late(const SupplierFeed& f, Timestamp now) { return f.active && now > feed_fresh_until(f); }

Timestamp next_feed_pull(const SupplierFeed& f, Timestamp now, std::int64_t failures) {
  const std::int64_t interval_ms = f.pull_every_minutes * kMinuteMs;
  if (failures <= 0) return Timestamp{now.unix_ms + interval_ms};
  const std::int64_t shift = std::min<std::int64_t>(failures - 1, 10);
  return Timestamp{now.unix_ms + std::min(interval_ms, (5 * kMinuteMs) << shift)};
}

}  // namespace daifa
