// core::format: printf's grammar, its integers, and its three forms of floating point. Longer
// than most files here, as one piece: the forms share their rounding and their padding.
#include "format.h"

#include "powers_of_ten.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace core {
namespace {

// Where the text goes: into the buffer while it has room, counted whole.
struct Sink {
    char* out;
    std::size_t size;
    std::size_t length = 0;

    void put(char c) {
        if (length + 1 < size)
            out[length] = c;
        ++length;
    }
    void put(const char* text, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i)
            put(text[i]);
    }
    void repeat(char c, int count) {
        for (; count > 0; --count)
            put(c);
    }
};

struct Spec {
    bool left = false, plus = false, space = false, alt = false, zero = false;
    int width = 0;
    int precision = -1; // -1: none given
};

// A sign or prefix, then `zeros` zeros, then the text, padded to the width: on the right with
// '-', with zeros after the prefix when the 0 flag applies, else with spaces before it all.
void emit(Sink& sink, const Spec& spec, const char* head, int zeros, const char* text,
          std::size_t text_length, bool zero_pads) {
    const std::size_t head_length = std::strlen(head);
    const int pad = spec.width - static_cast<int>(head_length + zeros + text_length);
    const bool pad_with_zeros = spec.zero && zero_pads && !spec.left;
    if (!spec.left && !pad_with_zeros)
        sink.repeat(' ', pad);
    sink.put(head, head_length);
    if (pad_with_zeros)
        sink.repeat('0', pad);
    sink.repeat('0', zeros);
    sink.put(text, text_length);
    if (spec.left)
        sink.repeat(' ', pad);
}

const char* sign_of(const Spec& spec, bool negative) {
    return negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
}

void emit_integer(Sink& sink, const Spec& spec, std::uintmax_t value, bool negative, int base,
                  bool upper) {
    const char* digit_set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char reversed[24];
    int count = 0;
    for (std::uintmax_t rest = value; rest != 0; rest /= static_cast<unsigned>(base)) {
        reversed[count++] = digit_set[rest % static_cast<unsigned>(base)];
    }
    if (value == 0 && spec.precision != 0)
        reversed[count++] = '0';
    char digits[24];
    for (int i = 0; i < count; ++i)
        digits[i] = reversed[count - 1 - i];

    int zeros = spec.precision > count ? spec.precision - count : 0;
    if (spec.alt && base == 8 && zeros == 0 && (count == 0 || digits[0] != '0'))
        zeros = 1;
    const char* head = base == 10                             ? sign_of(spec, negative)
                       : spec.alt && base == 16 && value != 0 ? (upper ? "0X" : "0x")
                                                              : "";
    emit(sink, spec, head, zeros, digits, static_cast<std::size_t>(count), spec.precision < 0);
}

