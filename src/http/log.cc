#include "http/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <mutex>

#include "domain/common/time.h"

namespace daifa::http {
namespace {

// stdout through stdio's buffer. spdlog's own stdout sink flushes after every line: a write(2) for every
// request's access-log line. Here lines of level info and below reach the file descriptor when the buffer
// fills or once a second (init_logging); warnings and errors, and flush_log(), write at once. A line is
// never split: stdio's buffer is written whole.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto l = std::make_shared<spdlog::logger>("daifa", std::make_shared<BufferedStdoutSink>());
    l->set_pattern("%v");
    spdlog::register_logger(l);  // for flush_every
    return l;
  }();
  return instance;
}

LogLevel g_min_level = LogLevel::info;

}  // namespace

void init_logging(LogLevel min_level) {
  g_min_level = min_level;
  logger()->flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
}

void flush_log() { logger()->flush(); }

void log(LogLevel level, std::string_view message, boost::json::object fields) {
  if (level < g_min_level) return;
  static constexpr std::string_view kNames[] = {"debug", "info", "warn", "error"};
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  boost::json::object line;
  line["ts"] = format_rfc3339(Timestamp{ms.count()});
  line["level"] = kNames[static_cast<int>(level)];
  line["msg"] = message;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  logger()->info(boost::json::serialize(line));
}

}  // namespace daifa::http
