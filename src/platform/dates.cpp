// Dates in the page's language with the browser's Intl: the exact local date and time, and
// relative text ("3 days ago", "il y a 3 jours"). Each text is kept, since rows ask every frame.
#include "platform/page.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <unordered_map>

namespace platform {

namespace {

EM_JS(char*, js_exact, (double unix_ms, const char* lang), {
    var code = UTF8ToString(lang);
    var cache = Module.dateFormats || (Module.dateFormats = {});
    var format = cache[code] || (cache[code] = new Intl.DateTimeFormat(code, {
        year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'
    }));
    return ticketsNewString(format.format(new Date(unix_ms)));
});

EM_JS(char*, js_relative, (double seconds_ago, const char* lang), {
    var code = UTF8ToString(lang);
    var cache = Module.relativeFormats || (Module.relativeFormats = {});
    var format = cache[code] || (cache[code] = new Intl.RelativeTimeFormat(code, {numeric: 'auto'}));
    var units = [[60, 'second'], [3600, 'minute'], [86400, 'hour'], [86400 * 30, 'day'],
                 [86400 * 365, 'month'], [Infinity, 'year']];
    var sizes = {second: 1, minute: 60, hour: 3600, day: 86400, month: 86400 * 30,
                 year: 86400 * 365};
    var ago = Math.max(0, seconds_ago);
    for (var i = 0; i < units.length; i++) {
        if (ago < units[i][0]) {
            var unit = units[i][1];
            if (unit === 'second') return ticketsNewString(format.format(0, 'second'));
            return ticketsNewString(format.format(-Math.floor(ago / sizes[unit]), unit));
        }
    }
    return ticketsNewString("");
});

std::string take(char* text) {
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

using Cache = std::unordered_map<std::int64_t, std::string>;

std::string& cached(Cache& cache, std::int64_t key) {
    if (cache.size() > 8192) cache.clear();
    return cache[key];
}

} // namespace

std::string IntlDates::exact(std::int64_t unix_s, core::Lang lang) const {
    static Cache cache[2];
    std::string& text = cached(cache[static_cast<int>(lang)], unix_s);
    if (text.empty()) {
        text = take(js_exact(static_cast<double>(unix_s) * 1000.0, core::lang_code(lang).data()));
    }
    return text;
}

std::string IntlDates::relative(std::int64_t unix_s, std::int64_t now_s, core::Lang lang) const {
    // Keyed by the age in minutes: the text can only change when that does.
    static Cache cache[2];
    const std::int64_t age = now_s - unix_s;
    std::string& text = cached(cache[static_cast<int>(lang)], age / 60);
    if (text.empty()) {
        text = take(js_relative(static_cast<double>(age), core::lang_code(lang).data()));
    }
    return text;
}

} // namespace platform
