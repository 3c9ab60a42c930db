#include "ui/widgets.h"

#include "ui/theme.h"

#include <imgui_internal.h> // ImRect, the current window's clip rectangle

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ui {

namespace {

struct Line {
    int begin = 0;
    int end = 0; // excludes the newline that ends it
};

float font_size(const ImFont* font) { return font->FontSize * font->Scale; }

int utf8_char_len(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

// Splits text into lines that fit `width`, at newlines, between words, and inside a word that is
// longer than a line.
std::vector<Line> layout_lines(const ImFont* font, std::string_view text, float width) {
    std::vector<Line> lines;
    const char* begin = text.data();
    const char* end = begin + text.size();
    const char* s = begin;
    width = std::max(width, 8.0f);
    while (s < end) {
        const char* wrap = font->CalcWordWrapPositionA(font->Scale, s, end, width);
        if (wrap <= s) {
            wrap = s + utf8_char_len(static_cast<unsigned char>(*s));
        }
        const char* line_end = wrap;
        const char* newline = static_cast<const char*>(memchr(s, '\n', wrap - s));
        if (newline) {
            line_end = newline;
            wrap = newline + 1;
        } else {
            // A line broken between words: the next one starts at its word, not at the spaces
            // before it (they would indent it).
            while (wrap < end && (*wrap == ' ' || *wrap == '\t')) ++wrap;
        }
        lines.push_back({static_cast<int>(s - begin), static_cast<int>(line_end - begin)});
        s = std::min(wrap, end);
    }
    if (text.empty() || text.back() == '\n') {
        lines.push_back({static_cast<int>(text.size()), static_cast<int>(text.size())});
    }
    return lines;
}

float text_width(const ImFont* font, std::string_view text, int from, int to) {
    if (to <= from) return 0;
    return font->CalcTextSizeA(font_size(font), FLT_MAX, 0, text.data() + from, text.data() + to)
        .x;
}

// The byte offset nearest to x on a line.
int hit_in_line(const ImFont* font, std::string_view text, const Line& line, float x) {
    float advance = 0;
    int i = line.begin;
    while (i < line.end) {
        int len = utf8_char_len(static_cast<unsigned char>(text[i]));
        float w = text_width(font, text, i, std::min(i + len, line.end));
        if (x < advance + w * 0.5f) return i;
        advance += w;
        i += len;
    }
    return line.end;
}

// A password's dots, with a map from text offsets to shown offsets.
std::string mask(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); i += utf8_char_len(static_cast<unsigned char>(text[i]))) {
        out += "\xE2\x80\xA2"; // •
    }
    return out;
}

int masked_offset(std::string_view text, int offset) {
    int chars = 0;
    for (int i = 0; i < offset && i < static_cast<int>(text.size());
         i += utf8_char_len(static_cast<unsigned char>(text[i]))) {
        ++chars;
    }
    return chars * 3;
}

int unmasked_offset(std::string_view text, int masked) {
    int chars = masked / 3;
    int i = 0;
    while (chars > 0 && i < static_cast<int>(text.size())) {
        i += utf8_char_len(static_cast<unsigned char>(text[i]));
        --chars;
    }
    return i;
}

} // namespace

Rect last_item_rect() {
    // In a scrolling child, the rect is in its content's space: the DOM twin scrolls with it.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 scroll(ImGui::GetScrollX(), ImGui::GetScrollY());
    return {min.x + scroll.x, min.y + scroll.y, max.x - min.x, max.y - min.y};
}

void begin_scroller(Frame& frame, SemanticNode node) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    node.scroller = true;
    node.scroll_y = ImGui::GetScrollY();
    node.scroll_max = ImGui::GetScrollMaxY();
    if (auto it = frame.state.dom_scroll.find(node.key); it != frame.state.dom_scroll.end()) {
        // ImGui scrolls there from the next frame on; the twin is there already, and told the
        // old offset it would go back to it (and typing meanwhile would scroll it from there).
        ImGui::SetScrollY(it->second);
        node.scroll_y = std::clamp(it->second, 0.0f, node.scroll_max);
        frame.state.dom_scroll.erase(it);
    }
    // The twin's box is the child's visible box; its children are placed from its content's
    // origin, which is where the child's content starts when not scrolled.
    node.rect = {window->Pos.x, window->Pos.y, window->Size.x, window->Size.y};
    std::string key = node.key;
    frame.tree.add(std::move(node));
    frame.tree.begin_container(std::move(key));
}

