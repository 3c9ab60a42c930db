#include "text.h"

#include <cstdint>

namespace tickets_server {

namespace {

// Decodes the code point at `text[pos]`; on success advances `pos` past it.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos) {
    const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte_at(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }

    std::size_t length = 0;
    char32_t value = 0;
    char32_t smallest = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        smallest = 0x10000;
    } else {
        return std::nullopt;
    }
    if (pos + length > text.size()) {
        return std::nullopt;
    }

    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte_at(pos + i);
        if ((next & 0xC0) != 0x80) {
            return std::nullopt;
        }
        value = (value << 6) | (next & 0x3F);
    }
    const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (value < smallest || value > 0x10FFFF || surrogate) {
        return std::nullopt;
    }
    pos += length;
    return value;
}

bool is_space_code_point(char32_t c) {
    if (c == 0x20 || (c >= 0x09 && c <= 0x0D)) {
        return true;
    }
    switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x180E:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x2060:
    case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
            continue;
        }
        if (c == '%' && i + 2 < text.size()) {
            const int high = hex_digit(text[i + 1]);
            const int low = hex_digit(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

std::optional<std::size_t> utf8_code_points(std::string_view text) {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (!decode_utf8(text, pos)) {
            return std::nullopt;
        }
        ++count;
    }
    return count;
}

bool is_blank(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto c = decode_utf8(text, pos);
        if (!c || !is_space_code_point(*c)) {
            return false;
        }
    }
    return true;
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[pos]);
        if (byte >= 0x80) {
            const std::size_t start = pos;
            if (decode_utf8(text, pos)) {
                out.append(text.substr(start, pos - start));
            } else {
                out += "\\ufffd";
                pos = start + 1;
            }
            continue;
        }

        ++pos;
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += k_hex[byte >> 4];
                out += k_hex[byte & 0x0F];
            } else {
                out += static_cast<char>(byte);
            }
        }
    }
    out += '"';
}

std::map<std::string, std::string> parse_urlencoded(std::string_view body) {
    std::map<std::string, std::string> fields;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        const std::string_view pair = body.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t equals = pair.find('=');
            const std::string name = percent_decode(pair.substr(0, equals));
            const std::string value =
                equals == std::string_view::npos ? "" : percent_decode(pair.substr(equals + 1));
            if (fields.find(name) == fields.end()) {
                fields.emplace(name, value);
            }
        }
        start = end + 1;
    }
    return fields;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string media_type(std::string_view content_type) {
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
        type.remove_suffix(1);
    }
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) {
        type.remove_prefix(1);
    }
    return ascii_lower(type);
}

std::string printable_for_log(std::string_view text, std::size_t max_bytes) {
    std::string out;
    for (const char c : text.substr(0, max_bytes)) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 || byte == 0x7F) ? '?' : c;
    }
    if (text.size() > max_bytes) {
        out += "...";
    }
    return out;
}

} // namespace tickets_server
