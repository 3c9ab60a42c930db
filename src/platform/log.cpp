#include "platform/page.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdarg>
#include <cstdio>

namespace platform {

namespace {

EM_JS(void, console_write, (int level, const char* text), {
    var line = UTF8ToString(text);
    if (level >= 3) console.error(line);
    else if (level == 2) console.warn(line);
    else if (level == 1) console.info(line);
    else console.debug(line);
});

} // namespace

void log(Level level, const char* format, ...) {
    char line[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    console_write(static_cast<int>(level), line);
}

std::int64_t now_ms() { return static_cast<std::int64_t>(emscripten_date_now()); }

double clock_s() { return emscripten_get_now() / 1000.0; }

} // namespace platform
