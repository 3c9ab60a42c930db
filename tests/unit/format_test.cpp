#include "core/format.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {

// The text core::format gives, and the one the C library's snprintf gives, for the same call.
template <typename... Args> void check_same(const char* format, Args... args) {
    char ours[512];
    char theirs[512];
    const int our_length = core::format(ours, sizeof ours, format, args...);
    const int their_length = std::snprintf(theirs, sizeof theirs, format, args...);
    INFO("format: ", std::string(format));
    CHECK(std::string(ours) == std::string(theirs));
    CHECK(our_length == their_length);
}

} // namespace

TEST_CASE("integers read as the C library reads them") {
    check_same("%d|%i|%u", 0, -42, 42u);
    check_same("%5d|%-5d|%05d|%+d|% d", 42, 42, -42, 42, 42);
    check_same("%.3d|%.0d|%8.3d|%-8.3d|", 7, 0, -7, 7);
    check_same("%x|%X|%#x|%#X|%#x|%o|%#o|%#o", 255u, 255u, 255u, 255u, 0u, 8u, 8u, 0u);
    check_same("%08X|%#010x|%02d", 0xBEEFu, 0xBEEFu, 3);
    check_same("%hhd|%hd|%hhu|%hu", 300, 70000, 300, 70000);
    check_same("%ld|%lld|%llu|%zu|%jd", -1L, INT64_MIN, UINT64_MAX, std::size_t{12}, INTMAX_MAX);
    check_same("%*d|%-*d|%.*d", 6, 1, 6, 1, 3, 1);
    check_same("%*d", -6, 1); // a negative width from * means '-'
}

