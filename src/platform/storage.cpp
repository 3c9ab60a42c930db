// The tab's storage. Keys the model names "session.*" (sign-in) live in sessionStorage, for the
// tab's life; the rest (drafts, preferences) in localStorage. Both may be missing or refuse
// writes (private modes, sandboxed frames): then the page carries on in memory.
#include "platform/page.h"

#include <emscripten/emscripten.h>

#include <nlohmann/json.hpp> // the stored items arrive as JSON

#include <cstdlib>

namespace platform {

namespace {

EM_JS(char*, storage_dump, (), {
    var out = [];
    try {
        [[sessionStorage, 'session.'], [localStorage, ""]].forEach(function(pair) {
            var store = pair[0];
            for (var i = 0; i < store.length; i++) {
                var name = store.key(i);
                if (name.indexOf('tickets:') !== 0) continue;
                var key = name.slice(8);
                if ((pair[1] === 'session.') !== (key.indexOf('session.') === 0)) continue;
                out.push([key, store.getItem(name)]);
            }
        });
        localStorage.setItem('tickets:probe', '1');
        localStorage.removeItem('tickets:probe');
    } catch (e) {
        return 0;
    }
    return ticketsNewString(JSON.stringify(out));
});

EM_JS(void, storage_put, (const char* key, const char* value), {
    var name = UTF8ToString(key);
    var text = UTF8ToString(value);
    try {
        var store = name.indexOf('session.') === 0 ? sessionStorage : localStorage;
        if (text === "") store.removeItem('tickets:' + name);
        else store.setItem('tickets:' + name, text);
    } catch (e) {
        console.warn('storage: could not write', name.split('.')[0]);
    }
});

} // namespace

bool storage_read_all(std::vector<StoredItem>& out) {
    char* dump = storage_dump();
    if (!dump) return false;
    auto items = nlohmann::json::parse(dump, nullptr, false); // [[key, value], ...]
    std::free(dump);
    out.clear();
    if (!items.is_array()) return true;
    for (const auto& item : items) {
        if (item.is_array() && item.size() == 2 && item[0].is_string() && item[1].is_string()) {
            out.push_back({item[0].get<std::string>(), item[1].get<std::string>()});
        }
    }
    return true;
}

void storage_write(const std::string& key, const std::string& value) {
    storage_put(key.c_str(), value.c_str());
}

} // namespace platform
