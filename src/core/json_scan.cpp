#include "json_scan.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace core::json {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

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

} // namespace

std::size_t utf8_sequence_length(std::string_view text) {
    const auto byte = [&](std::size_t offset) -> unsigned {
        return offset < text.size() ? static_cast<unsigned char>(text[offset]) : 0;
    };
    const auto in = [](unsigned value, unsigned low, unsigned high) {
        return value >= low && value <= high;
    };
    const unsigned lead = byte(0);
    if (!text.empty() && lead < 0x80) {
        return 1;
    }
    if (in(lead, 0xC2, 0xDF)) {
        return in(byte(1), 0x80, 0xBF) ? 2 : 0;
    }
    if (lead == 0xE0) {
        return in(byte(1), 0xA0, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    }
    if (in(lead, 0xE1, 0xEC) || in(lead, 0xEE, 0xEF)) {
        return in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    }
    if (lead == 0xED) {
        return in(byte(1), 0x80, 0x9F) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    }
    if (lead == 0xF0 || in(lead, 0xF1, 0xF3) || lead == 0xF4) {
        const unsigned low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
        return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4
                                                                                          : 0;
    }
    return 0;
}

const char* kind_name(Kind kind) {
    switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "boolean";
    case Kind::number: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
    }
    return "null";
}

Scanner::Scanner(std::string_view text) : text_(text) {
    // A byte order mark may open the body; a broken one is an error.
    if (!text_.empty() && static_cast<unsigned char>(text_[0]) == 0xEF) {
        if (text_.substr(0, 3) != "\xEF\xBB\xBF") {
            fail();
        }
        at_ = 3;
    }
}

bool Scanner::fail() {
    failed_ = true;
    return false;
}

void Scanner::skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) {
        ++at_;
    }
}

bool Scanner::expect(char c) {
    skip_space();
    if (failed_ || at_ >= text_.size() || text_[at_] != c) {
        return fail();
    }
    ++at_;
    return true;
}

std::optional<Kind> Scanner::peek() {
    skip_space();
    if (failed_ || at_ >= text_.size()) {
        fail();
        return std::nullopt;
    }
    switch (text_[at_]) {
    case 'n': return Kind::null;
    case 't':
    case 'f': return Kind::boolean;
    case '"': return Kind::string;
    case '[': return Kind::array;
    case '{': return Kind::object;
    default:
        if (text_[at_] == '-' || is_digit(text_[at_])) {
            return Kind::number;
        }
        fail();
        return std::nullopt;
    }
}

bool Scanner::enter(char open) { return expect(open); }

bool Scanner::next(char close, bool& first) {
    skip_space();
    if (failed_ || at_ >= text_.size()) {
        return fail();
    }
    if (text_[at_] == close) {
        ++at_;
        return false;
    }
    if (!first && !expect(',')) {
        return false;
    }
    first = false;
    return true;
}

bool Scanner::key(std::string& out) { return read_string(out) && expect(':'); }

bool Scanner::read_string(std::string& out) {
    out.clear();
    skip_space();
    return scan_string(&out);
}

bool Scanner::read_number(Number& out) {
    skip_space();
    return scan_number(&out);
}

bool Scanner::at_end() {
    skip_space();
    return !failed_ && at_ == text_.size();
}

// One string, its quotes included; its text goes to `out` when given.
bool Scanner::scan_string(std::string* out) {
    if (failed_ || at_ >= text_.size() || text_[at_] != '"') {
        return fail();
    }
    ++at_;
    for (;;) {
        // The common case first: a run of plain ASCII, copied at once.
        const std::size_t run = at_;
        while (at_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[at_]);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            ++at_;
        }
        if (out != nullptr && at_ > run) {
            out->append(text_.data() + run, at_ - run);
        }
        if (at_ >= text_.size()) {
            return fail();
        }
        const auto c = static_cast<unsigned char>(text_[at_]);
        if (c == '"') {
            ++at_;
            return true;
        }
        if (c == '\\') {
            if (!scan_escape(out)) {
                return false;
            }
            continue;
        }
        if (c < 0x20) {
            return fail(); // control characters must be escaped
        }
        const std::size_t start = at_;
        if (!scan_utf8()) {
            return false;
        }
        if (out != nullptr) {
            out->append(text_.data() + start, at_ - start);
        }
    }
}

// One well-formed UTF-8 sequence of two to four bytes.
bool Scanner::scan_utf8() {
    const std::size_t length = utf8_sequence_length(text_.substr(at_));
    if (length < 2) {
        return fail();
    }
    at_ += length;
    return true;
}

