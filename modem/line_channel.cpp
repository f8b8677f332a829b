// Builds the stage chain of a LineChannel and runs audio through it.
#include "modem/line_channel.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "modem/line_levels.hpp"
#include "modem/line_random.hpp"
#include "modem/line_stage.hpp"

namespace pavi::line {

LineChannel::LineChannel(const ChannelConfig& config, ChannelContext context) : config_(config) {
  // The nominal signal level follows the gains, so "atten=10dB,awgn=20dB" is 20 dB under the attenuated signal.
  double level = context.signal_dbm0;
  std::uint64_t stream = 0;
  for (const auto& impairment : config.impairments) {
    const std::uint64_t seed = derive_seed(config.seed, ++stream);
    std::visit(
        [&](const auto& item) {
          using T = std::decay_t<decltype(item)>;
          if constexpr (std::is_same_v<T, Gain>) {
            stages_.push_back(make_gain_stage(item));
            level += item.db;
          } else if constexpr (std::is_same_v<T, Awgn>) {
            stages_.push_back(make_noise_stage(dbm0_to_rms(level - item.snr_db), seed));
          } else if constexpr (std::is_same_v<T, EbN0Noise>) {
            stages_.push_back(make_noise_stage(dbm0_to_rms(level - snr_for_ebn0(item.ebn0_db, context.bit_rate)), seed));
          } else if constexpr (std::is_same_v<T, NoiseFloor>) {
            stages_.push_back(make_noise_stage(dbm0_to_rms(item.dbm0), seed));
          } else if constexpr (std::is_same_v<T, FrequencyOffset>) {
            stages_.push_back(make_frequency_shift_stage(item));
          } else if constexpr (std::is_same_v<T, G711RoundTrip>) {
            stages_.push_back(make_g711_stage(item));
          } else if constexpr (std::is_same_v<T, ImpulseNoise>) {
            stages_.push_back(make_impulse_stage(item, seed));
          } else if constexpr (std::is_same_v<T, BurstNoise>) {
            stages_.push_back(make_burst_stage(item, seed));
          } else if constexpr (std::is_same_v<T, Dropout>) {
            stages_.push_back(make_dropout_stage(item, seed));
          } else if constexpr (std::is_same_v<T, Echo>) {
            stages_.push_back(make_echo_stage(item));
          }
        },
        impairment);
  }
}

LineChannel::~LineChannel() = default;
LineChannel::LineChannel(LineChannel&&) noexcept = default;
LineChannel& LineChannel::operator=(LineChannel&&) noexcept = default;

void LineChannel::process(std::span<std::int16_t> audio) {
  samples_ += audio.size();
  if (stages_.empty()) return;
  work_.resize(audio.size());
  std::transform(audio.begin(), audio.end(), work_.begin(), [](std::int16_t s) { return static_cast<float>(s); });
  for (auto& stage : stages_) stage->process(work_);
  for (std::size_t i = 0; i < audio.size(); ++i) {
    const float rounded = std::nearbyint(work_[i]);
    if (rounded > 32767.0F || rounded < -32768.0F) ++clipped_;
    audio[i] = static_cast<std::int16_t>(std::clamp(rounded, -32768.0F, 32767.0F));
  }
}

std::vector<std::int16_t> LineChannel::process_copy(std::span<const std::int16_t> audio) {
  std::vector<std::int16_t> out(audio.begin(), audio.end());
  process(out);
  return out;
}

}  // namespace pavi::line
