// Level and time impairments: gain, silence gaps (dropouts) and echo.
#include <cstddef>
#include <vector>

#include "modem/line_events.hpp"
#include "modem/line_levels.hpp"
#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

class GainStage final : public Stage {
 public:
  explicit GainStage(double db) : factor_(static_cast<float>(db_to_amplitude(db))) {}
  void process(std::span<float> audio) override {
    for (float& x : audio) x *= factor_;
  }

 private:
  float factor_;
};

// VoIP packet loss without concealment: the far end hears nothing for the gap.
class DropoutStage final : public Stage {
 public:
  DropoutStage(const Dropout& dropout, std::uint64_t seed) : schedule_(dropout.duration_s, dropout.timing, seed) {}
  void process(std::span<float> audio) override {
    for (float& x : audio) {
      if (schedule_.active()) x = 0.0F;
    }
  }

 private:
  EventSchedule schedule_;
};

class EchoStage final : public Stage {
 public:
  explicit EchoStage(const Echo& echo)
      : factor_(static_cast<float>(db_to_amplitude(echo.level_db))),
        history_(static_cast<std::size_t>(std::llround(echo.delay_s * kSampleRate)), 0.0F) {}

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      const float delayed = history_[position_];
      history_[position_] = x;
      position_ = position_ + 1 == history_.size() ? 0 : position_ + 1;
      x += factor_ * delayed;
    }
  }

 private:
  float factor_;
  std::vector<float> history_;  // the last `delay` input samples, a ring
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<Stage> make_gain_stage(const Gain& gain) { return std::make_unique<GainStage>(gain.db); }
std::unique_ptr<Stage> make_dropout_stage(const Dropout& dropout, std::uint64_t seed) {
  return std::make_unique<DropoutStage>(dropout, seed);
}
std::unique_ptr<Stage> make_echo_stage(const Echo& echo) { return std::make_unique<EchoStage>(echo); }

}  // namespace pavi::line
