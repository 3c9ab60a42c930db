// The page: the model, the views and the browser, combined. Events from the browser become
// intents or input for ImGui; a frame is drawn only when something changed; the model's
// requests, storage writes, route and notices are carried out after every change (pump).
#include "platform/page.h"

#include "core/app.h"
#include "ui/semantic.h"
#include "ui/theme.h"
#include "ui/view.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <nlohmann/json.hpp> // config.json

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace {

struct Page {
    std::optional<core::App> app;
    platform::IntlDates dates;
    ui::ViewState view;
    ui::FocusState focus;
    ui::SemanticTree tree;
    std::string shown_tree;
    core::Route shown_route;
    bool route_changed = false;
    std::uint64_t announced_serial = 0;

    float css_width = 0, css_height = 0, pixel_ratio = 1, font_ratio = 0;
    std::vector<unsigned char> font_regular, font_bold;
    bool dark = false;

    bool frame_requested = false;
    int frames_wanted = 0;
    bool first_frame_held = false; // until the first answer, or a moment: see main()
    long wakeup_timer = 0;
    std::int64_t wakeup_at = 0;
    long redraw_timer = 0; // for a frame the views asked for at a set time
    double redraw_at_s = 0;
    double last_frame_s = 0;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
};

Page g;

void pump();

// Frames: drawn on request, a few after each change so that ImGui settles, then none.
EM_BOOL draw_frame(double, void*);

void invalidate(int frames = 2) {
    g.frames_wanted = std::max(g.frames_wanted, frames);
    if (!g.frame_requested && !g.first_frame_held) {
        g.frame_requested = true;
        emscripten_request_animation_frame(draw_frame, nullptr);
    }
}

void apply(const core::Intent& intent) {
    if (const auto* copy = std::get_if<core::CopyText>(&intent)) {
        platform::copy_to_clipboard(copy->text);
        return;
    }
    g.app->apply(intent, platform::now_ms());
    if (std::holds_alternative<core::SetLanguage>(intent)) {
        platform::set_document_lang(core::lang_code(g.app->lang()).data());
    }
    pump();
}

void release_first_frame(void* = nullptr) {
    if (!g.first_frame_held) return;
    g.first_frame_held = false;
    invalidate();
}

void on_outcome(std::uint64_t id, core::Outcome outcome) {
    release_first_frame();
    g.app->on_outcome(id, std::move(outcome), platform::now_ms());
    pump();
}

void on_handed_credentials(std::optional<core::Credentials> credentials) {
    g.app->on_credentials(std::move(credentials), platform::now_ms());
    pump();
}

void on_wakeup(void*) {
    g.wakeup_timer = 0;
    g.wakeup_at = 0;
    g.app->tick(platform::now_ms());
    pump();
}

// Carries out what the model asked for since the last time.
void pump() {
    core::App& app = *g.app;
    for (const core::Request& request : app.take_requests()) {
        platform::fetch_start(request, on_outcome);
    }
    for (const core::StorageWrite& write : app.take_storage_writes()) {
        platform::storage_write(write.key, write.value);
    }
    platform::embed_send(app.take_events());
    if (!(app.route() == g.shown_route)) {
        platform::show_route(app.route(), false);
        g.shown_route = app.route();
        g.route_changed = true;
    }
    if (app.notice().serial != g.announced_serial) {
        g.announced_serial = app.notice().serial;
        platform::a11y_announce(app.notice().text);
    }
    if (auto at = app.next_wakeup_ms(); at && *at != g.wakeup_at) {
        if (g.wakeup_timer) emscripten_clear_timeout(g.wakeup_timer);
        g.wakeup_at = *at;
        double delay = std::max<double>(0, static_cast<double>(*at - platform::now_ms()));
        g.wakeup_timer = emscripten_set_timeout(on_wakeup, delay, nullptr);
    } else if (!at && g.wakeup_timer) {
        // Nothing to wake up for (a hidden tab, offline): no timer left running either.
        emscripten_clear_timeout(g.wakeup_timer);
        g.wakeup_timer = 0;
        g.wakeup_at = 0;
    }
    if (app.take_dirty()) invalidate();
}

const char* css_cursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

void on_redraw(void*) {
    g.redraw_timer = 0;
    g.redraw_at_s = 0;
    invalidate();
}

// Keeps one timer for the frame the views want at `at_s` (0: none wanted).
void redraw_at(double at_s) {
    if (at_s == g.redraw_at_s) return;
    if (g.redraw_timer) emscripten_clear_timeout(g.redraw_timer);
    g.redraw_timer = 0;
    g.redraw_at_s = at_s;
    if (at_s > 0) {
        const double delay_ms = std::max(0.0, at_s - platform::clock_s()) * 1000 + 1;
        g.redraw_timer = emscripten_set_timeout(on_redraw, delay_ms, nullptr);
    }
}

EM_BOOL draw_frame(double, void*) {
    g.frame_requested = false;
    if (g.css_width <= 0 || g.css_height <= 0) return EM_FALSE;

    ImGuiIO& io = ImGui::GetIO();
    const double now_s = platform::clock_s();
    io.DeltaTime = g.last_frame_s > 0 ? std::max(0.001f, static_cast<float>(now_s - g.last_frame_s))
                                      : 1.0f / 60.0f;
    g.last_frame_s = now_s;
    io.DisplaySize = ImVec2(g.css_width, g.css_height);
    io.DisplayFramebufferScale = ImVec2(g.pixel_ratio, g.pixel_ratio);

    // Fonts are rasterised for the pixel ratio, again whenever it changes.
    if (g.font_ratio != g.pixel_ratio) {
        platform::set_field_font_size(
            ui::build_fonts(*io.Fonts, g.font_regular, g.font_bold, g.pixel_ratio));
        platform::renderer_upload_fonts(*io.Fonts);
        g.font_ratio = g.pixel_ratio;
    }

    ImGui::NewFrame();
    const double cpu_start = emscripten_get_now();
    std::vector<core::Intent> intents;
    std::vector<ui::PlatformCommand> commands;
    g.tree.clear();
    ui::Frame frame{*g.app, g.dates, platform::now_ms() / 1000, now_s, g.focus,
                    g.css_width, g.css_height, g.tree, intents, commands, g.view};
    ui::draw_app(frame);
    ImGui::Render();
    platform::stats_frame(emscripten_get_now() - cpu_start);

    const int fb_width = static_cast<int>(std::lround(g.css_width * g.pixel_ratio));
    const int fb_height = static_cast<int>(std::lround(g.css_height * g.pixel_ratio));
    platform::renderer_draw(*ImGui::GetDrawData(), fb_width, fb_height, ui::palette().page);

    if (ImGui::GetMouseCursor() != g.cursor) {
        g.cursor = ImGui::GetMouseCursor();
        platform::set_cursor(css_cursor(g.cursor));
    }

    // The accessible DOM follows what was drawn.
    std::string json = g.tree.to_json();
    if (json != g.shown_tree) {
        platform::a11y_sync(json);
        g.shown_tree = std::move(json);
    }
    platform::embed_frame(g.css_height, g.route_changed, g.tree);
    if (g.route_changed) {
        g.route_changed = false;
        platform::a11y_focus_heading();
    }
    g.focus.just_moved = false;

    for (const ui::PlatformCommand& command : commands) {
        switch (command.kind) {
        case ui::PlatformCommand::Kind::focus: platform::a11y_focus(command.key); break;
        case ui::PlatformCommand::Kind::select:
            platform::a11y_select(command.key, command.start, command.end);
            break;
        case ui::PlatformCommand::Kind::copy: platform::copy_to_clipboard(command.text); break;
        }
    }
    for (const core::Intent& intent : intents) apply(intent);

    if (--g.frames_wanted > 0 || frame.wants_another_frame) invalidate(g.frames_wanted);
    redraw_at(frame.redraw_at_s);
    return EM_FALSE; // one frame per request
}

core::Settings read_settings() {
    core::Settings settings;
    const std::string text = platform::loader_text("config");
    auto config = nlohmann::json::parse(text, nullptr, false);
    if (config.is_object()) {
        if (auto it = config.find("api_base"); it != config.end() && it->is_string()) {
            settings.api_base = it->get<std::string>();
            while (!settings.api_base.empty() && settings.api_base.back() == '/') {
                settings.api_base.pop_back();
            }
        }
        if (auto it = config.find("credentials"); it != config.end() && it->is_string()) {
            const std::string mode = it->get<std::string>();
            if (mode == "bearer") settings.credentials = core::CredentialsMode::bearer;
            if (mode == "key") settings.credentials = core::CredentialsMode::key;
        }
        if (auto it = config.find("timeout_ms"); it != config.end() && it->is_number_integer()) {
            settings.timeout_ms =
                static_cast<int>(std::clamp<std::int64_t>(it->get<std::int64_t>(), 0, 600'000));
        }
    } else if (!text.empty()) {
        platform::log(platform::Level::warn, "config.json is not a JSON object; using defaults");
    }
    return settings;
}

// ?lang= first (fixed: a remembered choice does not override it), then the browser's languages,
// then English. A language chosen before, in the model's prefs, overrides the browser's.
core::Lang pick_language(core::Settings& settings) {
    core::Lang lang = core::Lang::en;
    if (core::parse_lang(platform::query_param("lang"), lang)) {
        settings.lang_fixed = true;
        return lang;
    }
    for (const std::string& tag : platform::browser_languages()) {
        if (core::parse_lang(tag, lang)) return lang;
    }
    return core::Lang::en;
}

} // namespace

// Browser events, from browser.js and a11y_bridge.js.
extern "C" {

EMSCRIPTEN_KEEPALIVE void tickets_on_resize(double width, double height, double ratio) {
    g.css_width = static_cast<float>(width);
    g.css_height = static_cast<float>(height);
    g.pixel_ratio = static_cast<float>(ratio > 0 ? ratio : 1);
    invalidate();
}

EMSCRIPTEN_KEEPALIVE void tickets_on_theme(int dark) {
    g.dark = dark != 0;
    ui::apply_theme(g.dark);
    invalidate();
}

// 0 move, 1 press, 2 release, 3 leave.
EMSCRIPTEN_KEEPALIVE void tickets_on_pointer(int kind, double x, double y, int button) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
    if ((kind == 1 || kind == 2) && button >= 0 && button < 3) {
        const int buttons[] = {ImGuiMouseButton_Left, ImGuiMouseButton_Middle,
                               ImGuiMouseButton_Right};
        io.AddMouseButtonEvent(buttons[button], kind == 1);
    }
    invalidate(3);
}

// Pixels, already normalised across delta modes. ImGui scrolls about 80 px a unit.
EMSCRIPTEN_KEEPALIVE int tickets_on_wheel(double dx, double dy) {
    if (platform::embed_wheel_passes(dy)) return 0; // the portal's page scrolls instead
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-dx / 80.0), static_cast<float>(-dy / 80.0));
    invalidate(3);
    return 1;
}

