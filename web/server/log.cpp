#include "log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace tickets_server {

namespace {

std::atomic<LogLevel> g_lowest_shown{LogLevel::info};
std::mutex g_write_mutex;

const char* level_name(LogLevel level) {
    switch (level) {
    case LogLevel::debug:
        return "debug";
    case LogLevel::info:
        return "info";
    case LogLevel::warn:
        return "warn";
    case LogLevel::error:
        return "error";
    }
    return "?";
}

} // namespace

void set_log_level(LogLevel lowest_shown) {
    g_lowest_shown = lowest_shown;
}

void log_line(LogLevel level, std::string_view text) {
    if (level < g_lowest_shown.load()) {
        return;
    }
    std::string line = "[";
    line += level_name(level);
    line += "] ";
    line += text;
    line += '\n';

    const std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace tickets_server