// The decimal digits of a whole number below 2^64, into `out`; returns how many.
int whole_digits(std::uint64_t value, char* out) {
    char reversed[20];
    int count = 0;
    do {
        reversed[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = 0; i < count; ++i)
        out[i] = reversed[count - 1 - i];
    return count;
}

constexpr double k_exact_limit = 9007199254740992.0; // 2^53: every whole double below is exact
constexpr int k_max_text = 400;                      // digits a double can need, with room

// The power of ten of a positive finite value's leading digit: floor(log10(value)).
int decimal_exponent(double value) {
    int binary = 0;
    std::frexp(value, &binary); // value = m * 2^binary, 0.5 <= m < 1
    int exponent = static_cast<int>(std::floor((binary - 1) * 0.30102999566398120));
    while (exponent > -330 && value < ten_to(exponent))
        --exponent;
    while (exponent < 310 && value >= ten_to(exponent + 1))
        ++exponent;
    return exponent;
}

// The rounding error of a * b, exactly: a * b == product + error (Dekker's product; the page's
// WebAssembly has no fused multiply-add).
double product_error(double a, double b, double product) {
    auto split = [](double x, double& high, double& low) {
        const double c = 134217729.0 * x; // 2^27 + 1
        high = c - (c - x);
        low = x - high;
    };
    double a_high, a_low, b_high, b_low;
    split(a, a_high, a_low);
    split(b, b_high, b_low);
    return ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low;
}

// value * 10^power, rounded to a whole number as the exact result would round: to nearest,
// ties to even. The product (or quotient) in doubles is rounded once already, and can land on
// a tie the exact value is not on (17.95 * 10 is 179.5, though 17.95 is 17.9499...): its exact
// error says which way such a tie goes.
double rounded_scaled(double value, int power) {
    if (power < -22 || power > 22)
        return std::nearbyint(value * ten_to(power));
    const double ten_power = ten_to(power < 0 ? -power : power); // exact up to 10^22
    double result = 0;
    double above = 0; // the sign of exact - result
    if (power >= 0) {
        result = value * ten_power;
        above = product_error(value, ten_power, result);
    } else {
        result = value / ten_power;
        const double back = result * ten_power;
        above = (value - back) - product_error(result, ten_power, back);
    }
    const double floor = std::floor(result);
    if (result - floor == 0.5 && above != 0)
        return above > 0 ? floor + 1 : floor;
    return std::nearbyint(result);
}

// `value` (finite, not negative) with `precision` decimals: whole digits, a point, decimals.
int fixed_text(double value, int precision, bool point, char* out) {
    int length = 0;
    if (precision <= 22 && value * ten_to(precision) < k_exact_limit) {
        char digits[24];
        int count =
            whole_digits(static_cast<std::uint64_t>(rounded_scaled(value, precision)), digits);
        const int whole = count > precision ? count - precision : 0;
        for (int i = 0; i < whole; ++i)
            out[length++] = digits[i];
        if (whole == 0)
            out[length++] = '0';
        if (precision > 0 || point)
            out[length++] = '.';
        for (int i = count; i < precision; ++i)
            out[length++] = '0';
        for (int i = whole; i < count; ++i)
            out[length++] = digits[i];
        return length;
    }

    // Large values or many decimals: the whole part, then the decimals one by one, cut.
    double whole = std::floor(value);
    double fraction = value - whole;
    if (whole < 18446744073709551616.0) {
        length = whole_digits(static_cast<std::uint64_t>(whole), out);
    } else {
        // 17 significant digits, then zeros.
        const int exponent = decimal_exponent(whole);
        const double leading = std::floor(whole / ten_to(exponent - 16));
        length = whole_digits(static_cast<std::uint64_t>(leading), out);
        while (length <= exponent && length < k_max_text - 2)
            out[length++] = '0';
    }
    if (precision > 0 || point)
        out[length++] = '.';
    for (int i = 0; i < precision && length < k_max_text; ++i) {
        fraction *= 10;
        const double digit = std::floor(fraction);
        out[length++] = static_cast<char>('0' + static_cast<int>(digit));
        fraction -= digit;
    }
    return length;
}

// `value` (finite, not negative) as d.ddde+XX with `precision` decimals.
int exponent_text(double value, int precision, bool point, bool upper, char* out,
                  int* exponent_out = nullptr) {
    int exponent = 0;
    std::uint64_t digits = 0;
    const int kept = precision > 16 ? 16 : precision; // a double has 17 significant digits
    if (value != 0) {
        exponent = decimal_exponent(value);
        for (int attempt = 0; attempt < 3; ++attempt) {
            // value / 10^exponent * 10^kept, in two steps where one power would overflow.
            const double scaled =
                exponent < -300 ? std::nearbyint(value * 1e300 * ten_to(kept - exponent - 300))
                                : rounded_scaled(value, kept - exponent);
            const double low = ten_to(kept), high = low * 10;
            if (scaled >= high) {
                ++exponent;
            } else if (scaled < low) {
                --exponent;
            } else {
                digits = static_cast<std::uint64_t>(scaled);
                break;
            }
        }
        if (digits == 0)
            digits = static_cast<std::uint64_t>(ten_to(kept));
    }
    if (exponent_out)
        *exponent_out = exponent;

    char text[24];
    const int count = value == 0 ? 1 + kept : whole_digits(digits, text);
    if (value == 0)
        std::memset(text, '0', static_cast<std::size_t>(count));
    int length = 0;
    out[length++] = text[0];
    if (precision > 0 || point)
        out[length++] = '.';
    for (int i = 1; i < count; ++i)
        out[length++] = text[i];
    for (int i = kept; i < precision && length < k_max_text - 8; ++i)
        out[length++] = '0';
    out[length++] = upper ? 'E' : 'e';
    out[length++] = exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    char exponent_digits[8];
    const int exponent_count = whole_digits(static_cast<std::uint64_t>(magnitude), exponent_digits);
    if (exponent_count < 2)
        out[length++] = '0';
    for (int i = 0; i < exponent_count; ++i)
        out[length++] = exponent_digits[i];
    return length;
}

// Drops the zeros that end the decimals of `text` (and a point left alone), before any exponent.
int without_trailing_zeros(char* text, int length) {
    const char* point = static_cast<const char*>(std::memchr(text, '.', length));
    if (!point)
        return length;
    const char* exponent = static_cast<const char*>(std::memchr(text, 'e', length));
    if (!exponent)
        exponent = static_cast<const char*>(std::memchr(text, 'E', length));
    const int end = exponent ? static_cast<int>(exponent - text) : length;
    int cut = end;
    while (cut > 0 && text[cut - 1] == '0')
        --cut;
    if (cut > 0 && text[cut - 1] == '.')
        --cut;
    std::memmove(text + cut, text + end, static_cast<std::size_t>(length - end));
    return cut + (length - end);
}

void emit_floating(Sink& sink, const Spec& spec, double value, char conversion) {
    const bool upper = conversion == 'F' || conversion == 'E' || conversion == 'G';
    const bool negative = std::signbit(value);
    const double magnitude = std::fabs(value);
    const char* sign = sign_of(spec, negative);
    if (!std::isfinite(value)) {
        const char* word = std::isnan(value) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        emit(sink, spec, sign, 0, word, 3, false);
        return;
    }

    char text[k_max_text + 16];
    int length = 0;
    const char kind = static_cast<char>(conversion | 0x20); // f, e or g
    if (kind == 'f') {
        length = fixed_text(magnitude, spec.precision < 0 ? 6 : spec.precision, spec.alt, text);
    } else if (kind == 'e') {
        length = exponent_text(magnitude, spec.precision < 0 ? 6 : spec.precision, spec.alt, upper,
                               text);
    } else {
        // %g: the exponent %e would show decides between the two forms.
        const int significant = spec.precision < 0 ? 6 : spec.precision == 0 ? 1 : spec.precision;
        int exponent = 0;
        length = exponent_text(magnitude, significant - 1, spec.alt, upper, text, &exponent);
        if (exponent >= -4 && exponent < significant) {
            length = fixed_text(magnitude, significant - 1 - exponent, spec.alt, text);
        }
        if (!spec.alt)
            length = without_trailing_zeros(text, length);
    }
    emit(sink, spec, sign, 0, text, static_cast<std::size_t>(length), true);
}

} // namespace