// 1 Escape, 2 Ctrl/Cmd+Enter in the reply box. Returns whether the page used it.
EMSCRIPTEN_KEEPALIVE int tickets_on_key(int key) {
    if (key == 1) {
        const bool used = g.app->reply().confirm_close_open || g.app->route().ticket_id != 0;
        if (used) apply(core::GoBack{});
        return used;
    }
    if (key == 2 && g.app->can_send()) {
        apply(core::SendReply{});
        return 1;
    }
    return 0;
}

EMSCRIPTEN_KEEPALIVE void tickets_on_visible(int visible) {
    g.app->set_visible(visible != 0, platform::now_ms());
    pump();
}

EMSCRIPTEN_KEEPALIVE void tickets_on_online(int online) {
    g.app->set_online(online != 0, platform::now_ms());
    pump();
}

EMSCRIPTEN_KEEPALIVE void tickets_on_hash() {
    const core::Route route = platform::route_from_hash();
    g.shown_route = route;
    if (!(route == g.app->route())) {
        g.route_changed = true;
        apply(core::Navigate{route});
    }
}

EMSCRIPTEN_KEEPALIVE void tickets_on_activate(const char* key) {
    if (const ui::SemanticNode* node = g.tree.find(key); node && node->action) {
        apply(*node->action);
    }
}

