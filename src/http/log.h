#pragma once
// Structured logs: one JSON object per line on stdout, with a time, a level, a message and fields
// (the request id among them). spdlog does the buffered, thread-safe writing.
#include <string_view>

#include <boost/json.hpp>

namespace daifa::http {

enum class LogLevel { debug, info, warn, error };

void init_logging(LogLevel min_level);
void log(LogLevel level, std::string_view message, boost::json::object fields = {});

}  // namespace daifa::http
