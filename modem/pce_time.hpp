// Simulated time shared by PCE, the byte fault injectors and the byte link: a clock that only moves when the
// caller says so, so timers (134 ms keep-alive, 1120 ms NACK repeat, 1400 ms START repeat) run in virtual time.
#pragma once

#include <chrono>
#include <cstdint>

namespace pavi::modem {

// A clock with no now(): time is always passed in explicitly by whoever drives the simulation.
struct SimClock {
  using duration = std::chrono::microseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<SimClock, duration>;
  static constexpr bool is_steady = true;
};

using SimDuration = SimClock::duration;
using SimTime = SimClock::time_point;

// Start of character slot `index` on a line of `bit_rate` bit/s with `bits_per_char` bits per character,
// computed from the index so that rounding never accumulates (120 characters/s is not a whole number of µs).
constexpr SimTime char_slot(std::int64_t index, int bit_rate, int bits_per_char = 10) {
  return SimTime{SimDuration{index * bits_per_char * 1'000'000 / bit_rate}};
}

// Duration of one character, rounded down to the microsecond.
constexpr SimDuration char_duration(int bit_rate, int bits_per_char = 10) {
  return SimDuration{std::int64_t{bits_per_char} * 1'000'000 / bit_rate};
}

}  // namespace pavi::modem
