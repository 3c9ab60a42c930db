#include "format.h"

#include "powers_of_ten.h"

#include <cerrno>
#include <cmath>
#include <cstdint>

namespace core {

double read_double(const char* text, char** end) {
    const char* at = text;
    while (*at == ' ' || (*at >= '\t' && *at <= '\r'))
        ++at;
    const bool negative = *at == '-';
    if (*at == '-' || *at == '+')
        ++at;
    auto done = [&](const char* stop, double value) {
        if (end)
            *end = const_cast<char*>(stop);
        return negative ? -value : value;
    };

    // inf, infinity, nan, in any case.
    auto word = [&](const char* lower) {
        std::size_t i = 0;
        for (; lower[i]; ++i) {
            if ((at[i] | 0x20) != lower[i])
                return std::size_t{0};
        }
        return i;
    };
    if (const std::size_t n = word("infinity") ? 8 : word("inf") ? 3 : 0) {
        return done(at + n, INFINITY);
    }
    if (const std::size_t n = word("nan"))
        return done(at + n, NAN);

    // Up to 19 significant digits in a whole number, and the power of ten that scales it.
    std::uint64_t digits = 0;
    int kept = 0, exponent = 0;
    bool any_digit = false;
    for (; *at >= '0' && *at <= '9'; ++at, any_digit = true) {
        if (kept < 19) {
            digits = digits * 10 + static_cast<unsigned>(*at - '0');
            kept += digits != 0;
        } else {
            ++exponent;
        }
    }
    if (*at == '.') {
        for (++at; *at >= '0' && *at <= '9'; ++at, any_digit = true) {
            if (kept < 19) {
                digits = digits * 10 + static_cast<unsigned>(*at - '0');
                kept += digits != 0;
                --exponent;
            }
        }
    }
    if (!any_digit) {
        if (end)
            *end = const_cast<char*>(text);
        return 0;
    }
    if ((*at == 'e' || *at == 'E')) {
        const char* mark = at + 1;
        const bool below = *mark == '-';
        if (*mark == '-' || *mark == '+')
            ++mark;
        if (*mark >= '0' && *mark <= '9') {
            int written = 0;
            for (; *mark >= '0' && *mark <= '9'; ++mark) {
                if (written < 100000)
                    written = written * 10 + (*mark - '0');
            }
            exponent += below ? -written : written;
            at = mark;
        }
    }
    if (digits == 0)
        return done(at, 0.0);

    // Exact where both the digits and the power of ten are exact doubles: one rounding.
    double value = static_cast<double>(digits);
    if (digits < (std::uint64_t{1} << 53) && exponent >= -22 && exponent <= 22) {
        value = exponent < 0 ? value / ten_to(-exponent) : value * ten_to(exponent);
    } else if (exponent < -300) {
        value = value * ten_to(exponent + 300) * 1e-300; // 10^exponent alone would be 0
    } else {
        value *= ten_to(exponent);
    }
    if (std::isinf(value) || value == 0)
        errno = ERANGE;
    return done(at, value);
}

} // namespace core
