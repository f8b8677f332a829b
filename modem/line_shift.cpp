// Frequency offset: every component of the signal moves by the same number of hertz, as on old FDM carrier trunks
// whose modulating and demodulating oscillators differed. Done with an analytic signal (Hilbert FIR) and a
// complex rotation; the output is delayed by half the filter length (12.5 ms).
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "modem/line_levels.hpp"
#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

constexpr int kHalfLength = 100;  // 201 taps: flat from about 150 Hz, so the 390 Hz V.23 tone keeps its level
constexpr int kTaps = 2 * kHalfLength + 1;

// Odd taps of a Blackman-windowed ideal Hilbert transformer (the even ones are zero).
std::array<float, kHalfLength> hilbert_odd_taps() {
  std::array<float, kHalfLength> taps{};
  for (int i = 0; i < kHalfLength / 2; ++i) {
    const int k = 2 * i + 1;  // 1, 3, 5, ...
    const double n = kHalfLength + k;
    const double window = 0.42 - 0.5 * std::cos(2 * std::numbers::pi * n / (kTaps - 1)) +
                          0.08 * std::cos(4 * std::numbers::pi * n / (kTaps - 1));
    taps[static_cast<std::size_t>(i)] = static_cast<float>(2.0 / (std::numbers::pi * k) * window);
  }
  return taps;
}

class FrequencyShiftStage final : public Stage {
 public:
  explicit FrequencyShiftStage(double hz)
      : step_(2 * std::numbers::pi * hz / kSampleRate), taps_(hilbert_odd_taps()), history_(2 * kTaps, 0.0F) {}

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      // Each sample is stored twice, so the last kTaps samples are always contiguous.
      history_[position_] = x;
      history_[position_ + kTaps] = x;
      position_ = position_ + 1 == kTaps ? 0 : position_ + 1;
      const float* window = &history_[position_];  // window[0] oldest ... window[kTaps-1] newest
      const float* centre = window + kHalfLength;
      float quadrature = 0.0F;
      for (int i = 0; i < kHalfLength / 2; ++i) {
        const int k = 2 * i + 1;
        quadrature += taps_[static_cast<std::size_t>(i)] * (centre[-k] - centre[k]);
      }
      x = static_cast<float>(*centre * std::cos(phase_) - quadrature * std::sin(phase_));
      phase_ += step_;
      if (phase_ > std::numbers::pi) phase_ -= 2 * std::numbers::pi;
      if (phase_ < -std::numbers::pi) phase_ += 2 * std::numbers::pi;
    }
  }

 private:
  double step_;
  double phase_ = 0.0;
  std::array<float, kHalfLength> taps_;
  std::vector<float> history_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<Stage> make_frequency_shift_stage(const FrequencyOffset& offset) {
  return std::make_unique<FrequencyShiftStage>(offset.hz);
}

}  // namespace pavi::line
