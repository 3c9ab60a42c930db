#include "text_fold.h"

#include <cstdint>

namespace core {
namespace {

// The base letter of each code point from U+0100 to U+017F (Latin Extended-A), in order.
// The two ligatures there ('I' for U+0132-0133, 'O' for U+0152-0153) are spelled out below.
constexpr std::string_view k_latin_extended_a = "aaaaaacccccccc"
                                                "dddd"
                                                "eeeeeeeeee"
                                                "gggggggg"
                                                "hhhh"
                                                "iiiiiiiiii"
                                                "II"
                                                "jj"
                                                "kkk"
                                                "llllllllll"
                                                "nnnnnnnnn"
                                                "oooooo"
                                                "OO"
                                                "rrrrrr"
                                                "ssssssss"
                                                "tttttt"
                                                "uuuuuuuuuuuu"
                                                "ww"
                                                "yyy"
                                                "zzzzzz"
                                                "s";
static_assert(k_latin_extended_a.size() == 0x80, "one letter per code point of Latin Extended-A");

// The folded text of U+00C0 to U+00FF (Latin-1 letters), upper and lower case alike.
constexpr std::string_view k_latin_1_letters[0x40] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",        "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "\xC3\x97", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c",        "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "\xC3\xB7", "o", "u", "u", "u", "u", "y", "th", "y"};

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// Reads one code point at `at`; returns how many bytes it took, 0 for an invalid sequence.
std::size_t read_utf8(std::string_view text, std::size_t at, std::uint32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code = lead & 0x1F, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code = lead & 0x0F, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code = lead & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (byte(at + i) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

void append_folded(std::string& out, std::uint32_t code) {
    if (code >= 0x300 && code <= 0x36F) {
        return; // a combining accent, as in a decomposed "e" + U+0301
    }
    if (code == 0xA0 || code == 0x202F || code == 0x2007) {
        out += ' ';
    } else if (code >= 0xC0 && code <= 0xFF) {
        out += k_latin_1_letters[code - 0xC0];
    } else if (code >= 0x100 && code <= 0x17F) {
        const char base = k_latin_extended_a[code - 0x100];
        out += base == 'I'   ? std::string_view("ij")
               : base == 'O' ? "oe"
                             : std::string_view(&base, 1);
    } else if (code >= 0x391 && code <= 0x3A9 && code != 0x3A2) {
        append_utf8(out, code + 0x20); // Greek capitals
    } else if (code >= 0x410 && code <= 0x42F) {
        append_utf8(out, code + 0x20); // Cyrillic capitals
    } else if (code >= 0x400 && code <= 0x40F) {
        append_utf8(out, code + 0x50);
    } else if (code == 0x2018 || code == 0x2019 || code == 0x2032) {
        out += '\''; // typographic apostrophes match the typewriter one
    } else {
        append_utf8(out, code);
    }
}

} // namespace

std::string fold_for_search(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    append_folded_for_search(out, utf8);
    return out;
}

void append_folded_for_search(std::string& out, std::string_view utf8) {
    std::size_t at = 0;
    while (at < utf8.size()) {
        const unsigned char c = static_cast<unsigned char>(utf8[at]);
        if (c < 0x80) {
            out +=
                (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c);
            ++at;
            continue;
        }
        std::uint32_t code = 0;
        const std::size_t length = read_utf8(utf8, at, code);
        if (length == 0) {
            ++at; // a byte that is not UTF-8 cannot be typed in a search box: drop it
            continue;
        }
        append_folded(out, code);
        at += length;
    }
}

} // namespace core
