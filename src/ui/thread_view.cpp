// One ticket (#/tickets/:id): its header, the thread in date order, and the reply box.
#include "ui/views.h"

#include "ui/theme.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace ui {

namespace {

// The http and https links in a message, in order, without trailing punctuation.
std::vector<std::string> find_links(std::string_view text) {
    std::vector<std::string> links;
    size_t at = 0;
    while (at < text.size() && links.size() < 10) {
        size_t http = text.find("http", at);
        if (http == std::string_view::npos) break;
        std::string_view rest = text.substr(http);
        if (!(rest.starts_with("http://") || rest.starts_with("https://")) ||
            (http > 0 && std::isalnum(static_cast<unsigned char>(text[http - 1])))) {
            at = http + 4;
            continue;
        }
        size_t end = http;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
               text[end] != '<' && text[end] != '>' && text[end] != '"') {
            ++end;
        }
        while (end > http && std::string_view(".,;:!?)'").find(text[end - 1]) !=
                                 std::string_view::npos) {
            --end;
        }
        std::string link(text.substr(http, end - http));
        if (link.size() > 8) links.push_back(std::move(link));
        at = end;
    }
    return links;
}

void back_link(Frame& frame) {
    const core::Lang lang = frame.app.lang();
    const Palette& p = palette();
    const std::string label = "\xE2\x80\xB9 " + std::string(core::text(lang, core::Msg::all_tickets)); // ‹
    ImFont* font = fonts().bold;
    ImVec2 size = font->CalcTextSizeA(font->FontSize * font->Scale, FLT_MAX, 0, label.c_str());
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("back", ImVec2(size.x + 8, size.y + 12));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(font, font->FontSize * font->Scale, ImVec2(pos.x + 4, pos.y + 6), p.link,
                  label.c_str());
    if (hovered) {
        draw->AddLine(ImVec2(pos.x + 4, pos.y + 7 + size.y), ImVec2(pos.x + 4 + size.x, pos.y + 7 + size.y),
                      p.link);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    focus_ring(frame, "back", 6);
    SemanticNode node;
    node.key = "back";
    node.parent = "main";
    node.role = Role::link;
    node.name = std::string(core::text(lang, core::Msg::all_tickets));
    node.value = "#/tickets";
    node.rect = last_item_rect();
    node.action = core::Navigate{core::Route{0}};
    frame.tree.add(std::move(node));
}

void message_card(Frame& frame, int index, const std::string& text, std::int64_t date,
                  bool first, float width) {
    const core::Lang lang = frame.app.lang();
    const Palette& p = palette();
    const float pad = 18;
    const float inner = width - 2 * pad;
    const std::string exact = frame.dates.exact(date, lang);
    const std::string when = frame.dates.relative(date, frame.now_s, lang);
    const auto links = find_links(text);

    ImVec2 pos = ImGui::GetCursorScreenPos();
    float body_h = wrapped_text_height(text, inner, fonts().body);
    float links_h = links.empty() ? 0 : links.size() * 28.0f + 6;
    float height = pad + 24 + 10 + body_h + links_h + 10 + 32 + pad - 8;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + height);
    draw->AddRectFilled(ImVec2(pos.x, pos.y + 2), ImVec2(max.x, max.y + 2), p.shadow, 12);
    draw->AddRectFilled(pos, max, p.surface, 12);
    draw->AddRect(pos, max, p.border, 12);
    if (first) {
        draw->AddRectFilled(pos, ImVec2(pos.x + 4, max.y), p.accent, 12,
                            ImDrawFlags_RoundCornersLeft);
    }

    // Header: who (only the first message's author is known) and when.
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
    std::string header = first ? std::string(core::text(lang, core::Msg::original_request)) + "  \xC2\xB7  " + exact
                               : exact;
    clipped_text(header + "  \xC2\xB7  " + when, inner, p.muted, fonts().small);

    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad + 34));
    wrapped_text(text, inner, p.text, fonts().body);

    SemanticNode article;
    article.key = "message-" + std::to_string(index);
    article.parent = "main";
    article.role = Role::article;
    article.name = exact;
    article.value = text;
    // The whole card, in the thread's content: its links and Copy lie inside it (a child
    // outside its article's box could not be clicked).
    article.rect = {pos.x + ImGui::GetScrollX(), pos.y + ImGui::GetScrollY(), width, height};
    frame.tree.add(std::move(article));

    for (size_t i = 0; i < links.size(); ++i) {
        ImGui::SetCursorScreenPos(
            ImVec2(pos.x + pad, pos.y + pad + 34 + body_h + 6 + static_cast<float>(i) * 28));
        const std::string key = "link-" + std::to_string(index) + "-" + std::to_string(i);
        ImVec2 lp = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton(key.c_str(), ImVec2(std::min(inner, 
            fonts().body->CalcTextSizeA(16, FLT_MAX, 0, links[i].c_str()).x + 30), 24));
        // The twin lies over the link as drawn, in the thread's content (it scrolls with it).
        const Rect link_rect = last_item_rect();
        focus_ring(frame, key, 4);
        bool hovered = ImGui::IsItemHovered();
        ImGui::SetCursorScreenPos(ImVec2(lp.x, lp.y + 2));
        clipped_text(links[i], inner, p.link, fonts().body);
        const float link_w = std::min(inner, ImGui::GetItemRectSize().x);
        (void)link_w;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(lp.x, lp.y + 21), ImVec2(lp.x + std::min(inner,
            fonts().body->CalcTextSizeA(16, FLT_MAX, 0, links[i].c_str()).x), lp.y + 21), p.link);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        SemanticNode link;
        link.key = key;
        link.parent = "message-" + std::to_string(index);
        link.role = Role::link;
        link.name = links[i];
        link.value = links[i];
        link.new_tab = true;
        link.rect = link_rect;
        frame.tree.add(std::move(link));
    }

    // Copy the message's text.
    const std::string copy_key = "copy-" + std::to_string(index);
    const bool copied = frame.state.copied_key == copy_key && frame.time_s < frame.state.copied_until_s;
    // Its word lines up with the message's text.
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad - 16, max.y - pad - 30));
    button(frame, copy_key, core::text(lang, copied ? core::Msg::copied : core::Msg::copy_text),
           core::CopyText{text}, ButtonStyle::quiet, false, "message-" + std::to_string(index));
    if (copied) frame.wants_another_frame = true;
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y + 14));
    ImGui::Dummy(ImVec2(0, 0));
}

