// printf-style formatting into a buffer, for the page's logger and for Dear ImGui's text
// functions, without the C library's printf: that one formats floating point in long double,
// and with the scanf that ImGui's settings parser links it was 6 KB of the page's first load,
// gzipped.
//
// It takes what C's printf takes: the flags - + space # 0, a width and a precision (either may
// be *), the length modifiers hh h l ll j z t L, and the conversions d i u o x X c s p f F e E
// g G and %%. Floating point is formatted from a double, correctly rounded as long as the value
// times 10^precision is below 2^53 (every figure the page shows); beyond that the last digits may
// differ from glibc's. %n and %a are not supported: they print nothing.
#pragma once

#include <cstdarg>
#include <cstddef>

namespace core {

// Like vsnprintf: writes at most size - 1 characters and a NUL (nothing when size is 0), and
// returns how many characters the whole text has.
int format_v(char* out, std::size_t size, const char* format, std::va_list args);

int format(char* out, std::size_t size, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

// Like strtod, for decimal text (the page's strtod: the C library's reads in long double, another
// 5 KB of the first load): white space, a sign, digits with a point and an exponent, or inf,
// infinity and nan. Exact (correctly rounded) for up to 15 significant digits with an exponent
// from -22 to 22, which covers every JSON number the page reads; otherwise within a few units in
// the last place (so a value within those of the largest double may read as infinity). Overflow
// gives infinity and underflow zero, with errno set to ERANGE.
// Hexadecimal floating point is not read: "0x1p3" reads as 0, ending before the x.
double read_double(const char* text, char** end);

} // namespace core
