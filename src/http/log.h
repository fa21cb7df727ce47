#pragma once
// Structured logs: one JSON object per line on stdout, with a time, a level, a message and fields
// (the request id among them). spdlog does the thread-safe writing; lines of level info and below are
// buffered and reach stdout within a second (warnings and errors at once, everything on flush_log()).
#include <string_view>

#include <boost/json.hpp>

namespace daifa::http {

enum class LogLevel { debug, info, warn, error };

void init_logging(LogLevel min_level);
void log(LogLevel level, std::string_view message, boost::json::object fields = {});
// Writes out every buffered line: after a line that someone waits for (the listening address), and at exit.
void flush_log();

}  // namespace daifa::http
