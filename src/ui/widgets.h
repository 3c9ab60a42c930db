// Small drawing pieces the views share. Each draws with ImGui and adds its semantic node, so a
// control on the canvas never exists without its twin in the accessible DOM.
#pragma once

#include "ui/view.h"

#include <imgui.h>

#include <string>
#include <string_view>

namespace ui {

enum class ButtonStyle { primary, secondary, danger, quiet };

// The rectangle of the last ImGui item in CSS pixels; inside a scrolling child, in the space of
// its content (so the DOM twin scrolls with its scroller).
Rect last_item_rect();

// Right after BeginChild: adds the child's twin, a scroller that follows ImGui's scroll and
// that ImGui follows when assistive technology scrolls it; nodes added until
// SemanticTree::end_container() go into it.
void begin_scroller(Frame& frame, SemanticNode node);

// Scrolls the last item into view when its DOM twin has just received focus.
void keep_in_view(const Frame& frame, std::string_view key);

// Draws the focus ring around the last item when its DOM twin has keyboard focus.
void focus_ring(const Frame& frame, std::string_view key, float rounding = 8.0f);

// A button; activation comes from its DOM twin (a click, Enter, Space), so that a pointer,
// the keyboard and assistive technology all take the same path.
void button(Frame& frame, const std::string& key, std::string_view label, core::Intent action,
            ButtonStyle style = ButtonStyle::secondary, bool disabled = false,
            const std::string& parent = "main");

enum class Icon { refresh };

// A square button that shows an icon where a label does not fit; `name` is its accessible name
// (and the only words it has: screen readers say it, the canvas shows the icon).
void icon_button(Frame& frame, const std::string& key, Icon icon, std::string_view name,
                 core::Intent action, const std::string& parent = "main");

// A status badge: the word, never colour alone.
void status_badge(std::string_view status, std::string_view label, ImFont* font);

// Width of a badge for the same arguments.
float status_badge_width(std::string_view label, ImFont* font);

struct TextBoxSpec {
    std::string key;
    std::string parent = "main";
    Role role = Role::textbox;
    std::string name;        // the accessible name, also shown above when `show_label`
    std::string placeholder;
    std::string text;
    EditTarget edit = EditTarget::none;
    std::int64_t ticket_id = 0;
    bool multiline = false;
    bool masked = false;     // a password: drawn as dots
    bool show_label = false;
    int min_lines = 1;
    int max_lines = 1;       // the box grows with its text up to this many lines, then scrolls
    float width = 0;
    bool disabled = false;
};

// A text box whose text, caret and selection live in its DOM twin (a real input or textarea, so
// that dead keys, composition, phone keyboards and paste work as in any web form). The canvas
// draws the same text, caret and selection; a pointer press places the caret.
void text_box(Frame& frame, const TextBoxSpec& spec);

// Text with word wrapping that also breaks words longer than the line.
void wrapped_text(std::string_view text, float width, ImU32 colour, ImFont* font);

// Height `wrapped_text` would take.
float wrapped_text_height(std::string_view text, float width, ImFont* font);

// Text cut with an ellipsis to fit `width`.
void clipped_text(std::string_view text, float width, ImU32 colour, ImFont* font);

} // namespace ui