void keep_in_view(const Frame& frame, std::string_view key) {
    if (!frame.focus.just_moved || frame.focus.key != key) return;
    // The item and its focus ring, drawn a few pixels outside it.
    const float ring = 6;
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    if (ImGui::GetItemRectMin().y - ring < clip.Min.y ||
        ImGui::GetItemRectMax().y + ring > clip.Max.y) {
        ImGui::SetScrollHereY(0.5f);
    }
}

void focus_ring(const Frame& frame, std::string_view key, float rounding) {
    keep_in_view(frame, key);
    if (!frame.focus.keyboard || frame.focus.key != key) return;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 3, min.y - 3), ImVec2(max.x + 3, max.y + 3),
                                        palette().focus, rounding + 3, 0, 2.5f);
}

namespace {

struct ButtonLook {
    ImU32 fill, ink, edge;
};

ButtonLook button_look(ButtonStyle style, bool hovered, bool disabled) {
    const Palette& p = palette();
    ButtonLook look{p.surface, p.text, p.border};
    switch (style) {
    case ButtonStyle::primary:
        look.fill = hovered ? p.accent_hover : p.accent;
        look.ink = p.on_accent;
        look.edge = look.fill;
        break;
    case ButtonStyle::danger:
        look.fill = p.danger;
        look.ink = p.on_danger;
        look.edge = look.fill;
        break;
    case ButtonStyle::secondary: look.fill = hovered ? p.surface_hover : p.surface; break;
    case ButtonStyle::quiet:
        look.fill = hovered ? p.surface_hover : 0;
        look.ink = p.link;
        look.edge = 0;
        break;
    }
    if (disabled) {
        auto faded = [](ImU32 c) {
            return (c & 0x00FFFFFF) | (static_cast<ImU32>(((c >> 24) & 0xFF) * 0.45f) << 24);
        };
        look = {faded(look.fill), faded(look.ink), faded(look.edge)};
    }
    return look;
}

// The box of a button of `size` at the cursor: the ImGui item, its fill and edge, the cursor
// over it, its focus ring, and its twin in the tree. Returns the ink for what goes inside.
ImU32 button_box(Frame& frame, const std::string& key, std::string_view name, ImVec2 size,
                 core::Intent action, ButtonStyle style, bool disabled, const std::string& parent) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(key.c_str(), size);
    const bool hovered = ImGui::IsItemHovered() && !disabled;
    const ButtonLook look = button_look(style, hovered, disabled);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    if (look.fill) draw->AddRectFilled(pos, max, look.fill, 8);
    if (look.edge) draw->AddRect(pos, max, look.edge, 8);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    focus_ring(frame, key);

    SemanticNode node;
    node.key = key;
    node.parent = parent;
    node.role = Role::button;
    node.name = std::string(name);
    node.rect = last_item_rect();
    node.disabled = disabled;
    if (!disabled) node.action = std::move(action);
    frame.tree.add(std::move(node));
    return look.ink;
}

// Two arrows chasing each other round a circle, as browsers draw their reload button.
void draw_refresh_icon(ImDrawList* draw, ImVec2 centre, float radius, ImU32 ink) {
    constexpr float k_pi = 3.14159265f;
    const float from = -k_pi / 2 + 0.55f;
    const float to = from + 2 * k_pi - 1.1f; // a gap at the top, where the arrow points
    draw->PathArcTo(centre, radius, from, to, 20);
    draw->PathStroke(ink, 0, 2.0f);

    // The arrowhead at the arc's end, pointing along it (clockwise on screen).
    const ImVec2 end(centre.x + radius * std::cos(to), centre.y + radius * std::sin(to));
    const ImVec2 along(-std::sin(to), std::cos(to));
    const ImVec2 out(std::cos(to), std::sin(to));
    const float half = 3.5f;
    draw->AddTriangleFilled(ImVec2(end.x + along.x * 4, end.y + along.y * 4),
                            ImVec2(end.x + out.x * half - along.x, end.y + out.y * half - along.y),
                            ImVec2(end.x - out.x * half - along.x, end.y - out.y * half - along.y),
                            ink);
}

} // namespace

