// Rational numbers for time bases and frame rates, and exact rescaling between them.
#pragma once

#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace lm {

struct Rational {
    int64_t num = 0;
    int64_t den = 1;

    constexpr double to_double() const {
        return static_cast<double>(num) / static_cast<double>(den);
    }
    constexpr Rational inverse() const { return {den, num}; }
    constexpr Rational reduced() const {
        const int64_t g = std::gcd(num, den);
        return g == 0 ? *this : Rational{num / g, den / g};
    }
    friend constexpr bool operator==(Rational a, Rational b) {
        return a.num * b.den == b.num * a.den;
    }
};

/// Rescales `value` expressed in units of `from` into units of `to`, rounding to the nearest
/// integer (halves away from zero). Uses 128-bit intermediates so nanosecond values spanning
/// years do not overflow.
constexpr int64_t rescale(int64_t value, Rational from, Rational to) {
    if (from.den == 0 || to.num == 0)
        throw std::invalid_argument("rescale: zero denominator");
    const __int128 numerator = static_cast<__int128>(value) * from.num * to.den;
    const __int128 denominator = static_cast<__int128>(from.den) * to.num;
    const __int128 half = denominator / 2;
    const __int128 rounded =
        numerator >= 0 ? (numerator + half) / denominator : (numerator - half) / denominator;
    return static_cast<int64_t>(rounded);
}

/// Nanoseconds as a time base.
inline constexpr Rational kNanoseconds{1, 1'000'000'000};

}  // namespace lm