void reply_area(Frame& frame, const core::Ticket& ticket, float width) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const Palette& p = palette();
    using core::Msg;

    TextBoxSpec box;
    box.key = "reply";
    box.name = std::string(core::text(lang, Msg::reply_label));
    box.show_label = true;
    box.text = app.draft(ticket.id);
    box.edit = EditTarget::draft;
    box.ticket_id = ticket.id;
    box.multiline = true;
    box.min_lines = 4;
    box.max_lines = 14;
    box.width = width;
    box.placeholder = std::string(core::text(lang, Msg::reply_placeholder));
    text_box(frame, box);

    ImGui::Dummy(ImVec2(0, 2));
    const ImVec2 row = ImGui::GetCursorScreenPos();
    // When a reply's fate was unknown and the thread did not show it, the button says so.
    button(frame, "send-reply",
           core::text(lang, app.reply().offer_send_again ? Msg::send_again : Msg::send_reply),
           core::SendReply{}, ButtonStyle::primary, !app.can_send());

    // Beside Send: what is happening, or the shortcut when there is room for it.
    const std::string close(core::text(lang, Msg::close_ticket));
    ImFont* bold = fonts().bold;
    const float close_w =
        bold->CalcTextSizeA(bold->FontSize * bold->Scale, FLT_MAX, 0, close.c_str()).x + 32;
    const float send_right = ImGui::GetItemRectMax().x;
    const Msg aside = app.reply().sending ? Msg::sending : Msg::send_shortcut;
    if (app.reply().sending || width > 480) {
        ImGui::SetCursorScreenPos(ImVec2(send_right + 12, row.y + 11));
        clipped_text(core::text(lang, aside), std::max(0.0f, row.x + width - close_w - send_right - 24),
                     p.muted, fonts().small);
    }

    // Close sits apart, on the right.
    ImGui::SetCursorScreenPos(ImVec2(std::max(send_right + 12, row.x + width - close_w), row.y));
    button(frame, "close-ticket", close, core::AskClose{}, ButtonStyle::secondary,
           app.reply().closing);
}

} // namespace

