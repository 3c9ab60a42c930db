// The page inside a portal's iframe (README.md, "Embedding"): whether it talks to a portal at
// all, the credentials the portal hands over, the events the portal hears, the height the frame
// should have to show everything, and the wheel that should scroll the portal rather than the
// page. The postMessage side, with its origin rules, is embed.js.
#include "platform/page.h"

#include "core/json_write.h"
#include "ui/semantic.h"
#include "ui/views.h"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // the windows' content sizes and scroll limits
#include <nlohmann/json.hpp> // config.json's portal_origins

#include <algorithm>
#include <cmath>
#include <utility>

namespace platform {

namespace {

// The tallest the page asks its frame to be, in CSS pixels: about 40 rows of the list. Beyond
// that, the list or the thread scrolls inside the frame. The canvas is as tall as the frame, and
// at this height already holds 15 MB of pixels at a pixel ratio of 1, 60 MB at 2.
constexpr float k_max_frame_height = 4000;

// The window the views draw the page in (ui/app_view.cpp); its children are the scrolling
// regions (the list's rows, the thread).
constexpr const char* k_page_window = "page";

struct Embedding {
    bool active = false; // framed by a portal that portal_origins lists (or may list)
    CredentialsHandler on_credentials;
    float reported_height = -1;
    int scrolls_inside = -1; // as last told: 0 no, 1 yes
    bool dialog_shown = false;
};

Embedding embedding;

EM_JS(int, js_embed_init, (const char* origins_json), {
    return TicketsPortal.init(UTF8ToString(origins_json));
});
EM_JS(void, js_embed_event, (const char* type, double ticket_id), {
    TicketsPortal.post({type : UTF8ToString(type), id : ticket_id});
});
EM_JS(void, js_embed_ask, (), { TicketsPortal.post({type : 'tickets:credentials-wanted'}); });
EM_JS(void, js_embed_height, (double height), { TicketsPortal.setHeight(height); });
EM_JS(void, js_embed_scrolls_inside, (int inside), {
    TicketsPortal.setScrollsInside(inside != 0);
});
EM_JS(void, js_embed_reveal, (double top, double height), {
    TicketsPortal.post({type : 'tickets:reveal', top : top, height : height});
});

// config.json's portal_origins, as a JSON array of strings; anything else counts as none.
std::string portal_origins_json() {
    const auto config = nlohmann::json::parse(loader_text("config"), nullptr, false);
    std::string origins = "[";
    if (config.is_object()) {
        if (auto it = config.find("portal_origins"); it != config.end() && it->is_array()) {
            for (const auto& origin : *it) {
                if (!origin.is_string()) continue;
                if (origins.size() > 1) origins += ',';
                core::json::append_string(origins, origin.get_ref<const std::string&>());
            }
        }
    }
    return origins + "]";
}

// The height that shows the whole page without scrolling: down to the end of the scrolling
// region's content (its size as ImGui measured it in the frame before), or of the page's own
// content where there is none (sign-in, an empty list).
float content_height() {
    ImGuiWindow* page = ImGui::FindWindowByName(k_page_window);
    if (!page || !page->Active) return 0;
    float bottom = 0;
    bool scrolling_region = false;
    for (ImGuiWindow* window : GImGui->Windows) {
        if (!window->Active || window->ParentWindow != page ||
            !(window->Flags & ImGuiWindowFlags_ChildWindow)) {
            continue;
        }
        scrolling_region = true;
        bottom = std::max(bottom, window->Pos.y + window->ContentSize.y +
                                      2 * window->WindowPadding.y);
    }
    if (!scrolling_region) bottom = page->ContentSize.y + 2 * page->WindowPadding.y;
    return bottom;
}

} // namespace

bool embed_init(CredentialsHandler on_credentials) {
    embedding.on_credentials = std::move(on_credentials);
    embedding.active = js_embed_init(portal_origins_json().c_str()) != 0;
    if (embedding.active) log(Level::info, "embedded: talking to the portal that frames the page");
    return embedding.active;
}

void embed_send(const std::vector<core::Event>& events) {
    if (!embedding.active) return;
    for (const core::Event& event : events) {
        switch (event.kind) {
        case core::Event::Kind::credentials_wanted:
            log(Level::info, "asking the portal for credentials");
            js_embed_ask();
            break;
        case core::Event::Kind::ticket_opened:
            js_embed_event("tickets:opened", static_cast<double>(event.ticket_id));
            break;
        case core::Event::Kind::reply_sent:
            js_embed_event("tickets:replied", static_cast<double>(event.ticket_id));
            break;
        case core::Event::Kind::ticket_closed:
            js_embed_event("tickets:closed", static_cast<double>(event.ticket_id));
            break;
        }
    }
}

void embed_frame(float css_height, bool route_changed, const ui::SemanticTree& tree) {
    if (!embedding.active) return;

    // The frame's height follows the content, up to the cap.
    const float needed = std::ceil(content_height());
    if (needed > 0) {
        const float height = std::min(needed, k_max_frame_height);
        if (std::fabs(height - embedding.reported_height) >= 1) {
            embedding.reported_height = height;
            js_embed_height(height);
        }
        const int inside = needed > css_height + 1 ? 1 : 0;
        if (inside != embedding.scrolls_inside) {
            embedding.scrolls_inside = inside;
            js_embed_scrolls_inside(inside);
        }
    }

    // A new screen starts at its top, and a dialog opens where the customer can see it: the
    // portal scrolls that part of the frame into view when it is not.
    if (route_changed) js_embed_reveal(0, std::min(css_height, ui::k_top_bar_height));
    const ui::SemanticNode* dialog = nullptr;
    for (const ui::SemanticNode& node : tree.nodes()) {
        if (node.role == ui::Role::dialog) dialog = &node;
    }
    if (dialog && !embedding.dialog_shown) js_embed_reveal(dialog->rect.y, dialog->rect.h);
    embedding.dialog_shown = dialog != nullptr;
}

bool embed_wheel_passes(double dy) {
    if (!embedding.active) return false;
    if (dy == 0) return true; // nothing on the page scrolls sideways

    // The window under the pointer (as of the last frame), or one holding it, that can still
    // scroll that way takes the wheel; otherwise the portal's page scrolls.
    for (ImGuiWindow* window = GImGui->HoveredWindow; window; window = window->ParentWindow) {
        if (window->Flags & ImGuiWindowFlags_NoScrollWithMouse) continue;
        const bool down_left = window->Scroll.y < window->ScrollMax.y - 0.5f;
        const bool up_left = window->Scroll.y > 0.5f;
        if ((dy > 0 && down_left) || (dy < 0 && up_left)) return false;
    }
    return true;
}

} // namespace platform

extern "C" {

// The portal's answer, from embed.js: 0 nothing, 1 a token, 2 an e-mail and API key.
EMSCRIPTEN_KEEPALIVE void tickets_on_credentials(int kind, const char* first, const char* second) {
    using platform::embedding;
    if (!embedding.active || !embedding.on_credentials) return;
    std::optional<core::Credentials> credentials;
    if (kind == 1) credentials = core::Credentials{core::CredentialsMode::bearer, first, {}, {}};
    if (kind == 2) credentials = core::Credentials{core::CredentialsMode::key, {}, first, second};
    platform::log(platform::Level::info, "the portal handed over %s",
                  kind == 1 ? "a token" : kind == 2 ? "an e-mail and API key" : "nothing");
    embedding.on_credentials(std::move(credentials));
}

} // extern "C"