// A backslash escape; \uD800-\uDBFF must be followed by \uDC00-\uDFFF.
bool Scanner::scan_escape(std::string* out) {
    const auto read_hex4 = [&](std::uint32_t& code) {
        if (at_ + 4 > text_.size()) {
            return false;
        }
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hex_value(text_[at_ + static_cast<std::size_t>(i)]);
            if (digit < 0) {
                return false;
            }
            code = code * 16 + static_cast<std::uint32_t>(digit);
        }
        at_ += 4;
        return true;
    };

    ++at_; // the backslash
    if (at_ >= text_.size()) {
        return fail();
    }
    const char kind = text_[at_++];
    char plain = 0;
    switch (kind) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': {
        std::uint32_t code = 0;
        if (!read_hex4(code)) {
            return fail();
        }
        if (code >= 0xDC00 && code <= 0xDFFF) {
            return fail(); // a low surrogate alone
        }
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (text_.substr(at_, 2) != "\\u") {
                return fail();
            }
            at_ += 2;
            if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
                return fail();
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out != nullptr) {
            append_utf8(*out, code);
        }
        return true;
    }
    default: return fail();
    }
    if (out != nullptr) {
        *out += plain;
    }
    return true;
}

bool Scanner::scan_literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) {
        return fail();
    }
    at_ += word.size();
    return true;
}

// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, then its value: a whole number when it has no
// fraction or exponent and fits 64 bits, else a double.
bool Scanner::scan_number(Number* out) {
    if (failed_) {
        return false;
    }
    const std::size_t start = at_;
    const auto digits = [&] {
        const std::size_t from = at_;
        while (at_ < text_.size() && is_digit(text_[at_])) {
            ++at_;
        }
        return at_ > from;
    };
    const bool negative = at_ < text_.size() && text_[at_] == '-';
    if (negative) {
        ++at_;
    }
    if (at_ < text_.size() && text_[at_] == '0') {
        ++at_;
    } else if (!digits()) {
        return fail();
    }
    bool whole = true;
    if (at_ < text_.size() && text_[at_] == '.') {
        ++at_;
        whole = false;
        if (!digits()) {
            return fail();
        }
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
        ++at_;
        whole = false;
        if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) {
            ++at_;
        }
        if (!digits()) {
            return fail();
        }
    }
    // Skipped numbers are converted all the same: one too large for a double is an error.
    Number skipped;
    if (out == nullptr) {
        out = &skipped;
    }

    const char* first = text_.data() + start;
    const char* last = text_.data() + at_;
    if (whole && negative) {
        const auto [stop, error] = std::from_chars(first, last, out->integer);
        if (error == std::errc() && stop == last) {
            out->type = Number::Type::integer;
            return true;
        }
    } else if (whole) {
        const auto [stop, error] = std::from_chars(first, last, out->unsigned_integer);
        if (error == std::errc() && stop == last) {
            out->type = Number::Type::unsigned_integer;
            return true;
        }
    }
    // A double, read from a terminated copy of the token (strtod wants one).
    const std::string token(first, last);
    out->type = Number::Type::floating;
    out->floating = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(out->floating)) {
        return fail();
    }
    return true;
}

// Any one value, nested or not, checked and dropped. Brackets still open are kept in
// closers_, so that depth costs memory, not stack.
bool Scanner::skip_value() {
    closers_.clear();
    for (;;) {
        const auto kind = peek();
        if (!kind) {
            return false;
        }
        bool opened = false;
        switch (*kind) {
        case Kind::null: scan_literal("null"); break;
        case Kind::boolean: scan_literal(text_[at_] == 't' ? "true" : "false"); break;
        case Kind::number: scan_number(nullptr); break;
        case Kind::string: scan_string(nullptr); break;
        case Kind::array:
        case Kind::object: {
            const char close = *kind == Kind::array ? ']' : '}';
            ++at_;
            skip_space();
            if (at_ < text_.size() && text_[at_] == close) {
                ++at_;
                break;
            }
            closers_.push_back(close);
            if (close == '}') {
                skip_space();
                if (!scan_string(nullptr) || !expect(':')) {
                    return false;
                }
            }
            opened = true;
            break;
        }
        }
        if (failed_) {
            return false;
        }
        if (opened) {
            continue;
        }

        // After a value: close what it ended, or go on to the next element or member.
        for (;;) {
            if (closers_.empty()) {
                return true;
            }
            skip_space();
            if (at_ >= text_.size()) {
                return fail();
            }
            if (text_[at_] == closers_.back()) {
                ++at_;
                closers_.pop_back();
                continue;
            }
            if (text_[at_] != ',') {
                return fail();
            }
            ++at_;
            if (closers_.back() == '}') {
                skip_space();
                if (!scan_string(nullptr) || !expect(':')) {
                    return false;
                }
            }
            break;
        }
    }
}

} // namespace core::json