void draw_thread(Frame& frame, float x, float width, float top, float bottom) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const core::ThreadView& view = app.thread();
    const Palette& p = palette();
    using core::Msg;

    // One scrolling region for the whole ticket, its scrollbar outside the column.
    ImGui::SetCursorScreenPos(ImVec2(x - 8, top - 8));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
    ImGui::BeginChild("thread", ImVec2(width + 28, bottom - top + 8),
                      ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    SemanticNode scroller;
    scroller.key = "thread-scroll";
    scroller.parent = "main";
    scroller.role = Role::text; // a plain box: its children carry the roles
    begin_scroller(frame, std::move(scroller));
    const float left = ImGui::GetCursorScreenPos().x;

    back_link(frame);
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 6));

    if (view.not_found || (view.state == core::LoadState::failed && !view.thread)) {
        // Not found: the page's own words as the heading, then the API's answer as it came
        // (the status region says it too). Another failure: its words are the heading.
        const std::string own(core::text(lang, Msg::not_found));
        const std::string words = view.not_found || view.error.empty() ? own : view.error;
        heading(frame, "ticket-heading", words, 1, width);
        if (view.not_found && !view.error.empty() && view.error != own) {
            ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 4));
            wrapped_text(view.error, width, p.muted, fonts().body);
            SemanticNode detail;
            detail.key = "ticket-error";
            detail.parent = "main";
            detail.role = Role::text;
            detail.name = view.error;
            detail.rect = last_item_rect();
            frame.tree.add(std::move(detail));
        }
        frame.tree.end_container();
        ImGui::EndChild();
        return;
    }
    if (!view.thread) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(core::text(lang, Msg::loading).data());
        ImGui::PopStyleColor();
        SemanticNode note;
        note.key = "thread-loading";
        note.parent = "main";
        note.role = Role::text;
        note.name = std::string(core::text(lang, Msg::loading));
        note.rect = last_item_rect();
        frame.tree.add(std::move(note));
        frame.tree.end_container();
        ImGui::EndChild();
        return;
    }

    const core::Thread& thread = *view.thread;
    const core::Ticket& ticket = thread.ticket;
    const std::string subject = ticket.subject.empty()
                                    ? std::string(core::text(lang, Msg::no_subject))
                                    : ticket.subject;
    heading(frame, "ticket-heading", subject, 1, width);
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 4));

    // The ticket's facts on one line: status, department, product, created.
    status_badge(ticket.status, status_word(lang, ticket.status), fonts().small);
    ImGui::SameLine(0, 10);
    std::string meta = department_word(lang, ticket.department);
    if (ticket.product_id) {
        meta += "  \xC2\xB7  " + std::string(core::text(lang, Msg::product)) + " " +
                std::to_string(ticket.product_id);
    }
    meta += "  \xC2\xB7  " + std::string(core::text(lang, Msg::created)) + " " +
            frame.dates.exact(ticket.date, lang) + "  \xC2\xB7  #" + std::to_string(ticket.id);
    const ImVec2 meta_pos = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(meta_pos.x, meta_pos.y + 3));
    float meta_w = left + width - meta_pos.x;
    wrapped_text(meta, std::max(80.0f, meta_w), p.muted, fonts().small);
    SemanticNode facts;
    facts.key = "ticket-facts";
    facts.parent = "main";
    facts.role = Role::text;
    facts.name = status_word(lang, ticket.status) + ", " + meta;
    facts.rect = last_item_rect();
    frame.tree.add(std::move(facts));
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 16));

    // The thread: the customer's first message, then every response in date order.
    message_card(frame, 0, ticket.message, ticket.date, true, width);
    for (size_t i = 0; i < thread.responses.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
        message_card(frame, static_cast<int>(i) + 1, thread.responses[i].message,
                     thread.responses[i].date, false, width);
    }

    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 4));
    if (core::is_closed(ticket)) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(core::text(lang, Msg::ticket_closed_note).data());
        ImGui::PopStyleColor();
        SemanticNode note;
        note.key = "closed-note";
        note.parent = "main";
        note.role = Role::text;
        note.name = std::string(core::text(lang, Msg::ticket_closed_note));
        note.rect = last_item_rect();
        frame.tree.add(std::move(note));
    } else {
        reply_area(frame, ticket, width);
    }
    ImGui::Dummy(ImVec2(0, 24));
    frame.tree.end_container();
    ImGui::EndChild();
}

void draw_close_dialog(Frame& frame) {
    const core::Lang lang = frame.app.lang();
    const Palette& p = palette();
    using core::Msg;
    constexpr ImGuiWindowFlags k_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings;

    // A veil over the page, above it and below the dialog, that takes the pointer.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(frame.width, frame.height));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.overlay);
    ImGui::Begin("close-dialog-veil", nullptr, k_flags | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::End();
    ImGui::PopStyleColor();

    const float w = std::min(440.0f, frame.width - 24);
    const float h = 190;
    const ImVec2 pos((frame.width - w) * 0.5f, std::max(24.0f, (frame.height - h) * 0.4f));
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 22));
    ImGui::Begin("close-dialog", nullptr, k_flags);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();

    SemanticNode dialog;
    dialog.key = "close-dialog";
    dialog.parent = "main";
    dialog.role = Role::dialog;
    dialog.name = std::string(core::text(lang, Msg::close_confirm_title));
    dialog.hint = std::string(core::text(lang, Msg::close_confirm_body));
    dialog.rect = {pos.x, pos.y, w, h};
    frame.tree.add(std::move(dialog));

    ImGui::PushFont(fonts().heading);
    ImGui::TextUnformatted(core::text(lang, Msg::close_confirm_title).data());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 2));
    wrapped_text(core::text(lang, Msg::close_confirm_body), w - 48, p.muted, fonts().body);
    ImGui::SetCursorPosY(h - 22 - 40);
    button(frame, "dialog-cancel", core::text(lang, Msg::cancel), core::CancelClose{},
           ButtonStyle::secondary, false, "close-dialog");
    ImGui::SameLine(0, 12);
    button(frame, "dialog-close", core::text(lang, Msg::close_ticket), core::ConfirmClose{},
           ButtonStyle::danger, frame.app.reply().closing, "close-dialog");
    ImGui::End();
}

} // namespace ui
