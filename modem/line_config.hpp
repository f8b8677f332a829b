// What a simulated telephone line does to the audio, as a value type, and its one-line text form:
//   "awgn=12dB,g711u,burst=50ms@2s"
// Impairments apply in the order written. The parser never throws: a bad item gives one clear error line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pavi::line {

// When an occasional impairment happens: once at a given time, or at random times (Poisson) with a mean interval.
struct EventTiming {
  enum class Kind { once, random };
  Kind kind = Kind::once;
  double seconds = 0.0;  // start time (once) or mean interval (random)
  bool operator==(const EventTiming&) const = default;
};

// gain=-6dB / atten=6dB
struct Gain {
  double db = 0.0;
  bool operator==(const Gain&) const = default;
};
// awgn=12dB: white noise, SNR against the nominal signal level at that point of the line.
struct Awgn {
  double snr_db = 0.0;
  bool operator==(const Awgn&) const = default;
};
// ebn0=10dB: white noise set from Eb/N0 and the bit rate of the channel the line carries.
struct EbN0Noise {
  double ebn0_db = 0.0;
  bool operator==(const EbN0Noise&) const = default;
};
// noise=-50dBm0: white noise at an absolute level.
struct NoiseFloor {
  double dbm0 = 0.0;
  bool operator==(const NoiseFloor&) const = default;
};
// offset=5Hz: every frequency shifted (FDM carrier systems of old trunks).
struct FrequencyOffset {
  double hz = 0.0;
  bool operator==(const FrequencyOffset&) const = default;
};
// g711u / g711a: encode and decode, as a VoIP leg with that codec does.
struct G711RoundTrip {
  enum class Law { mu, a };
  Law law = Law::mu;
  bool operator==(const G711RoundTrip&) const = default;
};
// impulse=2/s or impulse=2/s:-6dBm0: clicks at random times, peak level of a sine with the same peak.
struct ImpulseNoise {
  double per_second = 0.0;
  double peak_dbm0 = 0.0;
  bool operator==(const ImpulseNoise&) const = default;
};
// burst=50ms@2s (once) or burst=50ms/5s (random, mean interval), optional :-10dBm0 noise level.
struct BurstNoise {
  double duration_s = 0.0;
  EventTiming timing;
  double level_dbm0 = -10.0;
  bool operator==(const BurstNoise&) const = default;
};
// dropout=1s@3s or dropout=20ms/2s: silence gaps, as when VoIP packets are lost.
struct Dropout {
  double duration_s = 0.0;
  EventTiming timing;
  bool operator==(const Dropout&) const = default;
};
// echo=-10dB@20ms: a delayed, attenuated copy of the signal added to it.
struct Echo {
  double level_db = 0.0;
  double delay_s = 0.0;
  bool operator==(const Echo&) const = default;
};

using Impairment =
    std::variant<Gain, Awgn, EbN0Noise, NoiseFloor, FrequencyOffset, G711RoundTrip, ImpulseNoise, BurstNoise, Dropout, Echo>;

struct ChannelConfig {
  std::vector<Impairment> impairments;  // in the order they act
  std::uint64_t seed = 1;               // seed=N; every random stage derives its own stream from it
  bool operator==(const ChannelConfig&) const = default;
};

struct ChannelParse {
  ChannelConfig config;  // meaningful only when ok()
  std::string error;     // e.g. "awgn: '12' has no unit (write 12dB)"
  bool ok() const { return error.empty(); }
};

// "" and "clean" are a perfect line. Items are separated by commas; spaces around them are ignored.
ChannelParse parse_channel(std::string_view text);

// The canonical text form: parse_channel(to_string(c)).config == c.
std::string to_string(const ChannelConfig& config);
std::string to_string(const Impairment& impairment);

// One line per item, for --help and the docs.
std::string_view channel_syntax_help();

}  // namespace pavi::line
