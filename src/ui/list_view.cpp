// The list of tickets (#/tickets): status filter, search, sort, and the rows, drawn through
// ImGuiListClipper from the model's index of visible rows, so a long list costs what a short
// one does.
#include "ui/views.h"

#include "ui/theme.h"
#include "ui/widgets.h"

#include <imgui_internal.h> // the window's clip rectangle

#include <algorithm>
#include <string>

namespace ui {

namespace {

constexpr float k_row_height = 84.0f;
constexpr float k_row_gap = 8.0f;
constexpr float k_ring_room = 4.0f;    // room for a row's focus ring inside the list's clip
constexpr int k_all_rows_in_dom = 300; // up to this many tickets, every row has its DOM link
constexpr int k_dom_margin = 20;       // beyond, this many on each side of the visible rows

std::string count_label(std::string_view word, int count) {
    return std::string(word) + " (" + std::to_string(count) + ")";
}

void filter_chips(Frame& frame, float width) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const core::ListView& list = app.list();
    const Palette& p = palette();

    SemanticNode group;
    group.key = "status-filter";
    group.parent = "main";
    group.role = Role::radiogroup;
    group.name = std::string(core::text(lang, core::Msg::status_group));
    size_t group_index = frame.tree.nodes().size();
    frame.tree.add(std::move(group));
    ImVec2 group_min = ImGui::GetCursorScreenPos();

    struct Chip {
        core::StatusFilter filter;
        core::Msg word;
        int count;
        const char* key;
    };
    const Chip chips[] = {
        {core::StatusFilter::all, core::Msg::filter_all, list.count_all, "filter-all"},
        {core::StatusFilter::open, core::Msg::filter_open, list.count_open, "filter-open"},
        {core::StatusFilter::closed, core::Msg::filter_closed, list.count_closed, "filter-closed"},
    };
    ImFont* font = fonts().bold;
    const float size = font->FontSize * font->Scale;
    for (const Chip& chip : chips) {
        const std::string label = count_label(core::text(lang, chip.word), chip.count);
        const bool checked = list.filter == chip.filter;
        float w = font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x + 28;
        // A chip that would pass the column's edge (a narrow screen) starts a new line.
        const bool first = chip.filter == chips[0].filter;
        if (!first && ImGui::GetCursorScreenPos().x + w > group_min.x + width) {
            ImGui::NewLine();
            ImGui::SetCursorScreenPos(ImVec2(group_min.x, ImGui::GetCursorScreenPos().y));
        }
        ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton(chip.key, ImVec2(w, 36));
        bool hovered = ImGui::IsItemHovered();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImVec2 max(pos.x + w, pos.y + 36);
        if (checked) {
            draw->AddRectFilled(pos, max, p.accent, 18);
        } else {
            draw->AddRectFilled(pos, max, hovered ? p.surface_hover : p.surface, 18);
            draw->AddRect(pos, max, p.border, 18);
        }
        draw->AddText(font, size, ImVec2(pos.x + 14, pos.y + (36 - size) * 0.5f),
                      checked ? p.on_accent : p.text, label.c_str());
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        focus_ring(frame, chip.key, 18);

        SemanticNode node;
        node.key = chip.key;
        node.parent = "status-filter";
        node.role = Role::radio;
        node.name = label;
        node.checked = checked;
        node.rect = last_item_rect();
        node.action = core::SetFilter{chip.filter};
        frame.tree.add(std::move(node));
        ImGui::SameLine(0, 8);
    }
    ImGui::NewLine();
    ImVec2 group_max = ImGui::GetItemRectMax();
    SemanticNode& group_node = const_cast<SemanticNode&>(frame.tree.nodes()[group_index]);
    group_node.rect = {group_min.x, group_min.y, group_max.x - group_min.x,
                       group_max.y - group_min.y};
}

using SortOptions = std::vector<std::pair<std::string, std::string>>; // value, label

SortOptions sort_options(core::Lang lang) {
    using core::Msg;
    return {
        {"date-desc", std::string(core::text(lang, Msg::sort_newest))},
        {"date-asc", std::string(core::text(lang, Msg::sort_oldest))},
        {"subject", std::string(core::text(lang, Msg::sort_subject))},
        {"status", std::string(core::text(lang, Msg::sort_status))},
        {"department", std::string(core::text(lang, Msg::sort_department))},
    };
}

// What the closed control shows: "Sort by: Newest first". French puts a (narrow no-break)
// space before the colon.
std::string sort_caption(core::Lang lang, const std::string& label) {
    const char* colon = lang == core::Lang::fr ? "\xE2\x80\xAF: " : ": ";
    return std::string(core::text(lang, core::Msg::sort_label)) + colon + label;
}

// Wide enough for the longest caption, so that no choice is cut off.
float sort_control_width(core::Lang lang) {
    ImFont* font = fonts().body;
    float widest = 0;
    for (const auto& [value, label] : sort_options(lang)) {
        const std::string caption = sort_caption(lang, label);
        widest = std::max(widest, font->CalcTextSizeA(font->FontSize * font->Scale, FLT_MAX, 0,
                                                      caption.c_str())
                                      .x);
    }
    return std::max(240.0f, widest + 52); // the padding and the arrow
}

void sort_control(Frame& frame, float width) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const core::ListView& list = app.list();
    const Palette& p = palette();
    using core::Msg;

