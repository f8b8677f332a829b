// The V.23 mode 2 channel plan as used by the Minitel (v23-modem.md §1-2): which tones, which rate, who sends what.
#pragma once

#include <string_view>

namespace pavi::modem {

enum class V23Channel {
  forward,   // 1200 bit/s, 1 = 1300 Hz, 0 = 2100 Hz: service -> Minitel ("voie principale")
  backward,  // 75 bit/s, 1 = 390 Hz, 0 = 450 Hz: Minitel -> service ("voie de retour")
};

struct ChannelPlan {
  double bit_rate;
  double mark_hz;   // binary 1, also the idle carrier
  double space_hz;  // binary 0
};

constexpr ChannelPlan plan(V23Channel channel) {
  return channel == V23Channel::forward ? ChannelPlan{1200.0, 1300.0, 2100.0} : ChannelPlan{75.0, 390.0, 450.0};
}

constexpr V23Channel other(V23Channel channel) {
  return channel == V23Channel::forward ? V23Channel::backward : V23Channel::forward;
}

constexpr std::string_view name(V23Channel channel) { return channel == V23Channel::forward ? "1200" : "75"; }

// Which end of the call we are.
enum class CallRole {
  answer,     // answers a Minitel's call: sends 1200 bit/s, hears 75 bit/s (MiniPavi inbound)
  originate,  // a Minitel, or the gateway calling a V.23 server (MiniPavi's `f` flip): sends 75, hears 1200
};

constexpr V23Channel transmit_channel(CallRole role) {
  return role == CallRole::answer ? V23Channel::forward : V23Channel::backward;
}
constexpr V23Channel receive_channel(CallRole role) { return other(transmit_channel(role)); }

inline constexpr int kSampleRate = 8000;
inline constexpr int kBitsPerCharacter = 10;  // start, 7 data, even parity, stop

}  // namespace pavi::modem
