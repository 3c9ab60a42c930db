// What every view gets for one frame, and what it gives back. Views read the model, draw with
// ImGui, describe what they drew in the semantic tree, and return intents; they never change the
// model, call the network or touch the browser.
#pragma once

#include "core/app.h"
#include "core/date_text.h"
#include "core/intent.h"
#include "ui/semantic.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ui {

// Caret and selection of a text node, as UTF-8 byte offsets into its text, and the part an
// input method is composing (none when compose_start < 0).
struct FieldState {
    int sel_start = 0;
    int sel_end = 0;
    int compose_start = -1;
    int compose_end = -1;
};

// What the platform knows of focus on the DOM side.
struct FocusState {
    std::string key;           // the semantic node whose DOM node has focus; empty for none
    bool keyboard = false;     // focus came from the keyboard: draw the focus ring
    bool just_moved = false;   // focus moved since the last frame: scroll it into view
    std::map<std::string, FieldState> fields;
};

// Something only the platform can do, asked for by a view.
struct PlatformCommand {
    enum class Kind { focus, select, copy } kind = Kind::focus;
    std::string key;  // the node to focus or select in
    int start = 0;    // select: UTF-8 byte offsets
    int end = 0;
    std::string text; // copy: the text for the clipboard
};

// What views keep between frames that the model has no business knowing.
struct ViewState {
    std::string copied_key;      // the message whose text was just copied
    double copied_until_s = 0;
    std::string dragging_field;  // a text box being drag-selected with the pointer
    int drag_anchor = 0;
    std::map<std::string, float> box_scroll; // text boxes taller than their lines
    std::map<std::string, float> dom_scroll; // a scroller's DOM twin was scrolled (a screen
                                             // reader or scrollIntoView): follow it
    std::uint64_t list_version_drawn = 0;
    std::int64_t last_route_ticket = -1;
    std::uint64_t toast_serial = 0; // the notice shown as a toast, when it came, and where
    double toast_since_s = 0;
    std::int64_t toast_route_ticket = -1;
};

struct Frame {
    const core::App& app;
    const core::DateFormatter& dates;
    std::int64_t now_s = 0;
    double time_s = 0;
    const FocusState& focus;
    float width = 0;  // CSS pixels
    float height = 0;
    SemanticTree& tree;
    std::vector<core::Intent>& intents;
    std::vector<PlatformCommand>& commands;
    ViewState& state;
    bool wants_another_frame = false; // something on screen still moves
    double redraw_at_s = 0;            // one frame wanted then (time_s's clock), 0 for none

    void draw_again_at(double at_s) {
        if (redraw_at_s == 0 || at_s < redraw_at_s) redraw_at_s = at_s;
    }
};

// The whole page: the top bar, then the screen the route names.
void draw_app(Frame& frame);

} // namespace ui