    const std::string value = sort_value(list.sort, list.descending);
    const SortOptions options = sort_options(lang);
    std::string shown;
    for (const auto& [option, label] : options) {
        if (option == value) shown = label;
    }

    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("sort", ImVec2(width, 40));
    bool hovered = ImGui::IsItemHovered();
    focus_ring(frame, "sort"); // around the control, the last item until the Dummy below
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + 40);
    draw->AddRectFilled(pos, max, hovered ? p.surface_hover : p.surface, 8);
    draw->AddRect(pos, max, p.border, 8);
    const std::string text = sort_caption(lang, shown);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 12, pos.y + 10));
    clipped_text(text, width - 40, p.text, fonts().body);
    draw->AddTriangleFilled(ImVec2(max.x - 24, pos.y + 17), ImVec2(max.x - 14, pos.y + 17),
                            ImVec2(max.x - 19, pos.y + 23), p.muted);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y));
    ImGui::Dummy(ImVec2(0, 0));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    SemanticNode node;
    node.key = "sort";
    node.parent = "main";
    node.role = Role::combobox;
    node.name = std::string(core::text(lang, Msg::sort_label));
    node.value = value;
    node.options = options;
    node.edit = EditTarget::sort;
    node.rect = {pos.x, pos.y, width, 40};
    frame.tree.add(std::move(node));
}

