// Any bytes as text for core::read_double, the page's strtod, and as a double for core::format,
// its vsnprintf: never a read or write out of bounds, the same end of the number as the C
// library's strtod, the same value wherever read_double says it is exact (15 significant digits
// or fewer, an exponent within +-22), and the same %.15g text as the C library's snprintf
// wherever format says it rounds correctly.
#include "core/format.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// Whether `text` (up to `end`) is decimal text read_double takes exactly: at most 15 significant
// digits, and an exponent that, with the point, leaves a power of ten within +-22.
bool exact_case(const char* text, const char* end) {
    int significant = 0, point_shift = 0, exponent = 0;
    bool seen_point = false, leading = true, in_exponent = false, exponent_negative = false;
    for (const char* at = text; at < end; ++at) {
        const char c = *at;
        if (in_exponent) {
            if (c == '-')
                exponent_negative = true;
            if (c >= '0' && c <= '9' && exponent < 1000)
                exponent = exponent * 10 + (c - '0');
        } else if (c == '.') {
            seen_point = true;
        } else if (c == 'e' || c == 'E') {
            in_exponent = true;
        } else if (c >= '0' && c <= '9') {
            if (c != '0')
                leading = false;
            if (!leading)
                ++significant;
            if (seen_point)
                --point_shift;
        } else if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
            return false; // inf, nan: compared apart
        }
    }
    // Trailing zeros of the digits count here as significant: the check errs on the safe side.
    const int power = point_shift + (exponent_negative ? -exponent : exponent);
    return significant <= 15 && power >= -22 && power <= 22;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size); // NUL-terminated copy

    char* our_end = nullptr;
    char* their_end = nullptr;
    const double ours = core::read_double(text.c_str(), &our_end);
    const double theirs = std::strtod(text.c_str(), &their_end);
    const bool hexadecimal = std::strpbrk(text.c_str(), "xX") != nullptr;
    if (!hexadecimal && our_end != their_end)
        __builtin_trap(); // the number ends elsewhere
    if (!hexadecimal && exact_case(text.c_str(), our_end) && !std::isnan(theirs) &&
        ours != theirs) {
        __builtin_trap(); // a value read_double promises exact
    }

    // The value back to text, with the C library's digits wherever core::format promises them
    // (the value times 10^precision below 2^53, with a power of ten within +-22).
    const double magnitude = std::fabs(ours);
    if (magnitude >= 1e-8 && magnitude < 1e36) {
        char our_text[64];
        char their_text[64];
        core::format(our_text, sizeof our_text, "%.15g", ours);
        std::snprintf(their_text, sizeof their_text, "%.15g", ours);
        if (std::strcmp(our_text, their_text) != 0)
            __builtin_trap();
    }

    // Every conversion on that value, into a buffer too small for most of them.
    char small[8];
    for (const char* format : {"%f", "%.3e", "%g", "%#.0f", "%+012.4f", "%-9.2E", "%.40f"}) {
        const int whole = core::format(small, sizeof small, format, ours);
        if (whole < 0 || std::strlen(small) != std::min<std::size_t>(whole, sizeof small - 1)) {
            __builtin_trap();
        }
    }
    return 0;
}
