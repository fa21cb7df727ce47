#include "http/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "domain/common/time.h"

namespace daifa::http {
namespace {

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto l = spdlog::stdout_logger_mt("daifa");
    l->set_pattern("%v");
    return l;
  }();
  return instance;
}

LogLevel g_min_level = LogLevel::info;

}  // namespace

void init_logging(LogLevel min_level) {
  g_min_level = min_level;
  logger()->flush_on(spdlog::level::info);
}

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