// One row: the subject, then status, department, product and date on the line below.
// `dom_rect` is the row's place in the list's content; `drawn` rows are also on the canvas.
void ticket_row(Frame& frame, const core::Ticket& ticket, int index, int count, float width,
                Rect dom_rect, bool drawn) {
    const core::Lang lang = frame.app.lang();
    const Palette& p = palette();
    const std::string key = "ticket-" + std::to_string(ticket.id);
    const std::string subject =
        ticket.subject.empty() ? std::string(core::text(lang, core::Msg::no_subject))
                               : ticket.subject;
    const std::string status = status_word(lang, ticket.status);
    const std::string department = department_word(lang, ticket.department);
    // A row without a usable date (degraded) says nothing of when, rather than 1970.
    const std::string when =
        ticket.date > 0 ? frame.dates.relative(ticket.date, frame.now_s, lang) : std::string();
    const std::string id = "#" + std::to_string(ticket.id);

    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (drawn) {
        ImGui::InvisibleButton(key.c_str(), ImVec2(width, k_row_height));
        bool hovered = ImGui::IsItemHovered();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImVec2 max(pos.x + width, pos.y + k_row_height);
        draw->AddRectFilled(pos, max, hovered ? p.surface_hover : p.surface, 10);
        draw->AddRect(pos, max, p.border, 10);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        focus_ring(frame, key, 10);

        ImFont* small = fonts().small;
        float id_w = small->CalcTextSizeA(small->FontSize * small->Scale, FLT_MAX, 0,
                                          id.c_str()).x;
        ImGui::SetCursorScreenPos(ImVec2(pos.x + 16, pos.y + 14));
        clipped_text(subject, width - 48 - id_w, p.text, fonts().bold);
        draw->AddText(small, small->FontSize * small->Scale,
                      ImVec2(max.x - 16 - id_w, pos.y + 16), p.muted, id.c_str());

        ImGui::SetCursorScreenPos(ImVec2(pos.x + 16, pos.y + 44));
        if (!status.empty()) {
            status_badge(ticket.status, status, small);
            ImGui::SameLine(0, 10);
        }
        // Department, product and date; on a narrow row the product goes (the ticket's page
        // has it) before the date would be cut.
        const std::string dot = "  \xC2\xB7  ";
        std::string meta = department + dot + when;
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, pos.y + 47));
        float left = max.x - 16 - ImGui::GetCursorScreenPos().x;
        if (ticket.product_id) {
            const std::string full = department + dot +
                                     std::string(core::text(lang, core::Msg::product)) + " " +
                                     std::to_string(ticket.product_id) + dot + when;
            if (small->CalcTextSizeA(small->FontSize * small->Scale, FLT_MAX, 0, full.c_str()).x <=
                left) {
                meta = full;
            }
        }
        clipped_text(meta, left, p.muted, small);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y + k_row_gap));
        ImGui::Dummy(ImVec2(0, 0));
    }

    // The DOM twins: a list item holding a link named subject first, as the contract says.
    SemanticNode item;
    item.key = "item-" + std::to_string(ticket.id);
    item.parent = "tickets-list";
    item.role = Role::listitem;
    item.pos_in_set = index + 1;
    item.set_size = count;
    SemanticNode link;
    link.key = key;
    link.parent = item.key;
    link.role = Role::link;
    link.name = subject;
    for (const std::string* part : {&status, &department, &when, &id}) {
        if (!part->empty()) link.name += ", " + *part; // a degraded row leaves some out
    }
    link.value = "#/tickets/" + std::to_string(ticket.id);
    link.hint = ticket.date > 0 ? frame.dates.exact(ticket.date, lang) : std::string();
    link.rect = dom_rect;
    item.rect = dom_rect;
    frame.tree.add(std::move(item));
    frame.tree.add(std::move(link));
}

} // namespace

