// Sign in with the API's own credentials (config.json "credentials": "key"): an e-mail and an
// API key, checked by loading the ticket list.
#include "ui/views.h"

#include "ui/theme.h"
#include "ui/widgets.h"

#include <algorithm>

namespace ui {

void draw_sign_in(Frame& frame, float x, float width, float top) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const core::SignInState& state = app.sign_in();
    const Palette& p = palette();
    using core::Msg;

    const float card_w = std::min(width, 440.0f);
    const float left = x + (width - card_w) * 0.5f;
    const float pad = card_w < 360 ? 16.0f : 28.0f;
    const float inner = card_w - 2 * pad;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);

    ImGui::SetCursorScreenPos(ImVec2(left + pad, top + pad));
    heading(frame, "sign-in-heading", core::text(lang, Msg::sign_in_heading));
    ImGui::SetCursorScreenPos(ImVec2(left + pad, ImGui::GetCursorScreenPos().y + 8));

    TextBoxSpec email;
    email.key = "email";
    email.name = std::string(core::text(lang, Msg::email));
    email.show_label = true;
    email.text = state.email;
    email.edit = EditTarget::email;
    email.width = inner;
    text_box(frame, email);

    ImGui::SetCursorScreenPos(ImVec2(left + pad, ImGui::GetCursorScreenPos().y + 8));
    TextBoxSpec key;
    key.key = "api-key";
    key.role = Role::password;
    key.name = std::string(core::text(lang, Msg::api_key));
    key.show_label = true;
    key.text = state.key;
    key.edit = EditTarget::key;
    key.masked = !state.key_visible;
    const std::string toggle(core::text(lang, state.key_visible ? Msg::hide_key : Msg::show_key));
    ImFont* bold = fonts().bold;
    const float toggle_w =
        bold->CalcTextSizeA(bold->FontSize * bold->Scale, FLT_MAX, 0, toggle.c_str()).x + 32;
    key.width = inner - toggle_w - 8;
    text_box(frame, key);
    ImGui::SameLine(0, 8);
    ImGui::SetCursorScreenPos(
        ImVec2(ImGui::GetCursorScreenPos().x, ImGui::GetItemRectMax().y - 40));
    button(frame, "toggle-key", toggle, core::ToggleKeyVisible{}, ButtonStyle::secondary);

    ImGui::SetCursorScreenPos(ImVec2(left + pad, ImGui::GetCursorScreenPos().y + 4));
    wrapped_text(core::text(lang, Msg::api_key_hint), inner, p.muted, fonts().small);
    SemanticNode hint;
    hint.key = "api-key-hint";
    hint.parent = "main";
    hint.role = Role::text;
    hint.name = std::string(core::text(lang, Msg::api_key_hint));
    hint.rect = last_item_rect();
    frame.tree.add(std::move(hint));

    ImGui::SetCursorScreenPos(ImVec2(left + pad, ImGui::GetCursorScreenPos().y + 12));
    const bool ready = !state.email.empty() && !state.key.empty() && !state.checking;
    button(frame, "sign-in", core::text(lang, Msg::sign_in), core::SignIn{},
           ButtonStyle::primary, !ready);
    const float bottom = ImGui::GetItemRectMax().y + pad;

    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(ImVec2(left, top), ImVec2(left + card_w, bottom), p.surface, 14);
    draw->AddRect(ImVec2(left, top), ImVec2(left + card_w, bottom), p.border, 14);
    draw->ChannelsMerge();
}

} // namespace ui
