// Small helpers shared by the V.23, line and WAV tests: byte spans, audio measurements, one-call encode/decode.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modem/line_channel.hpp"
#include "modem/line_config.hpp"
#include "modem/v23_codec.hpp"

namespace pavi::test {

inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

inline double rms(std::span<const std::int16_t> audio) {
  if (audio.empty()) return 0.0;
  double sum = 0.0;
  for (const auto s : audio) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(audio.size()));
}

// Power of one frequency (Goertzel), as the RMS amplitude of a sine at that frequency.
inline double tone_rms(std::span<const std::int16_t> audio, double hz) {
  const double w = 2 * std::numbers::pi * hz / 8000.0;
  double s1 = 0.0;
  double s2 = 0.0;
  for (const auto x : audio) {
    const double s0 = x + 2 * std::cos(w) * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const double power = s1 * s1 + s2 * s2 - 2 * std::cos(w) * s1 * s2;
  return std::sqrt(2 * power) / static_cast<double>(audio.size());
}

inline line::ChannelConfig channel(std::string_view text) {
  auto parsed = line::parse_channel(text);
  return parsed.config;
}

inline std::vector<std::int16_t> through(std::string_view line_text, std::vector<std::int16_t> audio,
                                         double level_dbm0, double bit_rate) {
  line::LineChannel line(channel(line_text), {level_dbm0, bit_rate});
  line.process(audio);
  return audio;
}

// The default receiver gain for a channel: the 75 bit/s detector needs about 10 dB more (v23-modem.md §5).
inline double receive_gain(modem::V23Channel channel) { return channel == modem::V23Channel::backward ? 10.0 : 0.0; }

inline modem::DecodeResult decode(std::span<const std::int16_t> audio, modem::V23Channel channel) {
  return modem::decode_characters(audio, {channel, -38.0, receive_gain(channel)});
}

inline std::string decoded_text(std::span<const std::int16_t> audio, modem::V23Channel channel) {
  return modem::characters_to_bytes(decode(audio, channel).characters, modem::ErrorPolicy::keep);
}

inline std::vector<std::int16_t> encode(std::string_view text, modem::V23Channel channel, double level_dbm0 = -22.0) {
  modem::EncodeOptions options;
  options.channel = channel;
  options.level_dbm0 = level_dbm0;
  return modem::encode_characters(as_bytes(text), options);
}

}  // namespace pavi::test
