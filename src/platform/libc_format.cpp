// The page's vsnprintf and strtod, in place of the C library's: every snprintf of the page (Dear
// ImGui's text, nlohmann/json's escapes, the logger) formats with core::format, and every strtod
// (the JSON readers, Retry-After) reads with core::read_double; both work in double, where the C
// library's work in long double. That code, with the scanf below, was 9 KB of the first load,
// gzipped. Linked statically, a function the page defines is the one every caller gets.
//
// And the sscanf that imgui.cpp and imgui_tables.cpp are compiled to call (page.cmake): only
// their parser of .ini settings does, and the page keeps no ImGui settings (io.IniFilename is
// null, and nothing loads any). It matches nothing, so such a line would be skipped, as ImGui
// skips a line it cannot read.
#include "core/format.h"

#include <cstdarg>
#include <cstddef>

extern "C" {

int vsnprintf(char* __restrict out, std::size_t size, const char* __restrict format,
              std::va_list args) {
    return core::format_v(out, size, format, args);
}

double strtod(const char* __restrict text, char** __restrict end) {
    return core::read_double(text, end);
}

// The C library defines these two with strtod, in one file: the page defines all three, or that
// file comes back with the first reference to either (libc++'s std::stof has one).
float strtof(const char* __restrict text, char** __restrict end) {
    return static_cast<float>(core::read_double(text, end));
}

long double strtold(const char* __restrict text, char** __restrict end) {
    return core::read_double(text, end);
}

int imgui_settings_sscanf(const char*, const char*, ...) {
    return 0;
}

} // extern "C"
