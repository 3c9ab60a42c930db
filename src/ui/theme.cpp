#include "ui/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace ui {

namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// Contrast of text on its background, measured with the WCAG formula: text 15.9:1 (light) and
// 14.2:1 (dark), muted 6.1:1 and 7.6:1, white on accent 6.3:1, badge words 5.5:1 or more; a
// text box's edge 3.2:1 and 3.6:1 or more (tests/e2e/display.test.mjs checks them all).
const Palette k_light = {
    rgb(0xF4F6F9), rgb(0xFFFFFF), rgb(0xF0F4FA), rgb(0xD5DBE3), rgb(0x161B24), rgb(0x556070),
    rgb(0x1D5BB8), rgb(0x174A96), rgb(0xFFFFFF), rgb(0x1D5BB8), rgb(0x1D5BB8), rgb(0xB3261E),
    rgb(0xFFFFFF), rgb(0x1D5BB8, 70), rgb(0x0B1220, 110), rgb(0x0B1220, 18),
    rgb(0xDFF3E5), rgb(0x17612F), rgb(0xE9ECF0), rgb(0x46505E), rgb(0xFFF0D6), rgb(0x7A4D00),
    rgb(0x808A99),
};

const Palette k_dark = {
    rgb(0x11141A), rgb(0x1A1F28), rgb(0x222936), rgb(0x313A48), rgb(0xE6EAF0), rgb(0xA4AEBC),
    rgb(0x7AB0FF), rgb(0x9CC3FF), rgb(0x0B1220), rgb(0x8DBBFF), rgb(0x8DBBFF), rgb(0xFF8F87),
    rgb(0x1A0B0A), rgb(0x7AB0FF, 80), rgb(0x000000, 150), rgb(0x000000, 60),
    rgb(0x1C3A26), rgb(0x94E2AA), rgb(0x2A313C), rgb(0xC6CDD8), rgb(0x3B2F16), rgb(0xF4C870),
    rgb(0x6B7686),
};

const Palette* g_palette = &k_light;
Fonts g_fonts;

// Latin, Latin-1, Latin Extended-A, general punctuation, currency signs, arrows, and the
// replacement character that stands in for anything else.
const ImWchar k_glyph_ranges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20A0, 0x20CF,
    0x2190, 0x21FF, 0xFFFD, 0xFFFD, 0,
};

// How much taller than its em a font's line box is (hhea ascender minus descender, over units
// per em), read from the TrueType tables; 1 when they cannot be read. ImGui sizes a font by that
// box while CSS, and the DOM fields laid over the canvas, size it by its em.
float line_box_per_em(const std::vector<unsigned char>& ttf) {
    auto u16 = [&](size_t at) { return static_cast<unsigned>(ttf[at] << 8 | ttf[at + 1]); };
    auto s16 = [&](size_t at) { return static_cast<int>(static_cast<std::int16_t>(u16(at))); };
    if (ttf.size() < 12) return 1.0f;
    size_t head = 0, hhea = 0;
    const unsigned tables = u16(4);
    for (unsigned i = 0; i < tables && 12 + 16 * (i + 1) <= ttf.size(); ++i) {
        const size_t entry = 12 + 16 * i;
        const std::string_view tag(reinterpret_cast<const char*>(&ttf[entry]), 4);
        const size_t offset = u16(entry + 8) << 16 | u16(entry + 10);
        if (tag == "head") head = offset;
        if (tag == "hhea") hhea = offset;
    }
    if (!head || !hhea || head + 20 > ttf.size() || hhea + 8 > ttf.size()) return 1.0f;
    const unsigned units_per_em = u16(head + 18);
    const int box = s16(hhea + 4) - s16(hhea + 6);
    if (units_per_em == 0 || box <= 0) return 1.0f;
    return static_cast<float>(box) / static_cast<float>(units_per_em);
}

} // namespace

const Palette& palette() { return *g_palette; }
const Fonts& fonts() { return g_fonts; }

