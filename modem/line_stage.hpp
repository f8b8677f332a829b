// The building blocks of a simulated line: one audio stage per impairment, created from its config item.
// Internal to the line library; LineChannel (line_channel.hpp) is the public face.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "modem/line_config.hpp"

namespace pavi::line {

// Audio flows as floats on the 16-bit scale (±32767), so stages can add without clipping in between.
class Stage {
 public:
  virtual ~Stage() = default;
  // Called on consecutive pieces of one stream; the result must not depend on how the stream is cut.
  virtual void process(std::span<float> audio) = 0;
};

struct StageContext {
  double signal_dbm0 = 0.0;  // nominal level of the wanted signal when it reaches this stage
  double bit_rate = 1200.0;  // of the channel the line carries (for Eb/N0)
  std::uint64_t seed = 1;    // this stage's own random stream
};

std::unique_ptr<Stage> make_gain_stage(const Gain& gain);
std::unique_ptr<Stage> make_noise_stage(double rms, std::uint64_t seed);
std::unique_ptr<Stage> make_impulse_stage(const ImpulseNoise& impulse, std::uint64_t seed);
std::unique_ptr<Stage> make_burst_stage(const BurstNoise& burst, std::uint64_t seed);
std::unique_ptr<Stage> make_dropout_stage(const Dropout& dropout, std::uint64_t seed);
std::unique_ptr<Stage> make_echo_stage(const Echo& echo);
std::unique_ptr<Stage> make_g711_stage(const G711RoundTrip& codec);
std::unique_ptr<Stage> make_frequency_shift_stage(const FrequencyOffset& offset);

}  // namespace pavi::line
