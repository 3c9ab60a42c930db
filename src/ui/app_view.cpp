#include "ui/views.h"

#include "ui/theme.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cfloat>

namespace ui {

std::string status_word(core::Lang lang, std::string_view status) {
    return core::status_name(lang, status);
}

std::string department_word(core::Lang lang, std::string_view code) {
    return core::department_name(lang, code);
}

void heading(Frame& frame, const std::string& key, std::string_view text, int level,
             float wrap_width) {
    ImFont* font = level == 1 ? fonts().heading : fonts().bold;
    if (wrap_width > 0) {
        wrapped_text(text, wrap_width, palette().text, font);
    } else {
        ImGui::PushFont(font);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopFont();
    }
    SemanticNode node;
    node.key = key;
    node.parent = "main";
    node.role = Role::heading;
    node.level = level;
    node.name = std::string(text);
    node.rect = last_item_rect();
    frame.tree.add(std::move(node));
}

void draw_app(Frame& frame) {
    const core::App& app = frame.app;
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags k_flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("page", nullptr, k_flags);

    SemanticNode main;
    main.key = "main";
    main.role = Role::main;
    main.name = std::string(core::text(app.lang(), core::Msg::app_title));
    main.rect = {0, 0, frame.width, frame.height};
    frame.tree.add(std::move(main));

    // The content column, with a margin that shrinks on narrow screens.
    const float margin = frame.width < 600 ? 12.0f : 24.0f;
    const float width = std::min(k_content_max_width, frame.width - 2 * margin);
    const float x = std::max(margin, (frame.width - width) * 0.5f);

    draw_top_bar(frame, x, width);
    const float top = k_top_bar_height + (frame.width < 600 ? 12.0f : 24.0f);
    if (app.needs_sign_in()) {
        draw_sign_in(frame, x, width, top);
    } else if (app.route().ticket_id != 0) {
        draw_thread(frame, x, width, top, frame.height);
    } else {
        draw_list(frame, x, width, top, frame.height);
    }
    if (app.reply().confirm_close_open) {
        draw_close_dialog(frame);
    }
    draw_toast(frame);
    ImGui::End();
}

namespace {

// Whether the latest notice is worth a toast: not what the page already shows in its own place
// (loading, the list's counts and empty states, Sending beside its button, a ticket that could
// not be loaded), and not what only a screen reader needs (a ticket loaded).
bool worth_a_toast(const core::App& app) {
    const core::Notice& notice = app.notice();
    if (notice.text.empty()) return false;
    if (notice.msg) {
        switch (*notice.msg) {
        case core::Msg::loading:
        case core::Msg::ticket_loaded:
        case core::Msg::no_tickets_yet:
        case core::Msg::no_tickets_match:
        case core::Msg::sending: return false;
        default: break;
        }
    } else if (!notice.is_error) {
        return false; // "21 tickets shown"
    }
    const bool on_list = app.route().ticket_id == 0 && !app.needs_sign_in();
    if (on_list && app.list().tickets.empty() && app.list().state == core::LoadState::failed) {
        return false; // the list's area says it
    }
    const bool on_ticket = app.route().ticket_id != 0 && !app.needs_sign_in();
    if (on_ticket && !app.thread().thread && app.thread().state == core::LoadState::failed) {
        return false; // the ticket's page says it
    }
    return true;
}

} // namespace

void draw_toast(Frame& frame) {
    const core::App& app = frame.app;
    const core::Notice& notice = app.notice();
    ViewState& state = frame.state;
    if (notice.serial != state.toast_serial) {
        state.toast_serial = notice.serial;
        state.toast_since_s = frame.time_s;
        state.toast_route_ticket = app.route().ticket_id;
    }
    if (state.toast_route_ticket != app.route().ticket_id || !worth_a_toast(app)) return;

    // An error stays; a success goes after five seconds, in one frame drawn then (no fade: the
    // page draws nothing while idle).
    constexpr double k_shown_s = 5.0;
    if (!notice.is_error) {
        const double gone_s = state.toast_since_s + k_shown_s;
        if (frame.time_s > gone_s) return;
        frame.draw_again_at(gone_s);
    }

    const Palette& p = palette();
    ImFont* font = fonts().body;
    const float size = font->FontSize * font->Scale;
    const float pad_x = 18, pad_y = 12;
    const float max_w = std::min(520.0f, frame.width - 32);
    const ImVec2 text =
        font->CalcTextSizeA(size, FLT_MAX, max_w - 2 * pad_x, notice.text.c_str());
    const ImVec2 box(text.x + 2 * pad_x, text.y + 2 * pad_y);
    const ImVec2 min((frame.width - box.x) * 0.5f, frame.height - 24 - box.y);
    const ImVec2 max(min.x + box.x, min.y + box.y);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRectFilled(ImVec2(min.x, min.y + 3), ImVec2(max.x, max.y + 3), p.shadow, 10);
    draw->AddRectFilled(min, max, notice.is_error ? p.danger : p.text, 10);
    draw->AddText(font, size, ImVec2(min.x + pad_x, min.y + pad_y),
                  notice.is_error ? p.on_danger : p.surface, notice.text.c_str(), nullptr,
                  max_w - 2 * pad_x);
}

void draw_top_bar(Frame& frame, float x, float width) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const Palette& p = palette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(frame.width, k_top_bar_height), p.surface);
    draw->AddLine(ImVec2(0, k_top_bar_height), ImVec2(frame.width, k_top_bar_height), p.border);

    // On the right: language, refresh, sign out; the product's name on the left where they
    // leave room for it. Where even they do not fit with their words (a phone, a portal's narrow
    // column), the language shows its code and Refresh its icon: their names stay whole.
    const std::string lang_label = lang == core::Lang::fr ? "Fran\xC3\xA7" "ais" : "English";
    const std::string_view title(core::text(lang, core::Msg::app_title));
    const std::string refresh(core::text(lang, core::Msg::refresh));
    const std::string sign_out(core::text(lang, core::Msg::sign_out));
    ImFont* bold = fonts().bold;
    auto text_w = [&](std::string_view s) {
        return bold->CalcTextSizeA(bold->FontSize * bold->Scale, FLT_MAX, 0, s.data(),
                                   s.data() + s.size())
            .x;
    };
    const bool show_sign_out = app.offers_sign_out();
    const float sign_out_w = show_sign_out ? 8 + text_w(sign_out) + 32 : 0;
    const float full_w = 128 + 8 + text_w(refresh) + 32 + sign_out_w;
    const bool compact = full_w > width;
    const float lang_w = compact ? 72 : 128;
    const float controls_w = compact ? lang_w + 8 + 40 + sign_out_w : full_w;

    if (text_w(title) + 24 + controls_w <= width) {
        ImGui::SetCursorScreenPos(
            ImVec2(x, (k_top_bar_height - bold->FontSize * bold->Scale) * 0.5f));
        ImGui::PushFont(bold);
        ImGui::TextUnformatted(title.data(), title.data() + title.size());
        ImGui::PopFont();
    }
    ImGui::SetCursorScreenPos(
        ImVec2(std::max(x, x + width - controls_w), (k_top_bar_height - 40) * 0.5f));

    // The language control: drawn here, chosen through its DOM twin (a native select).
    {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 max(pos.x + lang_w, pos.y + 40);
        ImGui::InvisibleButton("language", ImVec2(lang_w, 40));
        const bool hovered = ImGui::IsItemHovered();
        draw->AddRectFilled(pos, max, hovered ? p.surface_hover : p.surface, 8);
        draw->AddRect(pos, max, p.border, 8);
        const char* shown = !compact ? lang_label.c_str() : lang == core::Lang::fr ? "FR" : "EN";
        draw->AddText(fonts().body, 16, ImVec2(pos.x + 14, pos.y + (40 - 16) * 0.5f), p.text,
                      shown);
        draw->AddTriangleFilled(ImVec2(max.x - 24, pos.y + 17), ImVec2(max.x - 14, pos.y + 17),
                                ImVec2(max.x - 19, pos.y + 23), p.muted);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        focus_ring(frame, "language");
        SemanticNode node;
        node.key = "language";
        node.parent = "main";
        node.role = Role::combobox;
        node.name = std::string(core::text(lang, core::Msg::language));
        node.value = std::string(core::lang_code(lang));
        node.options = {{"en", "English"}, {"fr", "Fran\xC3\xA7" "ais"}};
        node.edit = EditTarget::language;
        node.rect = last_item_rect();
        frame.tree.add(std::move(node));
    }
    ImGui::SameLine(0, 8);
    if (compact) {
        icon_button(frame, "refresh", Icon::refresh, refresh, core::Refresh{});
    } else {
        button(frame, "refresh", refresh, core::Refresh{});
    }
    if (show_sign_out) {
        ImGui::SameLine(0, 8);
        button(frame, "sign-out", sign_out, core::SignOut{});
    }
}

} // namespace ui
