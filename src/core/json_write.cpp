#include "json_write.h"

#include "format.h"
#include "json_scan.h" // utf8_sequence_length

#include <cmath>

namespace core::json {

void append_string(std::string& out, std::string_view text) {
    out += '"';
    while (!text.empty()) {
        const char c = text.front();
        const std::size_t length = utf8_sequence_length(text);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            text.remove_prefix(1);
            continue;
        }
        if (length > 1) {
            out.append(text.data(), length);
        } else if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escape[8];
            format(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            out += escape;
        } else {
            out += c;
        }
        text.remove_prefix(length);
    }
    out += '"';
}

void append_number(std::string& out, double value) {
    char text[32];
    if (!std::isfinite(value))
        value = 0;
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        format(text, sizeof text, "%.0f", value);
    } else {
        format(text, sizeof text, "%.7g", value);
    }
    out += text;
}

void append_key(std::string& out, std::string_view name, bool& first) {
    if (!first)
        out += ',';
    first = false;
    append_string(out, name);
    out += ':';
}

} // namespace core::json
