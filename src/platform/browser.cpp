// The C++ side of the page's browser events; the listeners are in browser.js.
#include "platform/page.h"

#include <emscripten/emscripten.h>

namespace platform {

namespace {

EM_JS(void, js_browser_init, (), {
    TicketsBrowser.init(document.getElementById('app'), document.getElementById('canvas'));
});
EM_JS(void, js_set_cursor, (const char* name), { TicketsBrowser.setCursor(UTF8ToString(name)); });
EM_JS(void, js_set_field_font_size, (float px), { TicketsBrowser.setFieldFontSize(px); });

} // namespace

void browser_init() { js_browser_init(); }
void set_cursor(const char* css_name) { js_set_cursor(css_name); }
void set_field_font_size(float css_px) { js_set_field_font_size(css_px); }

} // namespace platform
