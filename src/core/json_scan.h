// A strict JSON scanner for the decoders: it reads a body once, front to back, and builds no
// tree, so a list of 100,000 tickets goes straight into Ticket rows (about as fast as the
// browser's JSON.parse, and without a second copy of the list in memory). It accepts exactly
// RFC 8259 JSON in UTF-8 (and a byte order mark at the start): overlong, surrogate or cut
// UTF-8, raw control characters, lone surrogate escapes, leading zeros, and numbers beyond a
// double all make the body invalid. Nesting depth is limited only by memory: skipping a value
// uses no recursion.
//
// Errors are sticky: after the first one every call returns false and failed() says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core::json {

enum class Kind { null, boolean, number, string, array, object };

// A JSON number as written: a whole number that fits 64 bits (signed when negative), or else a
// double (which is finite: larger numbers are an error).
struct Number {
    enum class Type { integer, unsigned_integer, floating };
    Type type = Type::integer;
    std::int64_t integer = 0;
    std::uint64_t unsigned_integer = 0;
    double floating = 0;
};

// "null", "boolean", "number", "string", "array", "object".
const char* kind_name(Kind kind);

// The length of the well-formed UTF-8 sequence that starts `text` (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), 1 for ASCII, and 0 for anything else.
std::size_t utf8_sequence_length(std::string_view text);

class Scanner {
public:
    explicit Scanner(std::string_view text);

    bool failed() const { return failed_; }

    // The kind of the next value; nothing (and failed) when no value can start here.
    std::optional<Kind> peek();

    // Arrays and objects. enter() takes the opening bracket; next() is true while an element
    // (or a member) follows, taking the comma before it, and false at the closing bracket,
    // which it takes, or on an error. In an object, key() reads the member's name and its colon.
    bool enter(char open);
    bool next(char close, bool& first);
    bool key(std::string& out);

    // Values. read_string() replaces `out` with the string's text.
    bool read_string(std::string& out);
    bool read_number(Number& out);
    bool skip_value();

    // After the one top-level value: only white space is left.
    bool at_end();

private:
    void skip_space();
    bool fail();
    bool expect(char c);
    bool scan_string(std::string* out);
    bool scan_escape(std::string* out);
    bool scan_utf8();
    bool scan_literal(std::string_view word);
    bool scan_number(Number* out);

    std::string_view text_;
    std::size_t at_ = 0;
    bool failed_ = false;
    std::vector<char> closers_; // skip_value()'s open brackets, innermost last
};

} // namespace core::json
