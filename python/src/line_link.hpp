// What connects a simulated Minitel to the gateway over a simulated phone line, whichever way the call is made:
// PaviKit's own V.23 line to the telnet/ws listener (line_bridge.cpp), or the fake Asterisk soft modem to the
// astport (asterisk_link.cpp, built when the telephony simulator is). Asio-free: Transport interfaces only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "simulators/net/transport.hpp"

namespace pavi::python {

struct LineReport {
  double seconds = 0.0;  // simulated line time
  bool connected = false;
  bool released = false;
  std::string release_reason;
  bool pce_active = false;
  std::uint64_t bytes_to_terminal = 0;
  std::uint64_t bytes_to_gateway = 0;
  std::uint64_t framing_errors = 0;  // characters the Minitel's demodulator framed with an error
  std::uint64_t parity_errors = 0;
};

class LineLink {
 public:
  virtual ~LineLink() = default;
  virtual LineReport report() const = 0;
  // Until both modems are in data mode; false on timeout or when the call failed.
  virtual bool wait_connected(std::chrono::milliseconds timeout) const = 0;
};

struct DialOptions {
  std::string channel;   // line channel description ("awgn=20dB,g711u"); "" = a clean line
  bool pce = false;      // PCE from the start of the call
  double speed = 0.0;    // PaviKit's line: 0 = as fast as the CPU allows, 1 = real time
  std::string caller = "0612345678";  // Asterisk: CALLFROM
  std::chrono::milliseconds timeout{30000};
};

// PaviKit's V.23 line to `url` (telnet:// or ws://). Null and `error` set on failure ("line channel ..." when the
// description is malformed). The terminal's end of the line goes to `terminal_end`.
std::unique_ptr<LineLink> dial_line(std::string_view url, const DialOptions& options,
                                    std::unique_ptr<sim::Transport>& terminal_end, std::string& error);

#ifdef PAVIKIT_HAS_TELEPHONY
// A call through the fake Asterisk soft modem to the gateway's astport on 127.0.0.1.
std::unique_ptr<LineLink> dial_asterisk(std::uint16_t astport, const DialOptions& options,
                                        std::unique_ptr<sim::Transport>& terminal_end, std::string& error);
#endif

}  // namespace pavi::python
