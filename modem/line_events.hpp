// When occasional impairments (bursts, dropouts) are active, sample by sample: once at a time, or Poisson events.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "modem/line_config.hpp"
#include "modem/line_levels.hpp"
#include "modem/line_random.hpp"

namespace pavi::line {

class EventSchedule {
 public:
  EventSchedule(double duration_s, const EventTiming& timing, std::uint64_t seed)
      : length_(to_samples(duration_s)), timing_(timing), random_(seed) {
    next_start_ = timing.kind == EventTiming::Kind::once ? to_samples(timing.seconds) : draw_interval();
  }

  // Must be called once per sample, in order.
  bool active() {
    while (now_ >= next_start_) {
      end_ = std::max(end_, next_start_ + length_);
      next_start_ = timing_.kind == EventTiming::Kind::once ? UINT64_MAX : next_start_ + draw_interval();
    }
    return now_++ < end_;
  }

 private:
  static std::uint64_t to_samples(double seconds) { return static_cast<std::uint64_t>(std::llround(seconds * kSampleRate)); }
  std::uint64_t draw_interval() { return std::max<std::uint64_t>(1, to_samples(random_.exponential(timing_.seconds))); }

  std::uint64_t length_;
  EventTiming timing_;
  Random random_;
  std::uint64_t now_ = 0;
  std::uint64_t next_start_ = 0;
  std::uint64_t end_ = 0;
};

}  // namespace pavi::line
