// Powers of ten as doubles, for core::format and core::read_double.
#pragma once

#include <cmath>

namespace core {

// 10^power: exact from 10^0 to 10^22, as a double can hold them; beyond, within a few rounding
// steps (a product of the powers 10^(2^k), each written exactly rounded). The C library's pow
// and log10 would add 2 KB to the page for these.
inline double ten_to(int power) {
    static constexpr double k_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                         1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    static constexpr double k_squares[] = {1e1, 1e2, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256};
    if (power < 0)
        return 1 / ten_to(-power);
    if (power <= 22)
        return k_exact[power];
    double result = 1;
    for (int bit = 0; power != 0 && bit < 9; ++bit, power >>= 1) {
        if (power & 1)
            result *= k_squares[bit];
    }
    return power != 0 ? INFINITY : result;
}

} // namespace core
