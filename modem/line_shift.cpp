// Frequency offset: every component of the signal moves by the same number of hertz, as on old FDM carrier trunks
// whose modulating and demodulating oscillators differed. Done with an analytic signal (Hilbert FIR) and a
// complex rotation; the output is delayed by half the filter length (5 ms).
#include <array>
#include <cstdint>
#include <cmath>
#include <numbers>
#include <vector>

#include "modem/line_levels.hpp"
#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

// 81 taps (40 of them non-zero): the image left by the shift is below -75 dB from 300 Hz to 3.4 kHz, so even the
// 390/450 Hz tones of the 75 bit/s channel move cleanly.
constexpr int kHalfLength = 40;
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
      : step_(2 * std::numbers::pi * hz / kSampleRate),
        rotation_re_(std::cos(step_)),
        rotation_im_(std::sin(step_)),
        taps_(hilbert_odd_taps()),
        history_(2 * kTaps, 0.0F) {}

  void process(std::span<float> audio) override {
    constexpr int kOddTaps = kHalfLength / 2;
    for (float& x : audio) {
      // Each sample is stored twice, so the last kTaps samples are always contiguous.
      history_[position_] = x;
      history_[position_ + kTaps] = x;
      position_ = position_ + 1 == kTaps ? 0 : position_ + 1;
      const float* centre = &history_[position_ + kHalfLength];  // the sample kHalfLength ago
      // Four partial sums: independent additions the processor can overlap.
      float sums[4] = {0.0F, 0.0F, 0.0F, 0.0F};
      for (int i = 0; i + 4 <= kOddTaps; i += 4) {
        for (int j = 0; j < 4; ++j) {
          const int k = 2 * (i + j) + 1;
          sums[j] += taps_[static_cast<std::size_t>(i + j)] * (centre[-k] - centre[k]);
        }
      }
      for (int i = kOddTaps - kOddTaps % 4; i < kOddTaps; ++i) {
        const int k = 2 * i + 1;
        sums[0] += taps_[static_cast<std::size_t>(i)] * (centre[-k] - centre[k]);
      }
      const float quadrature = (sums[0] + sums[1]) + (sums[2] + sums[3]);
      x = static_cast<float>(*centre * phasor_re_ - quadrature * phasor_im_);
      advance_phasor();
    }
  }

 private:
  // e^{j step n} by repeated rotation; re-anchored on the exact value every 4096 samples (counted from the start
  // of the stream, so the result does not depend on how the stream is cut into blocks).
  void advance_phasor() {
    if (++count_ % 4096 == 0) {
      const double phase = std::fmod(step_ * static_cast<double>(count_), 2 * std::numbers::pi);
      phasor_re_ = std::cos(phase);
      phasor_im_ = std::sin(phase);
      return;
    }
    const double re = phasor_re_ * rotation_re_ - phasor_im_ * rotation_im_;
    phasor_im_ = phasor_re_ * rotation_im_ + phasor_im_ * rotation_re_;
    phasor_re_ = re;
  }

  double step_;
  double rotation_re_;
  double rotation_im_;
  double phasor_re_ = 1.0;
  double phasor_im_ = 0.0;
  std::uint64_t count_ = 0;
  std::array<float, kHalfLength> taps_;
  std::vector<float> history_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<Stage> make_frequency_shift_stage(const FrequencyOffset& offset) {
  return std::make_unique<FrequencyShiftStage>(offset.hz);
}

}  // namespace pavi::line
