// The browser platform's pieces, combined by main.cpp. Only this folder knows it runs in a
// browser; each file holds one concern.
#pragma once

#include "core/app.h"
#include "core/date_text.h"
#include "core/request.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

struct ImDrawData;
struct ImFontAtlas;

namespace ui {
class SemanticTree;
}

namespace platform {

// Log lines for a person debugging: requests, statuses, durations, counts. Never a token, a
// key or a message's text.
enum class Level { debug, info, warn, error };
void log(Level level, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Milliseconds since the Unix epoch, and since the page started.
std::int64_t now_ms();
double clock_s();

// The renderer: ImGui's draw lists with WebGL 2, on the page's own context.
bool renderer_init(); // after the context is current; false when the shaders fail
void renderer_upload_fonts(ImFontAtlas& atlas);
void renderer_draw(const ImDrawData& data, int fb_width, int fb_height, unsigned clear_colour);

// Fetch: carries out the model's requests; the outcome comes back through `on_outcome`.
using OutcomeHandler = std::function<void(std::uint64_t id, core::Outcome outcome)>;
void fetch_start(const core::Request& request, const OutcomeHandler& on_outcome);

// Storage: the tab's own (sessionStorage) for keys starting with "session.", the origin's
// (localStorage) for the rest. Reading gives every stored key of this page.
struct StoredItem {
    std::string key;
    std::string value;
};
bool storage_read_all(std::vector<StoredItem>& out); // false when storage is unavailable
void storage_write(const std::string& key, const std::string& value);

// Location: the route in the hash, and the page's query parameters.
core::Route route_from_hash();
void show_route(const core::Route& route, bool replace);
std::string query_param(const char* name);
std::vector<std::string> browser_languages();
void set_document_lang(const char* code);

// Dates in the page's locale, with the browser's Intl.
class IntlDates final : public core::DateFormatter {
public:
    std::string exact(std::int64_t unix_s, core::Lang lang) const override;
    std::string relative(std::int64_t unix_s, std::int64_t now_s, core::Lang lang) const override;
};

// Clipboard.
void copy_to_clipboard(const std::string& text);

// What the loader fetched while the wasm compiled: config.json and the font files.
std::string loader_text(const char* name);
std::vector<unsigned char> loader_bytes(const char* name);

// The accessible DOM mirror.
void a11y_init();
void a11y_sync(const std::string& tree_json);
void a11y_focus(const std::string& key);
void a11y_select(const std::string& key, int start, int end);
void a11y_announce(const std::string& text);
void a11y_focus_heading();

// Benchmarks' figures (Module.ticketsStats).
void stats_frame(double cpu_ms);
// A list answer went from its bytes to a list ready to draw in `ms`.
void stats_list_decoded(double ms, std::size_t bytes);

// Browser events, the canvas and the cursor.
void browser_init();
void set_cursor(const char* css_name);
// The DOM fields over the text boxes type at the size the canvas draws their text.
void set_field_font_size(float css_px);

// Embedding in a portal (embed.cpp, embed.js). embed_init says whether the page talks to a
// portal (framed by an origin config.json's portal_origins lists); the portal's credentials then
// arrive through `on_credentials` (nothing when it has none). The model's events go to the
// portal; after each frame, the height the frame needs; the wheel scrolls the portal when the
// page under the pointer cannot scroll that way.
using CredentialsHandler = std::function<void(std::optional<core::Credentials>)>;
bool embed_init(CredentialsHandler on_credentials);
void embed_send(const std::vector<core::Event>& events);
void embed_frame(float css_height, bool route_changed, const ui::SemanticTree& tree);
bool embed_wheel_passes(double dy);

} // namespace platform
