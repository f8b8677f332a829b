// The random source of the byte fault injectors: xoshiro256** seeded through splitmix64, with our own uniform
// and geometric draws so that a seed gives the same faults with any standard library (std::*_distribution
// results are implementation-defined).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace pavi::modem {

class FaultRandom {
 public:
  explicit FaultRandom(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : state_) word = splitmix(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  std::uint8_t byte() { return static_cast<std::uint8_t>(next() >> 56); }

  // Uniform in (0, 1]: never 0, so log() below is finite.
  double uniform() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

  // Number of trials before the next event of probability p (0, 1, 2...): the gap between independent
  // events, drawn at once instead of one coin per bit or byte.
  std::uint64_t gap(double p) {
    if (p <= 0.0) return std::numeric_limits<std::uint64_t>::max();
    if (p >= 1.0) return 0;
    const double g = std::floor(std::log(uniform()) / std::log1p(-p));
    return g >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(g);
  }

  // Exponentially distributed value of the given mean.
  double exponential(double mean) { return -std::log(uniform()) * mean; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4]{};
};

}  // namespace pavi::modem