int format_v(char* out, std::size_t size, const char* format, std::va_list args) {
    Sink sink{out, size};
    for (const char* at = format; *at; ++at) {
        if (*at != '%') {
            sink.put(*at);
            continue;
        }
        ++at;

        Spec spec;
        for (;; ++at) {
            if (*at == '-')
                spec.left = true;
            else if (*at == '+')
                spec.plus = true;
            else if (*at == ' ')
                spec.space = true;
            else if (*at == '#')
                spec.alt = true;
            else if (*at == '0')
                spec.zero = true;
            else
                break;
        }
        if (*at == '*') {
            spec.width = va_arg(args, int);
            if (spec.width < 0) {
                spec.left = true;
                spec.width = -spec.width;
            }
            ++at;
        } else {
            for (; *at >= '0' && *at <= '9'; ++at)
                spec.width = spec.width * 10 + (*at - '0');
        }
        if (*at == '.') {
            ++at;
            spec.precision = 0;
            if (*at == '*') {
                spec.precision = va_arg(args, int);
                if (spec.precision < 0)
                    spec.precision = -1;
                ++at;
            } else {
                for (; *at >= '0' && *at <= '9'; ++at) {
                    spec.precision = spec.precision * 10 + (*at - '0');
                }
            }
        }

        // Length modifiers: hh h l ll j z t L.
        int size_class = 0; // -2 hh, -1 h, 0 int, 1 l, 2 ll, 3 j, 4 z, 5 t
        bool long_double = false;
        if (*at == 'h') {
            size_class = at[1] == 'h' ? -2 : -1;
            at += at[1] == 'h' ? 2 : 1;
        } else if (*at == 'l') {
            size_class = at[1] == 'l' ? 2 : 1;
            at += at[1] == 'l' ? 2 : 1;
        } else if (*at == 'j' || *at == 'z' || *at == 't') {
            size_class = *at == 'j' ? 3 : *at == 'z' ? 4 : 5;
            ++at;
        } else if (*at == 'L') {
            long_double = true;
            ++at;
        }

        const char conversion = *at;
        switch (conversion) {
        case 'd':
        case 'i': {
            std::intmax_t value = 0;
            switch (size_class) {
            case -2:
                value = static_cast<signed char>(va_arg(args, int));
                break;
            case -1:
                value = static_cast<short>(va_arg(args, int));
                break;
            case 1:
                value = va_arg(args, long);
                break;
            case 2:
                value = va_arg(args, long long);
                break;
            case 3:
                value = va_arg(args, std::intmax_t);
                break;
            case 4:
            case 5:
                value = va_arg(args, std::ptrdiff_t);
                break;
            default:
                value = va_arg(args, int);
                break;
            }
            const bool negative = value < 0;
            const std::uintmax_t magnitude = negative ? 0 - static_cast<std::uintmax_t>(value)
                                                      : static_cast<std::uintmax_t>(value);
            emit_integer(sink, spec, magnitude, negative, 10, false);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            std::uintmax_t value = 0;
            switch (size_class) {
            case -2:
                value = static_cast<unsigned char>(va_arg(args, unsigned));
                break;
            case -1:
                value = static_cast<unsigned short>(va_arg(args, unsigned));
                break;
            case 1:
                value = va_arg(args, unsigned long);
                break;
            case 2:
                value = va_arg(args, unsigned long long);
                break;
            case 3:
                value = va_arg(args, std::uintmax_t);
                break;
            case 4:
                value = va_arg(args, std::size_t);
                break;
            case 5:
                value = static_cast<std::uintmax_t>(va_arg(args, std::ptrdiff_t));
                break;
            default:
                value = va_arg(args, unsigned);
                break;
            }
            const int base = conversion == 'u' ? 10 : conversion == 'o' ? 8 : 16;
            Spec unsigned_spec = spec;
            unsigned_spec.plus = unsigned_spec.space = false;
            emit_integer(sink, unsigned_spec, value, false, base, conversion == 'X');
            break;
        }
        case 'p': {
            Spec pointer = spec;
            pointer.alt = true;
            const auto address = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
            emit_integer(sink, pointer, address, false, 16, false);
            break;
        }
        case 'c': {
            const char c = static_cast<char>(va_arg(args, int));
            emit(sink, spec, "", 0, &c, 1, false);
            break;
        }
        case 's': {
            const char* text = va_arg(args, const char*);
            if (!text)
                text = "(null)";
            std::size_t length = 0;
            while (text[length] &&
                   (spec.precision < 0 || length < static_cast<std::size_t>(spec.precision))) {
                ++length;
            }
            emit(sink, spec, "", 0, text, length, false);
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            const double value =
                long_double ? static_cast<double>(va_arg(args, long double)) : va_arg(args, double);
            emit_floating(sink, spec, value, conversion);
            break;
        }
        case 'n':
            va_arg(args, void*);
            break; // not supported: prints nothing
        case 'a':
        case 'A':
            va_arg(args, double);
            break; // not supported: prints nothing
        case '%':
            sink.put('%');
            break;
        case '\0':
            --at;
            break; // a lone % at the end
        default:
            break;
        }
    }
    if (size > 0)
        out[sink.length < size ? sink.length : size - 1] = '\0';
    return static_cast<int>(sink.length);
}

int format(char* out, std::size_t size, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int length = format_v(out, size, format, args);
    va_end(args);
    return length;
}

} // namespace core