void draw_list(Frame& frame, float x, float width, float top, float bottom) {
    const core::App& app = frame.app;
    const core::Lang lang = app.lang();
    const core::ListView& list = app.list();
    const Palette& p = palette();
    using core::Msg;

    ImGui::SetCursorScreenPos(ImVec2(x, top));
    heading(frame, "tickets-heading", core::text(lang, Msg::tickets_heading));
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    filter_chips(frame, width);

    // Search and sort side by side, or stacked on a narrow screen.
    const bool narrow = width < 560;
    const float sort_w = narrow ? width : std::min(sort_control_width(lang), width * 0.45f);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 4));
    TextBoxSpec search;
    search.key = "search";
    search.role = Role::searchbox;
    search.name = std::string(core::text(lang, Msg::search_placeholder));
    search.placeholder = search.name;
    search.text = list.search;
    search.edit = EditTarget::search;
    search.width = narrow ? width : width - sort_w - 8;
    text_box(frame, search);
    if (!narrow) ImGui::SameLine(0, 8);
    else ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    sort_control(frame, sort_w);

    if (list.skipped > 0) {
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 4));
        std::string note = core::plural(lang, Msg::rows_skipped, list.skipped);
        ImGui::PushFont(fonts().small);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(note.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        SemanticNode skipped; // the count is read out too, not only drawn
        skipped.key = "rows-skipped";
        skipped.parent = "main";
        skipped.role = Role::text;
        skipped.name = note;
        skipped.rect = last_item_rect();
        frame.tree.add(std::move(skipped));
    }

    // The rows, in a scrolling region of their own.
    const float list_top = ImGui::GetCursorScreenPos().y + 8;
    SemanticNode list_node;
    list_node.key = "tickets-list";
    list_node.parent = "main";
    list_node.role = Role::list;
    list_node.name = std::string(core::text(lang, Msg::tickets_heading));
    list_node.rect = {x, list_top, width, bottom - list_top};

    auto empty_state = [&](std::string_view words) {
        frame.tree.add(list_node);
        ImGui::SetCursorScreenPos(ImVec2(x, list_top + 32));
        ImFont* font = fonts().bold;
        float w = font->CalcTextSizeA(font->FontSize * font->Scale, FLT_MAX, 0, words.data(),
                                      words.data() + words.size()).x;
        ImGui::SetCursorScreenPos(ImVec2(x + std::max(0.0f, (width - w) * 0.5f), list_top + 32));
        wrapped_text(words, std::min(width, w + 2), p.muted, font);
        SemanticNode note;
        note.key = "list-empty";
        note.parent = "tickets-list";
        note.role = Role::listitem;
        note.name = std::string(words);
        note.value = std::string(words);
        note.rect = last_item_rect();
        frame.tree.add(std::move(note));
    };

    if (list.state == core::LoadState::loading && list.tickets.empty()) {
        empty_state(core::text(lang, Msg::loading));
        return;
    }
    if (list.state == core::LoadState::failed && list.tickets.empty()) {
        empty_state(app.notice().text);
        return;
    }
    if (list.state == core::LoadState::loaded && list.tickets.empty()) {
        empty_state(core::text(lang, Msg::no_tickets_yet));
        return;
    }
    if (list.visible.empty() && !list.tickets.empty()) {
        empty_state(core::text(lang, Msg::no_tickets_match));
        return;
    }

    ImGui::SetCursorScreenPos(ImVec2(x - k_ring_room, list_top - k_ring_room));
    // The scrollbar sits outside the column, so rows keep their full width.
    ImGui::BeginChild("rows",
                      ImVec2(width + 20, std::max(80.0f, bottom - list_top + k_ring_room)), false,
                      ImGuiWindowFlags_NoBackground);
    begin_scroller(frame, std::move(list_node));
    // Each row advances exactly one row_step, as the clipper and the rows' DOM twins assume
    // (with the style's item spacing added, the canvas drifted from its twins row by row).
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    const int count = static_cast<int>(list.visible.size());
    const ImVec2 origin = ImGui::GetWindowPos();
    const float row_step = k_row_height + k_row_gap;
    auto dom_rect = [&](int i) {
        return Rect{origin.x + k_ring_room, origin.y + k_ring_room + i * row_step, width,
                    k_row_height};
    };

    // Rows off screen exist in the DOM too, so that Tab and a screen reader reach every ticket
    // (the browser then scrolls the list's twin, and the canvas follows). A very long list
    // keeps only a window of them around the visible rows, with their place in the set.
    const int first =
        std::clamp(static_cast<int>((ImGui::GetScrollY() - k_ring_room) / row_step), 0, count);
    const int dom_before = count <= k_all_rows_in_dom ? first : std::min(first, k_dom_margin);
    for (int i = first - dom_before; i < first; ++i) {
        ticket_row(frame, list.tickets[list.visible[i]], i, count, width, dom_rect(i), false);
    }

    ImGui::SetCursorPosY(k_ring_room);
    ImGuiListClipper clipper;
    clipper.Begin(count, row_step);
    int last = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::SetCursorPosX(k_ring_room);
            last = std::max(last, i);
            ticket_row(frame, list.tickets[list.visible[i]], i, count, width, dom_rect(i), true);
        }
    }
    const int dom_after = count <= k_all_rows_in_dom ? count - (last + 1)
                                                     : std::min(count - (last + 1), k_dom_margin);
    for (int i = last + 1; i < last + 1 + dom_after; ++i) {
        ticket_row(frame, list.tickets[list.visible[i]], i, count, width, dom_rect(i), false);
    }
    ImGui::PopStyleVar();
    frame.tree.end_container();
    ImGui::EndChild();
}

} // namespace ui