EMSCRIPTEN_KEEPALIVE void tickets_on_text(const char* key, const char* value, int start, int end) {
    ui::FieldState& field = g.focus.fields[key];
    field.sel_start = start;
    field.sel_end = end;
    if (const ui::SemanticNode* node = g.tree.find(key)) {
        if (auto intent = ui::edit_intent(*node, value)) apply(*intent);
    }
    invalidate();
}

EMSCRIPTEN_KEEPALIVE void tickets_on_selection(const char* key, int start, int end) {
    ui::FieldState& field = g.focus.fields[key];
    field.sel_start = start;
    field.sel_end = end;
    invalidate();
}

// The part of a text box's text an input method is composing; -1, -1 when it is done.
EMSCRIPTEN_KEEPALIVE void tickets_on_composition(const char* key, int start, int end) {
    ui::FieldState& field = g.focus.fields[key];
    field.compose_start = start;
    field.compose_end = end;
    invalidate();
}

// 0: the list's rows, 1: the thread.
EMSCRIPTEN_KEEPALIVE void tickets_on_scroll_to(double y, int which) {
    g.view.dom_scroll[which == 0 ? "tickets-list" : "thread-scroll"] = static_cast<float>(y);
    invalidate();
}

EMSCRIPTEN_KEEPALIVE void tickets_on_focus(const char* key, int keyboard) {
    g.focus.key = key;
    g.focus.keyboard = keyboard != 0;
    g.focus.just_moved = true;
    invalidate();
}

} // extern "C"

