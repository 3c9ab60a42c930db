#include "ui/theme.h"

namespace ui {

namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// Contrast of text on its background, measured with the WCAG formula: text 15.9:1 (light) and
// 14.2:1 (dark), muted 6.1:1 and 7.6:1, white on accent 6.3:1, badge words 5.5:1 or more.
const Palette k_light = {
    rgb(0xF4F6F9), rgb(0xFFFFFF), rgb(0xF0F4FA), rgb(0xD5DBE3), rgb(0x161B24), rgb(0x556070),
    rgb(0x1D5BB8), rgb(0x174A96), rgb(0xFFFFFF), rgb(0x1D5BB8), rgb(0x1D5BB8), rgb(0xB3261E),
    rgb(0xFFFFFF), rgb(0x1D5BB8, 70), rgb(0x0B1220, 110), rgb(0x0B1220, 18),
    rgb(0xDFF3E5), rgb(0x17612F), rgb(0xE9ECF0), rgb(0x46505E), rgb(0xFFF0D6), rgb(0x7A4D00),
};

const Palette k_dark = {
    rgb(0x11141A), rgb(0x1A1F28), rgb(0x222936), rgb(0x313A48), rgb(0xE6EAF0), rgb(0xA4AEBC),
    rgb(0x7AB0FF), rgb(0x9CC3FF), rgb(0x0B1220), rgb(0x8DBBFF), rgb(0x8DBBFF), rgb(0xFF8F87),
    rgb(0x1A0B0A), rgb(0x7AB0FF, 80), rgb(0x000000, 150), rgb(0x000000, 60),
    rgb(0x1C3A26), rgb(0x94E2AA), rgb(0x2A313C), rgb(0xC6CDD8), rgb(0x3B2F16), rgb(0xF4C870),
};

const Palette* g_palette = &k_light;
Fonts g_fonts;

// Latin, Latin-1, Latin Extended-A, general punctuation, currency signs, arrows, and the
// replacement character that stands in for anything else.
const ImWchar k_glyph_ranges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20A0, 0x20CF,
    0x2190, 0x21FF, 0xFFFD, 0xFFFD, 0,
};

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

void build_fonts(ImFontAtlas& atlas, std::vector<unsigned char>& regular,
                 std::vector<unsigned char>& bold, float pixel_ratio) {
    atlas.Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // the platform keeps the bytes
    config.OversampleH = 1;              // rasterised at the device ratio already
    config.OversampleV = 1;
    config.PixelSnapH = true;

    auto add = [&](std::vector<unsigned char>& bytes, float size) -> ImFont* {
        auto& data = bytes.empty() ? regular : bytes;
        if (data.empty()) {
            ImFontConfig fallback;
            fallback.SizePixels = size * pixel_ratio;
            return atlas.AddFontDefault(&fallback);
        }
        return atlas.AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()),
                                          size * pixel_ratio, &config, k_glyph_ranges);
    };
    g_fonts.body = add(regular, 16.0f);
    g_fonts.bold = add(bold, 16.0f);
    g_fonts.small = add(regular, 13.5f);
    g_fonts.heading = add(bold, 24.0f);
    atlas.Build();

    for (ImFont* font : {g_fonts.body, g_fonts.bold, g_fonts.small, g_fonts.heading}) {
        font->Scale = 1.0f / pixel_ratio; // draw in CSS pixels
    }
}

} // namespace ui
