// The line channel's random numbers: a small, portable, seeded generator (xoshiro256**), so the same seed gives
// the same audio on every platform and standard library (std::normal_distribution does not promise that).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace pavi::line {

// splitmix64: spreads a seed (and a stream number) into well-mixed state words.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One independent stream per impairment: adding a stage does not change the noise of the others.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
  return splitmix64(state);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : s_) word = splitmix64(state);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Standard normal, by Marsaglia and Tsang's ziggurat (128 layers): one 64-bit draw and a multiply for 98% of
  // the values, exact tails. The layer comes from the low 7 bits and the value from the high 32 bits of the draw,
  // so the two are independent (the flaw Doornik found in the original code).
  double gaussian() {
    const auto& z = ziggurat();
    for (;;) {
      const std::uint64_t bits = next();
      const std::size_t layer = bits & 127;
      const auto value = static_cast<std::int32_t>(bits >> 32);
      const double x = value * z.w[layer];
      if (static_cast<std::uint32_t>(value < 0 ? -static_cast<std::int64_t>(value) : value) < z.k[layer]) return x;
      if (layer == 0) {
        // The tail beyond r, by Marsaglia's exponential method.
        double tail = 0.0;
        double y = 0.0;
        do {
          tail = -std::log(1.0 - uniform()) / Ziggurat::kR;
          y = -std::log(1.0 - uniform());
        } while (y + y < tail * tail);
        return value > 0 ? Ziggurat::kR + tail : -Ziggurat::kR - tail;
      }
      if (z.f[layer] + uniform() * (z.f[layer - 1] - z.f[layer]) < std::exp(-0.5 * x * x)) return x;
    }
  }

  // Exponentially distributed waiting time (Poisson events with this mean interval).
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

 private:
  struct Ziggurat {
    static constexpr double kR = 3.442619855899;  // start of the tail
    static constexpr double kArea = 9.91256303526217e-3;
    std::uint32_t k[128]{};
    double w[128]{};
    double f[128]{};
    Ziggurat() {
      constexpr double m = 2147483648.0;  // 2^31
      double d = kR;
      double t = kR;
      const double q = kArea / std::exp(-0.5 * d * d);
      k[0] = static_cast<std::uint32_t>((d / q) * m);
      k[1] = 0;
      w[0] = q / m;
      w[127] = d / m;
      f[0] = 1.0;
      f[127] = std::exp(-0.5 * d * d);
      for (int i = 126; i >= 1; --i) {
        d = std::sqrt(-2.0 * std::log(kArea / d + std::exp(-0.5 * d * d)));
        k[i + 1] = static_cast<std::uint32_t>((d / t) * m);
        t = d;
        f[i] = std::exp(-0.5 * d * d);
        w[i] = d / m;
      }
    }
  };
  static const Ziggurat& ziggurat() {
    static const Ziggurat tables;
    return tables;
  }

  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4]{};
};

}  // namespace pavi::line