void apply_theme(bool dark) {
    g_palette = dark ? &k_dark : &k_light;
    const Palette& p = *g_palette;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FramePadding = ImVec2(12, 8);
    style.ItemSpacing = ImVec2(8, 8);
    style.FrameRounding = 8;
    style.ChildRounding = 10;
    style.PopupRounding = 8;
    style.ScrollbarSize = 10;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.FrameBorderSize = 1;

    ImVec4* c = style.Colors;
    auto v = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
    c[ImGuiCol_Text] = v(p.text);
    c[ImGuiCol_TextDisabled] = v(p.muted);
    c[ImGuiCol_WindowBg] = v(p.page);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = v(p.surface);
    c[ImGuiCol_Border] = v(p.border);
    c[ImGuiCol_FrameBg] = v(p.surface);
    c[ImGuiCol_FrameBgHovered] = v(p.surface_hover);
    c[ImGuiCol_FrameBgActive] = v(p.surface_hover);
    c[ImGuiCol_Button] = v(p.surface);
    c[ImGuiCol_ButtonHovered] = v(p.surface_hover);
    c[ImGuiCol_ButtonActive] = v(p.border);
    c[ImGuiCol_Header] = v(p.surface);
    c[ImGuiCol_HeaderHovered] = v(p.surface_hover);
    c[ImGuiCol_HeaderActive] = v(p.surface_hover);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = v(p.border);
    c[ImGuiCol_ScrollbarGrabHovered] = v(p.muted);
    c[ImGuiCol_ScrollbarGrabActive] = v(p.muted);
    c[ImGuiCol_TextSelectedBg] = v(p.selection);
    c[ImGuiCol_ModalWindowDimBg] = v(p.overlay);
    c[ImGuiCol_NavHighlight] = v(p.focus);
    c[ImGuiCol_Separator] = v(p.border);
}

float build_fonts(ImFontAtlas& atlas, std::vector<unsigned char>& regular,
                  std::vector<unsigned char>& bold, float pixel_ratio) {
    atlas.Clear();

    // Each font is rasterised at its em size in device pixels, like the browser's own text. ImGui
    // sizes a font by its line box in whole pixels, so the em comes out within half a device
    // pixel of the asked size; FontSize is then set to the asked em, so that the views' sizes and
    // line heights read as CSS ones (16 px text on 1.45 lines), with the glyphs centred on it as
    // CSS centres them. Glyph advances stay whole device pixels: no blur.
    struct Added {
        ImFont* font;
        float em;       // as asked
        float drawn_em; // as rasterised
    };
    std::vector<Added> added;
    auto add = [&](std::vector<unsigned char>& bytes, float em) -> ImFont* {
        // The loader starts the page only with both faces (ImGui's own font is not linked in).
        auto& data = bytes.empty() ? regular : bytes;
        const float box = line_box_per_em(data);
        const float box_px = std::max(1.0f, std::round(em * box * pixel_ratio));
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false; // the platform keeps the bytes
        config.OversampleH = 1;              // rasterised at the device ratio already
        config.OversampleV = 1;
        config.PixelSnapH = true;
        config.GlyphOffset.y = -std::round((box_px - em * pixel_ratio) * 0.5f);
        ImFont* font = atlas.AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()),
                                                  box_px, &config, k_glyph_ranges);
        added.push_back({font, em, box_px / box / pixel_ratio});
        return font;
    };
    g_fonts.body = add(regular, 16.0f);
    g_fonts.bold = add(bold, 16.0f);
    g_fonts.small = add(regular, 13.5f);
    g_fonts.heading = add(bold, 24.0f);
    atlas.Build();

    float body_em = 16.0f;
    for (const Added& entry : added) {
        entry.font->FontSize = entry.em * pixel_ratio;
        if (entry.font == g_fonts.body) body_em = entry.drawn_em;
    }
    for (ImFont* font : {g_fonts.body, g_fonts.bold, g_fonts.small, g_fonts.heading}) {
        font->Scale = 1.0f / pixel_ratio; // draw in CSS pixels
    }
    return body_em;
}

} // namespace ui
