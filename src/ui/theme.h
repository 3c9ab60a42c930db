// Colours, spacing and type. Light and dark palettes, each with body text at 4.5:1 or more
// against its background.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace ui {

struct Palette {
    ImU32 page, surface, surface_hover, border, text, muted, accent, accent_hover, on_accent,
        link, focus, danger, on_danger, selection, overlay, shadow;
    ImU32 open_bg, open_text, closed_bg, closed_text, other_bg, other_text;
    ImU32 field_border; // a text box's edge: 3:1 or more against the page and the box
};

struct Fonts {
    ImFont* body = nullptr;    // 16 px
    ImFont* bold = nullptr;    // 16 px, bold
    ImFont* small = nullptr;   // 13.5 px
    ImFont* heading = nullptr; // 24 px, bold
};

const Palette& palette();
const Fonts& fonts();

// Applies the palette and ImGui's style for the scheme.
void apply_theme(bool dark);

// Builds the font atlas from the two font files, rasterised for the device pixel ratio so that
// text stays sharp; ImGui then draws in CSS pixels. The bytes must outlive the atlas. Returns
// the body text's em as drawn at this ratio, in CSS pixels (16, within half a device pixel), for
// the DOM fields that lie over the text boxes.
float build_fonts(ImFontAtlas& atlas, std::vector<unsigned char>& regular,
                  std::vector<unsigned char>& bold, float pixel_ratio);

} // namespace ui
