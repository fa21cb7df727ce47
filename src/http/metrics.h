#pragma once
// Prometheus metrics: requests by route, method and status with latency histograms, and the writer's
// batch sizes and commit latencies. Rendered in the text exposition format at /metrics.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace daifa::http {

class Histogram {
 public:
  explicit Histogram(std::array<std::int64_t, 12> upper_bounds) : bounds_(upper_bounds) {}
  void observe(std::int64_t value);
  // `scale` divides values and bounds for output (1'000'000 turns microseconds into seconds).
  void render(std::string& out, const std::string& name, const std::string& labels, std::int64_t scale) const;

 private:
  std::array<std::int64_t, 12> bounds_;
  std::array<std::int64_t, 12> counts_{};
  std::int64_t count_ = 0;
  std::int64_t sum_ = 0;
};

class Metrics {
 public:
  void observe_request(const std::string& route, const std::string& method, int status, std::int64_t duration_us);
  void observe_batch(std::size_t commands, std::int64_t commit_us);
  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::int64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  Histogram batch_size_{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096}};
  Histogram commit_us_{{250, 500, 1000, 2500, 5000, 10'000, 25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000}};
};

}  // namespace daifa::http
