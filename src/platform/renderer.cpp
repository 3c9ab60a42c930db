// Draws ImGui's draw lists with WebGL 2. The page owns its context, and nothing else draws
// into it: the state is set once and never read back. (Dear ImGui's OpenGL 3 backend saves and
// restores some twenty pieces of state around every frame, and each glGet is a synchronous trip
// to the browser's GPU process: 120 ms of a cold start in a profile.)
#include "platform/page.h"

#include <imgui.h>

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>

namespace platform {
namespace {

struct Renderer {
    GLuint program = 0;
    GLint projection = -1;
    GLuint vertex_array = 0;
    GLuint vertices = 0;
    GLuint indices = 0;
    GLuint font_texture = 0;
};

Renderer r;

constexpr const char* k_vertex_shader = R"(#version 300 es
uniform mat4 u_projection;
layout (location = 0) in vec2 a_position;
layout (location = 1) in vec2 a_uv;
layout (location = 2) in vec4 a_colour;
out vec2 v_uv;
out vec4 v_colour;
void main() {
    v_uv = a_uv;
    v_colour = a_colour;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
)";

// The font atlas is one channel of coverage; every other shape samples its white texel.
constexpr const char* k_fragment_shader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_colour;
out vec4 o_colour;
void main() {
    o_colour = vec4(v_colour.rgb, v_colour.a * texture(u_texture, v_uv).r);
}
)";

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

} // namespace

bool renderer_init() {
    const GLuint vertex = compile(GL_VERTEX_SHADER, k_vertex_shader);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, k_fragment_shader);
    r.program = glCreateProgram();
    glAttachShader(r.program, vertex);
    glAttachShader(r.program, fragment);
    glLinkProgram(r.program);
    // One question to the GPU process, only on the way in: did it link?
    GLint linked = GL_FALSE;
    glGetProgramiv(r.program, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        char text[512] = {};
        glGetProgramInfoLog(r.program, sizeof text, nullptr, text);
        log(Level::error, "the ImGui shaders did not link: %s", text);
        return false;
    }
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    glUseProgram(r.program);
    r.projection = glGetUniformLocation(r.program, "u_projection");
    glUniform1i(glGetUniformLocation(r.program, "u_texture"), 0);

    glGenVertexArrays(1, &r.vertex_array);
    glBindVertexArray(r.vertex_array);
    glGenBuffers(1, &r.vertices);
    glGenBuffers(1, &r.indices);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertices);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indices); // part of the vertex array's state
    constexpr GLsizei stride = sizeof(ImDrawVert);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, col)));

    // Straight (not premultiplied) alpha blending, as ImGui expects; no depth, stencil or culling.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glActiveTexture(GL_TEXTURE0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "tickets_webgl2";
    return true;
}

void renderer_upload_fonts(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    if (r.font_texture == 0) glGenTextures(1, &r.font_texture);
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    // Glyphs are rasterised at the device's pixel ratio and drawn one texel to one pixel.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
    atlas.ClearTexData(); // the texture has it
}

void renderer_draw(const ImDrawData& data, int fb_width, int fb_height, unsigned clear) {
    glViewport(0, 0, fb_width, fb_height);
    const ImVec4 colour = ImGui::ColorConvertU32ToFloat4(clear);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(colour.x, colour.y, colour.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (fb_width <= 0 || fb_height <= 0) return;
    glEnable(GL_SCISSOR_TEST);

    // Display coordinates (CSS pixels) to clip space, y down.
    const float left = data.DisplayPos.x, top = data.DisplayPos.y;
    const float right = left + data.DisplaySize.x, bottom = top + data.DisplaySize.y;
    // clang-format off
    const float projection[16] = {
        2.0f / (right - left),            0.0f,                             0.0f,  0.0f,
        0.0f,                             2.0f / (top - bottom),            0.0f,  0.0f,
        0.0f,                             0.0f,                             -1.0f, 0.0f,
        (right + left) / (left - right),  (top + bottom) / (bottom - top),  0.0f,  1.0f,
    };
    // clang-format on
    glUniformMatrix4fv(r.projection, 1, GL_FALSE, projection);

    const ImVec2 scale = data.FramebufferScale;
    GLuint bound = 0;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(list.VtxBuffer.Size) * sizeof(ImDrawVert),
                     list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(list.IdxBuffer.Size) * sizeof(ImDrawIdx),
                     list.IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) continue; // the views use none
            // The clip rectangle in framebuffer pixels; GL's scissor counts rows from the bottom.
            const float x0 = (cmd.ClipRect.x - left) * scale.x;
            const float y0 = (cmd.ClipRect.y - top) * scale.y;
            const float x1 = (cmd.ClipRect.z - left) * scale.x;
            const float y1 = (cmd.ClipRect.w - top) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_height - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            const auto texture =
                static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != bound) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound = texture;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
}

} // namespace platform