TEST_CASE("strings and characters, cut by a precision and padded to a width") {
    check_same("[%s]|[%10s]|[%-10s]|[%.3s]|[%*.*s]", "abc", "abc", "abc", "abcdef", 6, 2, "abc");
    check_same("%c%c%c|%3c|%-3c|", 'a', 'b', 'c', 'x', 'y');
    check_same("%s/%s_%08X", "page", "tickets-list", 0x1234ABCDu);
    check_same("100%% sure, %s", "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("fixed-point numbers round to nearest, ties to even, as the C library does") {
    check_same("%f|%.0f|%.1f|%.2f|%.3f", 3.14159, 2.5, 0.25, 0.125, 1.0005);
    check_same("%.0f|%.0f|%.0f|%.0f", 0.5, 1.5, 3.5, -2.5);
    check_same("%f|%.3f|%.1f", 0.0, -0.0, -0.04);
    check_same("%8.2f|%-8.2f|%08.2f|%+.2f|% .2f|%#.0f", 3.14159, 3.14159, -3.14159, 1.0, 1.0, 7.0);
    check_same("%.1f ms|%.1f MB", 23.64, 59.46);
    check_same("%f|%.2f", 123456789.125, 4503599627370495.5);

    SUBCASE("every hundredth from -20 to 20") {
        for (int i = -2000; i <= 2000; ++i)
            check_same("%.2f|%.1f|%.0f", i / 100.0, i / 100.0, i / 100.0);
    }
}

TEST_CASE("exponent and general forms") {
    check_same("%e|%.2e|%E|%.0e|%#.0e", 12345.678, 12345.678, 0.000123, 9.5, 3.0);
    check_same("%e|%.3e|%e", 0.0, 9.9996, 1e-300);
    check_same("%g|%g|%g|%g|%g|%g", 0.0, 100000.0, 1000000.0, 0.0001, 0.00001, 123.456);
    check_same("%.3g|%.10g|%#g|%G|%.0g", 3.14159, 2.0 / 3.0, 1.5, 1e-10, 0.5);
    check_same("%g|%g|%e", 1e300, -2.5e-7, 6.02214076e23);
}

TEST_CASE("random values in every form match the C library's digits") {
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    auto next = [&state] {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return state >> 11;
    };
    for (int i = 0; i < 3000; ++i) {
        const double unit = static_cast<double>(next()) / 9007199254740992.0; // [0, 1)
        const double value = std::ldexp(unit, static_cast<int>(next() % 60) - 30);
        const int precision = static_cast<int>(next() % 7);
        check_same("%.*f|%.*e|%.*g|%g", precision, value, precision + 3, value, precision + 1,
                   value, -value);
    }
}

TEST_CASE("infinity and not-a-number are words, with their sign") {
    check_same("%f|%F|%e|%g|%5.1f|%-6f|", INFINITY, -INFINITY, NAN, INFINITY, INFINITY, -INFINITY);
}

TEST_CASE("a buffer too small keeps the start, ends with NUL, and the whole length is returned") {
    char small[6] = "xxxxx";
    CHECK(core::format(small, sizeof small, "%s=%d", "count", 12345) == 11);
    CHECK(std::string(small) == "count");

    char one[1] = {'x'};
    CHECK(core::format(one, 1, "%d", 7) == 1);
    CHECK(one[0] == '\0');

    CHECK(core::format(nullptr, 0, "%05d|%s", 3, "four") == 10);
}

TEST_CASE("conversions it does not take print nothing and keep the arguments in step") {
    char out[64];
    int written = 0;
    core::format(out, sizeof out, "a%nb%ac%d", &written, 1.5, 7);
    CHECK(std::string(out) == "abc7");
    const char* lone_percent = "50%"; // not a literal, so that the compiler lets it through
    core::format(out, sizeof out, lone_percent);
    CHECK(std::string(out) == "50");
}

namespace {

// What core::read_double reads, and how far, next to the C library's strtod.
void check_read(const char* text) {
    char* our_end = nullptr;
    char* their_end = nullptr;
    const double ours = core::read_double(text, &our_end);
    const double theirs = std::strtod(text, &their_end);
    INFO("text: ", std::string(text));
    CHECK(our_end - text == their_end - text);
    if (std::isnan(theirs)) {
        CHECK(std::isnan(ours));
    } else {
        CHECK(ours == theirs);
        CHECK(std::signbit(ours) == std::signbit(theirs));
    }
}

} // namespace

TEST_CASE("decimal text reads as the C library reads it") {
    for (const char* text : {"0",
                             "-0",
                             "+1",
                             "42",
                             "  7",
                             "\t\n-12.5",
                             "3.14159",
                             "1e3",
                             "1E-3",
                             "2.5e+2",
                             ".5",
                             "5.",
                             "0.000123",
                             "1589222615",
                             "1589222615.0",
                             "-0.0",
                             "123456789012345",
                             "0.1",
                             "0.3",
                             "9007199254740991",
                             "1e22",
                             "1e-22",
                             "4.35e15",
                             "1.5x",
                             "12e",
                             "12e+",
                             "7.e2",
                             "inf",
                             "-Infinity",
                             "NaN",
                             "nanx",
                             "infinit",
                             "",
                             "-",
                             ".",
                             "e5",
                             "abc",
                             "00012",
                             "1e400",
                             "-1e400",
                             "1e-400"}) {
        check_read(text);
    }
}

TEST_CASE("long or far decimal text reads within a few units in the last place") {
    for (const char* text : {"3.141592653589793238462643", "1.797693134862315e308",
                             "2.2250738585072014e-308", "12345678901234567890123", "1e100",
                             "6.02214076e23", "1.0000000000000002", "0.000000000000000000001234"}) {
        char* end = nullptr;
        const double ours = core::read_double(text, &end);
        const double theirs = std::strtod(text, nullptr);
        INFO("text: ", std::string(text));
        CHECK(*end == '\0');
        CHECK(std::fabs(ours - theirs) <= 4 * std::fabs(std::nextafter(theirs, 0.0) - theirs));
    }
}

TEST_CASE("hexadecimal text is not read: it stops before the x") {
    char* end = nullptr;
    const char* text = "0x1p3";
    CHECK(core::read_double(text, &end) == 0);
    CHECK(end == text + 1);
}

TEST_CASE("random short decimals read exactly") {
    std::uint64_t state = 0x2545F4914F6CDD1Du;
    for (int i = 0; i < 5000; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        char text[64];
        std::snprintf(text, sizeof text, "%llu.%03llue%d",
                      static_cast<unsigned long long>((state >> 20) % 100000000000u),
                      static_cast<unsigned long long>((state >> 8) % 1000),
                      static_cast<int>(state % 31) - 15);
        check_read(text);
    }
}
