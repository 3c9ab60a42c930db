// The C++ side of the accessible DOM mirror; the DOM work is in a11y_bridge.js.
#include "platform/page.h"

#include <emscripten/emscripten.h>

namespace platform {

namespace {

EM_JS(void, js_a11y_init, (), {
    TicketsA11y.init(document.getElementById('a11y'), document.getElementById('status'));
});
EM_JS(void, js_a11y_sync, (const char* json), { TicketsA11y.sync(UTF8ToString(json)); });
EM_JS(void, js_a11y_focus, (const char* key), { TicketsA11y.focus(UTF8ToString(key)); });
EM_JS(void, js_a11y_select, (const char* key, int start, int end), {
    TicketsA11y.select(UTF8ToString(key), start, end);
});
EM_JS(void, js_a11y_announce, (const char* text), { TicketsA11y.announce(UTF8ToString(text)); });
EM_JS(void, js_a11y_focus_heading, (), { TicketsA11y.focusHeading(); });

} // namespace

void a11y_init() { js_a11y_init(); }
void a11y_sync(const std::string& tree_json) { js_a11y_sync(tree_json.c_str()); }
void a11y_focus(const std::string& key) { js_a11y_focus(key.c_str()); }
void a11y_select(const std::string& key, int start, int end) {
    js_a11y_select(key.c_str(), start, end);
}
void a11y_announce(const std::string& text) { js_a11y_announce(text.c_str()); }
void a11y_focus_heading() { js_a11y_focus_heading(); }

} // namespace platform
