// Copying a message's text. The click that asks for it has just happened, so the browser
// allows the write.
#include "platform/page.h"

#include <emscripten/emscripten.h>

namespace platform {

namespace {

EM_JS(void, js_copy, (const char* text), {
    var value = UTF8ToString(text);
    var fallback = function() {
        var area = document.createElement('textarea');
        area.value = value;
        area.setAttribute('readonly', "");
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        try { document.execCommand('copy'); } catch (e) {}
        area.remove();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).catch(fallback);
    } else {
        fallback();
    }
});

} // namespace

void copy_to_clipboard(const std::string& text) { js_copy(text.c_str()); }

} // namespace platform
