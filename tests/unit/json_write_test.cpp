#include "core/json_write.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp> // to read back what was written

#include <cmath>
#include <string>

using core::json::append_key;
using core::json::append_number;
using core::json::append_string;

namespace {

std::string as_string(std::string_view text) {
    std::string out;
    append_string(out, text);
    return out;
}

std::string as_number(double value) {
    std::string out;
    append_number(out, value);
    return out;
}

} // namespace

TEST_CASE("a string is quoted, with quotes, backslashes and control characters escaped") {
    CHECK(as_string("") == R"("")");
    CHECK(as_string(R"(say "hi" \o/)") == R"("say \"hi\" \\o/")");
    CHECK(as_string("a\nb\r\tc") == R"("a\nb\r\tc")");
    CHECK(as_string(std::string("\x01\x1f\0", 3)) == R"("\u0001\u001f\u0000")");
    CHECK(as_string("/ and \x7f stay") == "\"/ and \x7f stay\"");
}

TEST_CASE("UTF-8 is kept as it is, and bytes that are not UTF-8 become U+FFFD") {
    const std::string accents = "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xD7\xA9\xD7\x9C";
    CHECK(as_string(accents) == "\"" + accents + "\"");

    SUBCASE("a cut sequence, a stray continuation byte, an overlong form, a surrogate") {
        CHECK(as_string("a\xC3") == "\"a\xEF\xBF\xBD\"");
        CHECK(as_string("\x80z") == "\"\xEF\xBF\xBDz\"");
        CHECK(as_string("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
        CHECK(as_string("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
        CHECK(as_string("\xF4\x90\x80\x80") ==
              "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    }
}

TEST_CASE("numbers: whole ones as such, others to 7 digits, and none that JSON cannot read") {
    CHECK(as_number(0) == "0");
    CHECK(as_number(-12) == "-12");
    CHECK(as_number(1280) == "1280");
    CHECK(as_number(245.5) == "245.5");
    CHECK(as_number(1.0 / 3.0) == "0.3333333");
    CHECK(as_number(-0.25) == "-0.25");
    CHECK(as_number(INFINITY) == "0");
    CHECK(as_number(NAN) == "0");
}

TEST_CASE("what is written reads back as the same JSON") {
    std::string out = "{";
    bool first = true;
    append_key(out, "name", first);
    append_string(out, "Ren\xC3\xA9\n\"quoted\"");
    append_key(out, "x", first);
    append_number(out, 12.75);
    out += '}';

    const auto read = nlohmann::json::parse(out, nullptr, false);
    REQUIRE(read.is_object());
    CHECK(read["name"] == "Ren\xC3\xA9\n\"quoted\"");
    CHECK(read["x"] == 12.75);
}