void button(Frame& frame, const std::string& key, std::string_view label, core::Intent action,
            ButtonStyle style, bool disabled, const std::string& parent) {
    ImFont* font = style == ButtonStyle::quiet ? fonts().body : fonts().bold;
    const ImVec2 text = font->CalcTextSizeA(font_size(font), FLT_MAX, 0, label.data(),
                                            label.data() + label.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(text.x + 32, 40);
    const ImU32 ink =
        button_box(frame, key, label, size, std::move(action), style, disabled, parent);
    ImGui::GetWindowDrawList()->AddText(font, font_size(font),
                                        ImVec2(pos.x + 16, pos.y + (size.y - text.y) * 0.5f), ink,
                                        label.data(), label.data() + label.size());
}

void icon_button(Frame& frame, const std::string& key, Icon icon, std::string_view name,
                 core::Intent action, const std::string& parent) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(40, 40);
    const ImU32 ink = button_box(frame, key, name, size, std::move(action),
                                 ButtonStyle::secondary, false, parent);
    const ImVec2 centre(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);
    switch (icon) {
    case Icon::refresh: draw_refresh_icon(ImGui::GetWindowDrawList(), centre, 7.5f, ink); break;
    }
}

float status_badge_width(std::string_view label, ImFont* font) {
    return font->CalcTextSizeA(font_size(font), FLT_MAX, 0, label.data(), label.data() + label.size())
               .x +
           18;
}

void status_badge(std::string_view status, std::string_view label, ImFont* font) {
    const Palette& p = palette();
    ImU32 bg = p.other_bg, ink = p.other_text;
    if (status == "OPEN") {
        bg = p.open_bg;
        ink = p.open_text;
    } else if (status == "CLOSED") {
        bg = p.closed_bg;
        ink = p.closed_text;
    }
    float h = font_size(font) + 8;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = status_badge_width(label, font);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), bg, h * 0.5f);
    draw->AddText(font, font_size(font), ImVec2(pos.x + 9, pos.y + 4), ink, label.data(),
                  label.data() + label.size());
    ImGui::Dummy(ImVec2(w, h));
}

void wrapped_text(std::string_view text, float width, ImU32 colour, ImFont* font) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float line_h = font_size(font) * 1.45f;
    auto lines = layout_lines(font, text, width);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    for (size_t i = 0; i < lines.size(); ++i) {
        float y = pos.y + i * line_h;
        if (y + line_h < clip.Min.y || y > clip.Max.y) continue; // off screen
        draw->AddText(font, font_size(font), ImVec2(pos.x, y + (line_h - font_size(font)) * 0.5f),
                      colour, text.data() + lines[i].begin, text.data() + lines[i].end);
    }
    ImGui::Dummy(ImVec2(width, lines.size() * line_h));
}

float wrapped_text_height(std::string_view text, float width, ImFont* font) {
    return layout_lines(font, text, width).size() * font_size(font) * 1.45f;
}

void clipped_text(std::string_view text, float width, ImU32 colour, ImFont* font) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float size = font_size(font);
    const char* end = text.data() + text.size();
    float full = font->CalcTextSizeA(size, FLT_MAX, 0, text.data(), end).x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (full <= width) {
        draw->AddText(font, size, pos, colour, text.data(), end);
    } else {
        const char* ellipsis = "\xE2\x80\xA6"; // …
        float ellipsis_w = font->CalcTextSizeA(size, FLT_MAX, 0, ellipsis).x;
        const char* cut = nullptr;
        font->CalcTextSizeA(size, std::max(0.0f, width - ellipsis_w), 0, text.data(), end, &cut);
        draw->AddText(font, size, pos, colour, text.data(), cut);
        float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data(), cut).x;
        draw->AddText(font, size, ImVec2(pos.x + w, pos.y), colour, ellipsis);
    }
    ImGui::Dummy(ImVec2(width, size));
}

