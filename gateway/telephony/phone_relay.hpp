// The relay of connectToExt once the modem leg is there (gateway-behaviour.md §10, §10.4; ami.md §5): the user's
// bytes go to the remote modem server unchanged (0D included), the server's are batched toward the user (25
// bytes, or an idle pause), `13 53` wakes a silent server at 30, 35, 40... s, #*#GETIP*#* is answered with the
// client address and Envoi, and the stop rules apply: end keys, 60 s with under 200 bytes from the server,
// 180 s without user input, maxtime. A pure state machine on explicit time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace pavi::gateway::telephony {

using RelayClock = std::chrono::steady_clock;
using RelayTime = RelayClock::time_point;

struct PhoneRelaySettings {
  std::chrono::seconds maxtime{600};
  std::string client_ip;                              // the answer to #*#GETIP*#*
  std::chrono::milliseconds idle_flush{250};          // 50 ms when the user's own link is a PCE modem link
};

struct PhoneRelayOutput {
  std::string to_terminal;
  std::string to_server;
  bool ended = false;
  std::string end_reason;  // "end key", "no input for 180 s", "less than 200 bytes after 60 s", "maxtime"
};

class PhoneRelay {
 public:
  PhoneRelay(PhoneRelaySettings settings, RelayTime started);

  PhoneRelayOutput from_terminal(std::string_view bytes, RelayTime now);
  PhoneRelayOutput from_server(std::string_view bytes, RelayTime now);
  PhoneRelayOutput on_timer(RelayTime now);
  // The server closed the leg: what is batched still goes to the user.
  std::string flush();
  RelayTime next_check() const;
  bool ended() const { return ended_; }
  std::uint64_t server_bytes() const { return server_bytes_; }

 private:
  void check_limits(PhoneRelayOutput& out, RelayTime now);
  void end(PhoneRelayOutput& out, std::string reason);
  RelayTime next_wakeup() const;

  PhoneRelaySettings settings_;
  RelayTime started_;
  RelayTime last_input_;
  RelayTime last_server_data_;
  std::uint64_t server_bytes_ = 0;
  int wakeups_sent_ = 0;       // 13 53 sent for the windows 30 s, 35 s, ...
  std::string end_window_;     // the last bytes typed, to find the end keys across chunks
  std::string getip_window_;   // the last 20 bytes from the server
  std::string batch_;
  bool ended_ = false;
};

}  // namespace pavi::gateway::telephony
