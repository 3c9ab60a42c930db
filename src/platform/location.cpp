// The route lives in the location hash (#/tickets, #/tickets/123), so that back, forward,
// reload and deep links work; the page's options come from its query string.
#include "platform/page.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

namespace platform {

namespace {

EM_JS(char*, js_hash, (), { return ticketsNewString(location.hash || ""); });
EM_JS(void, js_set_hash, (const char* hash, int replace), {
    var text = UTF8ToString(hash);
    if (location.hash === text) return;
    if (replace) history.replaceState(history.state, "", text);
    else location.hash = text;
});
EM_JS(char*, js_query, (const char* name), {
    var value = new URLSearchParams(location.search).get(UTF8ToString(name));
    return ticketsNewString(value || "");
});
EM_JS(char*, js_languages, (), {
    var list = navigator.languages && navigator.languages.length ? navigator.languages
                                                                : [navigator.language || ""];
    return ticketsNewString(list.join(','));
});
EM_JS(void, js_set_lang, (const char* code), {
    document.documentElement.lang = UTF8ToString(code);
});

std::string take(char* text) {
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

} // namespace

core::Route route_from_hash() {
    const std::string hash = take(js_hash());
    const std::string prefix = "#/tickets/";
    core::Route route;
    if (hash.rfind(prefix, 0) == 0 && hash.size() > prefix.size()) {
        char* end = nullptr;
        long long id = std::strtoll(hash.c_str() + prefix.size(), &end, 10);
        if (end && *end == '\0' && id > 0) route.ticket_id = id;
        else route.ticket_id = -1; // not an id: shown as not found
    }
    return route;
}

void show_route(const core::Route& route, bool replace) {
    std::string hash = "#/tickets";
    if (route.ticket_id != 0) hash += "/" + std::to_string(route.ticket_id);
    js_set_hash(hash.c_str(), replace ? 1 : 0);
}

std::string query_param(const char* name) { return take(js_query(name)); }

std::vector<std::string> browser_languages() {
    std::vector<std::string> out;
    const std::string list = take(js_languages());
    size_t at = 0;
    while (at <= list.size()) {
        size_t comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        if (comma > at) out.push_back(list.substr(at, comma - at));
        at = comma + 1;
    }
    return out;
}

void set_document_lang(const char* code) { js_set_lang(code); }

} // namespace platform
