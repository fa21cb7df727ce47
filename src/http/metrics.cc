#include "http/metrics.h"

namespace daifa::http {
namespace {

constexpr std::array<std::int64_t, 12> kLatencyBoundsUs{500, 1000, 2500, 5000, 10'000, 25'000, 50'000, 100'000,
                                                       250'000, 500'000, 1'000'000, 5'000'000};

// Integer-only decimal rendering: 1500 with scale 1'000'000 → "0.0015".
std::string scaled(std::int64_t value, std::int64_t scale) {
  if (scale == 1) return std::to_string(value);
  std::string whole = std::to_string(value / scale);
  std::string frac = std::to_string(value % scale);
  std::string digits = std::to_string(scale).substr(1);
  frac.insert(0, digits.size() - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return frac.empty() ? whole : whole + "." + frac;
}

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Histogram::observe(std::int64_t value) {
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    if (value <= bounds_[i]) ++counts_[i];
  }
  ++count_;
  sum_ += value;
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels, std::int64_t scale) const {
  std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    out += name + "_bucket{" + labels + sep + "le=\"" + scaled(bounds_[i], scale) + "\"} " + std::to_string(counts_[i]) + "\n";
  }
  out += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(count_) + "\n";
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " + scaled(sum_, scale) + "\n";
  out += name + "_count" + braces + " " + std::to_string(count_) + "\n";
}

void Metrics::observe_request(const std::string& route, const std::string& method, int status, std::int64_t duration_us) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  auto it = latency_.try_emplace({route, method}, kLatencyBoundsUs).first;
  it->second.observe(duration_us);
}

void Metrics::observe_batch(std::size_t commands, std::int64_t commit_us) {
  std::lock_guard lock(mu_);
  batch_size_.observe(static_cast<std::int64_t>(commands));
  commit_us_.observe(commit_us);
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP daifa_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE daifa_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "daifa_http_requests_total{route=\"" + escape_label(route) + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP daifa_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE daifa_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    h.render(out, "daifa_http_request_duration_seconds",
             "route=\"" + escape_label(key.first) + "\",method=\"" + key.second + "\"", 1'000'000);
  }
  out += "# HELP daifa_writer_batch_commands Commands committed per writer transaction.\n";
  out += "# TYPE daifa_writer_batch_commands histogram\n";
  batch_size_.render(out, "daifa_writer_batch_commands", "", 1);
  out += "# HELP daifa_writer_commit_seconds Time from BEGIN to durable COMMIT of a writer batch.\n";
  out += "# TYPE daifa_writer_commit_seconds histogram\n";
  commit_us_.render(out, "daifa_writer_commit_seconds", "", 1'000'000);
  return out;
}

}  // namespace daifa::http
