// What the loader (shell/loader.js) fetched while the wasm compiled, so that start-up waits on
// nothing: config.json as text, the fonts as bytes.
#include "platform/page.h"

#include <emscripten/emscripten.h>

#include <cstdlib>

namespace platform {

namespace {

EM_JS(char*, js_loader_text, (const char* name), {
    var value = (Module.loaded || {})[UTF8ToString(name)];
    return typeof value === 'string' ? ticketsNewString(value) : 0;
});

EM_JS(int, js_loader_size, (const char* name), {
    var value = (Module.loaded || {})[UTF8ToString(name)];
    return value && value.byteLength ? value.byteLength : 0;
});

EM_JS(void, js_loader_copy, (const char* name, unsigned char* out), {
    var key = UTF8ToString(name);
    HEAPU8.set(new Uint8Array(Module.loaded[key]), out);
    delete Module.loaded[key]; // the heap holds it now
});

} // namespace

std::string loader_text(const char* name) {
    char* text = js_loader_text(name);
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

std::vector<unsigned char> loader_bytes(const char* name) {
    std::vector<unsigned char> out(static_cast<size_t>(js_loader_size(name)));
    if (!out.empty()) js_loader_copy(name, out.data());
    return out;
}

} // namespace platform
