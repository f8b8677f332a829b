// The byte relay of a bridge between the user and a third-party Minitel server (gateway-behaviour.md §10), or
// between a watched session and its viewer (duplicateStream, §11), as a
// pure state machine on explicit time: what goes to the server and to the terminal for each chunk, the end
// keys, the server-side batching, the #*#GETIP*#* answer and the stop conditions. The connection itself is the
// host's; this decides what to send and when to stop.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "gateway/session/session_clock.hpp"

namespace pavi::gateway {

struct BridgeSettings {
  bool websocket = false;  // WS bridge: a lone 13 is held for the next chunk; server bytes are not held back
  bool echo = false;       // the user's bytes are also sent back to the user
  std::string client_ip;   // the answer to #*#GETIP*#*
  // duplicateStream (§11): the "server" is the watched session; the viewer's keys only end the mirror, and
  // there is no time limit.
  bool mirror = false;
  char capture_key = 0;    // upper case; CR + this key is a screen capture, kept from the server (§13)
};

struct BridgeOutput {
  std::string to_terminal;
  std::string to_server;
  bool ended = false;
  std::string end_reason;  // "end key", "no input for 180 s", "less than 200 bytes after 30 s", "3600 s"
  int captures = 0;        // times the user typed CR + the capture key
};

class BridgeRelay {
 public:
  BridgeRelay(BridgeSettings settings, SessionTime started);

  // The keyboard case command sent when the bridge starts (§10: it is not restored afterwards).
  static std::string case_command(bool lower_case);

  BridgeOutput from_terminal(std::string_view bytes, SessionTime now);
  BridgeOutput from_server(std::string_view bytes, SessionTime now);
  BridgeOutput on_timer(SessionTime now);
  SessionTime next_check() const;
  bool ended() const { return ended_; }

 private:
  void flush(BridgeOutput& out);
  void check_limits(BridgeOutput& out, SessionTime now);
  void end(BridgeOutput& out, std::string reason);

  BridgeSettings settings_;
  SessionTime started_;
  SessionTime last_input_;
  SessionTime last_server_data_;
  std::uint64_t server_bytes_ = 0;
  std::string held_sep_;        // a lone 13 waiting for its code (WS bridge)
  bool after_cr_ = false;       // the last byte from the user was a CR (the capture key may follow)
  std::string end_window_;      // the last bytes from the user, to find the end keys across chunks
  std::string getip_window_;    // the last 20 bytes from the server
  std::string batch_;           // server bytes not yet written to the terminal
  bool ended_ = false;
};

}  // namespace pavi::gateway
