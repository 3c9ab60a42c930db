// A small logger with levels, one line per call, to stderr. Never give it a token, a key or
// the text of a message.
#pragma once

#include <string_view>

namespace tickets_server {

enum class LogLevel { debug, info, warn, error };

void set_log_level(LogLevel lowest_shown);

void log_line(LogLevel level, std::string_view text);

inline void log_info(std::string_view text) {
    log_line(LogLevel::info, text);
}
inline void log_warn(std::string_view text) {
    log_line(LogLevel::warn, text);
}
inline void log_error(std::string_view text) {
    log_line(LogLevel::error, text);
}

} // namespace tickets_server
