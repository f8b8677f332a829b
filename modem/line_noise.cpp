// Additive impairments: white noise (AWGN), clicks (impulse noise) and noise bursts.
#include <cmath>
#include <cstdint>

#include "modem/line_events.hpp"
#include "modem/line_levels.hpp"
#include "modem/line_random.hpp"
#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

class NoiseStage final : public Stage {
 public:
  NoiseStage(double rms, std::uint64_t seed) : rms_(rms), random_(seed) {}
  void process(std::span<float> audio) override {
    for (float& x : audio) x += static_cast<float>(rms_ * random_.gaussian());
  }

 private:
  double rms_;
  Random random_;
};

// A click is a short, decaying spike of random polarity: what a relay or a lightning strike puts on a copper pair.
class ImpulseStage final : public Stage {
 public:
  ImpulseStage(const ImpulseNoise& impulse, std::uint64_t seed)
      : mean_gap_samples_(kSampleRate / impulse.per_second), peak_(dbm0_to_peak(impulse.peak_dbm0)), random_(seed) {
    until_next_ = random_.exponential(mean_gap_samples_);
  }

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      if (until_next_ < 1.0) {
        tail_ = random_.uniform() < 0.5 ? -peak_ : peak_;
        until_next_ += random_.exponential(mean_gap_samples_);
      }
      until_next_ -= 1.0;
      if (tail_ != 0.0) {
        x += static_cast<float>(tail_);
        tail_ *= kDecayPerSample;
        if (std::abs(tail_) < 1.0) tail_ = 0.0;
      }
    }
  }

 private:
  static constexpr double kDecayPerSample = 0.5;  // a 1-2 sample time constant at 8 kHz

  double mean_gap_samples_;
  double peak_;
  Random random_;
  double until_next_ = 0.0;
  double tail_ = 0.0;
};

class BurstStage final : public Stage {
 public:
  BurstStage(const BurstNoise& burst, std::uint64_t seed)
      : schedule_(burst.duration_s, burst.timing, derive_seed(seed, 1)), rms_(dbm0_to_rms(burst.level_dbm0)), noise_(seed) {}

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      if (schedule_.active()) x += static_cast<float>(rms_ * noise_.gaussian());
    }
  }

 private:
  EventSchedule schedule_;
  double rms_;
  Random noise_;
};

}  // namespace

std::unique_ptr<Stage> make_noise_stage(double rms, std::uint64_t seed) { return std::make_unique<NoiseStage>(rms, seed); }
std::unique_ptr<Stage> make_impulse_stage(const ImpulseNoise& impulse, std::uint64_t seed) {
  return std::make_unique<ImpulseStage>(impulse, seed);
}
std::unique_ptr<Stage> make_burst_stage(const BurstNoise& burst, std::uint64_t seed) {
  return std::make_unique<BurstStage>(burst, seed);
}

}  // namespace pavi::line
