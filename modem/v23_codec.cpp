// Whole-buffer V.23 encoding and decoding (see v23_codec.hpp).
#include "modem/v23_codec.hpp"

#include <cmath>

#include "modem/v23_transmitter.hpp"

namespace pavi::modem {
namespace {

std::size_t to_samples(double seconds) {
  return seconds <= 0.0 ? 0 : static_cast<std::size_t>(std::llround(seconds * kSampleRate));
}

void append(std::vector<std::int16_t>& audio, V23Transmitter& tx, std::size_t samples) {
  const std::size_t start = audio.size();
  audio.resize(start + samples);
  tx.generate(std::span<std::int16_t>(audio).subspan(start));
}

}  // namespace

std::vector<std::int16_t> encode_characters(std::span<const std::uint8_t> bytes, const EncodeOptions& options) {
  V23Transmitter tx({options.channel, options.level_dbm0, options.answer_tone_dbm0});
  std::vector<std::int16_t> audio;
  if (options.answer_sequence) {
    tx.set_output(V23Transmitter::Output::answer_tone);
    append(audio, tx, to_samples(options.answer_tone_s));
    tx.set_output(V23Transmitter::Output::silence);
    append(audio, tx, to_samples(options.tone_gap_s));
  }
  tx.set_output(V23Transmitter::Output::carrier);
  append(audio, tx, to_samples(options.lead_in_s));
  tx.send(bytes);
  const std::size_t bit_samples = static_cast<std::size_t>(std::ceil(kSampleRate / plan(options.channel).bit_rate));
  while (!tx.idle()) append(audio, tx, bit_samples);
  // The last bit taken is still being sent: one more bit time, then the tail.
  append(audio, tx, bit_samples + to_samples(options.tail_s));
  return audio;
}

DecodeResult decode_characters(std::span<const std::int16_t> audio, const DecodeOptions& options) {
  V23Receiver rx({options.channel, options.cutoff_dbm0, options.gain_db, options.smoothed_timing});
  rx.process(audio);
  return {rx.take_characters(), rx.take_carrier_events(), rx.stats()};
}

std::string characters_to_bytes(std::span<const ReceivedChar> characters, ErrorPolicy policy) {
  std::string out;
  out.reserve(characters.size());
  for (const auto& c : characters) {
    if (c.ok() || policy == ErrorPolicy::keep) {
      out += static_cast<char>(c.value);
    } else if (policy == ErrorPolicy::substitute) {
      out += static_cast<char>(kErrorSubstitute);
    }
  }
  return out;
}

}  // namespace pavi::modem