int main() {
    // Read the deployment's settings and what this tab stored.
    core::Settings settings = read_settings();
    settings.embedded = platform::embed_init(on_handed_credentials);
    std::vector<platform::StoredItem> stored;
    const bool storage_ok = platform::storage_read_all(stored);
    settings.lang = pick_language(settings);
    g.app.emplace(settings);
    for (const auto& item : stored) g.app->restore(item.key, item.value);
    if (!storage_ok) g.app->storage_unavailable();
    platform::set_document_lang(core::lang_code(g.app->lang()).data());

    // Start the model on the route in the address bar, and send what it asks for (the list)
    // before setting up WebGL, which can take a good part of a second on a slow machine.
    const core::Route route = platform::route_from_hash();
    g.app->start(route, platform::now_ms());
    for (const core::Request& request : g.app->take_requests()) {
        platform::fetch_start(request, on_outcome);
        g.first_frame_held = true;
    }

    // Set up WebGL 2 and Dear ImGui.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.alpha = false;
    attrs.antialias = false;
    attrs.depth = false;
    attrs.stencil = false;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (gl <= 0) {
        platform::log(platform::Level::error, "WebGL 2 is not available (%d)", static_cast<int>(gl));
        EM_ASM({ document.getElementById('app').classList.add('no-webgl'); });
        return 1;
    }
    emscripten_webgl_make_context_current(gl);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing to save: the model keeps what matters
    io.LogFilename = nullptr;
    io.ConfigInputTrickleEventQueue = true;
    if (!platform::renderer_init()) {
        EM_ASM({ document.getElementById('app').classList.add('no-webgl'); });
        return 1;
    }

    // Load fonts (rasterised at the first frame, for the pixel ratio then known).
    g.font_regular = platform::loader_bytes("font-regular");
    g.font_bold = platform::loader_bytes("font-bold");

    // Start listening, and carry out the rest of what the model asked for.
    platform::a11y_init();
    platform::browser_init();
    platform::show_route(route, true);
    g.shown_route = route;
    pump();
    // The first frame waits for the first answer, for 100 ms at most (the loader's spinner shows
    // meanwhile): an answer that is already in, or nearly, is then drawn in the first frame
    // rather than after a frame of "Loading", which costs a whole frame more to start.
    if (g.first_frame_held) emscripten_set_timeout(release_first_frame, 100, nullptr);
    invalidate();
    return 0;
}
