// The views of the page, one per file, and the words they share.
#pragma once

#include "ui/view.h"

#include <string>
#include <string_view>

namespace ui {

// The column the content sits in: centred, at most this wide.
inline constexpr float k_content_max_width = 920.0f;
inline constexpr float k_top_bar_height = 64.0f;

void draw_top_bar(Frame& frame, float x, float width);
void draw_list(Frame& frame, float x, float width, float top, float bottom);
void draw_thread(Frame& frame, float x, float width, float top, float bottom);
void draw_sign_in(Frame& frame, float x, float width, float top);
void draw_close_dialog(Frame& frame);

// The latest notice, on screen as well as in the status region, when the page does not show it
// in a place of its own: a success for a few seconds, an error until the next notice or screen.
void draw_toast(Frame& frame);

// "Open", "Fermé", or an unknown status as it came.
std::string status_word(core::Lang lang, std::string_view status);

// "Sales", "Facturation", or the code itself.
std::string department_word(core::Lang lang, std::string_view code);

// A heading, also in the semantic tree.
void heading(Frame& frame, const std::string& key, std::string_view text, int level = 1,
             float wrap_width = 0);

} // namespace ui