void text_box(Frame& frame, const TextBoxSpec& spec) {
    const Palette& p = palette();
    ImFont* font = fonts().body;
    const float size = font_size(font);
    const float line_h = size * 1.45f;
    const float pad_x = 12, pad_y = 9;

    if (spec.show_label) {
        // The box goes under its label, not at the window's left edge where ImGui's next line
        // would start.
        const float left = ImGui::GetCursorScreenPos().x;
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(spec.name.c_str());
        ImGui::PopFont();
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
    }

    const bool focused = frame.focus.key == spec.key;
    std::string shown = spec.masked ? mask(spec.text) : spec.text;
    float inner_w = spec.width - 2 * pad_x;
    auto lines = spec.multiline ? layout_lines(font, shown, inner_w)
                                : std::vector<Line>{{0, static_cast<int>(shown.size())}};
    int rows = std::clamp(static_cast<int>(lines.size()), spec.min_lines, spec.max_lines);
    ImVec2 box_size(spec.width, rows * line_h + 2 * pad_y);
    ImVec2 pos = ImGui::GetCursorScreenPos();

    ImGui::InvisibleButton(spec.key.c_str(), box_size);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    keep_in_view(frame, spec.key);

    // Caret and selection, in the shown text's offsets.
    FieldState field;
    if (auto it = frame.focus.fields.find(spec.key); it != frame.focus.fields.end()) {
        field = it->second;
    }
    int text_len = static_cast<int>(spec.text.size());
    int sel_a = std::clamp(std::min(field.sel_start, field.sel_end), 0, text_len);
    int sel_b = std::clamp(std::max(field.sel_start, field.sel_end), 0, text_len);
    int caret = std::clamp(field.sel_end, 0, text_len);
    const bool composing = field.compose_start >= 0;
    int compose_a = composing ? std::clamp(field.compose_start, 0, text_len) : 0;
    int compose_b = composing ? std::clamp(field.compose_end, compose_a, text_len) : 0;
    if (spec.masked) {
        sel_a = masked_offset(spec.text, sel_a);
        sel_b = masked_offset(spec.text, sel_b);
        caret = masked_offset(spec.text, caret);
        compose_a = masked_offset(spec.text, compose_a);
        compose_b = masked_offset(spec.text, compose_b);
    }
    int caret_line = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].begin <= caret) caret_line = static_cast<int>(i);
    }

    // Keep the caret's line in view when the text is taller than the box.
    float& scroll = frame.state.box_scroll[spec.key];
    float max_scroll = std::max(0.0f, lines.size() * line_h - rows * line_h);
    if (focused) {
        float caret_y = caret_line * line_h;
        if (caret_y < scroll) scroll = caret_y;
        if (caret_y + line_h > scroll + rows * line_h) scroll = caret_y + line_h - rows * line_h;
    }
    if (hovered && ImGui::GetIO().MouseWheel != 0) {
        scroll -= ImGui::GetIO().MouseWheel * line_h * 3;
    }
    scroll = std::clamp(scroll, 0.0f, max_scroll);

    // A press places the caret; a drag selects.
    ImVec2 origin(pos.x + pad_x, pos.y + pad_y - scroll);
    auto hit = [&](ImVec2 mouse) {
        int line = std::clamp(static_cast<int>((mouse.y - origin.y) / line_h), 0,
                              static_cast<int>(lines.size()) - 1);
        int offset = hit_in_line(font, shown, lines[line], mouse.x - origin.x);
        return spec.masked ? unmasked_offset(spec.text, offset) : offset;
    };
    if (ImGui::IsItemActivated() && !spec.disabled) {
        int at = hit(ImGui::GetIO().MousePos);
        frame.state.dragging_field = spec.key;
        frame.state.drag_anchor = at;
        frame.commands.push_back({PlatformCommand::Kind::focus, spec.key});
        frame.commands.push_back({PlatformCommand::Kind::select, spec.key, at, at});
    } else if (frame.state.dragging_field == spec.key) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            int at = hit(ImGui::GetIO().MousePos);
            if (at != field.sel_end || frame.state.drag_anchor != field.sel_start) {
                frame.commands.push_back(
                    {PlatformCommand::Kind::select, spec.key, frame.state.drag_anchor, at});
            }
        } else {
            frame.state.dragging_field.clear();
        }
    }

    // The box.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + box_size.x, pos.y + box_size.y);
    draw->AddRectFilled(pos, max, p.surface, 8);
    draw->AddRect(pos, max, focused ? p.accent : p.field_border, 8, 0, focused ? 2.0f : 1.0f);
    if (focused && frame.focus.keyboard) {
        draw->AddRect(ImVec2(pos.x - 3, pos.y - 3), ImVec2(max.x + 3, max.y + 3), p.focus, 11, 0,
                      2.5f);
    }
    draw->PushClipRect(ImVec2(pos.x + 2, pos.y + 2), ImVec2(max.x - 2, max.y - 2), true);
    if (spec.text.empty() && !spec.placeholder.empty()) {
        draw->AddText(font, size, ImVec2(origin.x, origin.y + (line_h - size) * 0.5f), p.muted,
                      spec.placeholder.c_str());
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        float y = origin.y + i * line_h;
        if (y + line_h < pos.y || y > max.y) continue;
        if (focused && sel_a != sel_b) {
            int a = std::max(sel_a, line.begin), b = std::min(sel_b, line.end);
            bool through_newline = sel_b > line.end && sel_a <= line.end;
            if (a < b || through_newline) {
                float x0 = origin.x + text_width(font, shown, line.begin, a);
                float x1 = origin.x + text_width(font, shown, line.begin, std::max(a, b)) +
                           (through_newline ? size * 0.3f : 0);
                draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + line_h), p.selection);
            }
        }
        draw->AddText(font, size, ImVec2(origin.x, y + (line_h - size) * 0.5f), p.text,
                      shown.data() + line.begin, shown.data() + line.end);

        // What an input method is composing is underlined, as in any text field, on a whole
        // device pixel so that it stays sharp.
        const int ca = std::max(compose_a, line.begin), cb = std::min(compose_b, line.end);
        if (focused && ca < cb) {
            const float ratio = ImGui::GetIO().DisplayFramebufferScale.y;
            const float x0 = origin.x + text_width(font, shown, line.begin, ca);
            const float x1 = origin.x + text_width(font, shown, line.begin, cb);
            const float under = std::round((y + (line_h + size) * 0.5f + 1) * ratio) / ratio;
            const float thick = std::max(1.0f, std::round(ratio)) / ratio;
            draw->AddRectFilled(ImVec2(x0, under), ImVec2(x1, under + thick), p.text);
        }
    }
    if (focused && sel_a == sel_b) {
        const Line& line = lines[caret_line];
        float x = origin.x + text_width(font, shown, line.begin, std::min(caret, line.end));
        float y = origin.y + caret_line * line_h;
        draw->AddLine(ImVec2(x, y + 3), ImVec2(x, y + line_h - 3), p.text, 1.5f);
    }
    draw->PopClipRect();

    SemanticNode node;
    node.key = spec.key;
    node.parent = spec.parent;
    node.role = spec.role;
    node.name = spec.name;
    node.value = spec.text;
    node.rect = last_item_rect();
    node.multiline = spec.multiline;
    node.revealed = spec.role == Role::password && !spec.masked;
    node.edit = spec.edit;
    node.ticket_id = spec.ticket_id;
    node.disabled = spec.disabled;
    node.hint = spec.placeholder != spec.name ? spec.placeholder : std::string();
    frame.tree.add(std::move(node));
}

} // namespace ui
