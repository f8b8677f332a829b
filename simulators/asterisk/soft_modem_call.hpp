// One phone call through the fake Asterisk soft modem: on one side the simulated line (ModemLine: V.23 audio
// through line channels, in simulated time) and its far end as a Transport (a sim::Terminal dialling in, or a
// ModemServer answering); on the other side a real TCP connection to the gateway's astport, opened with the
// header of v23-modem.md §7.2 at the moment MiniPavi's app sends it.
//
// Pacing (docs/TELEPHONY.md, "Pacing"). The gateway lives in real time (its PCE timers, its relay batching);
// the line is simulated. The rule: line time may run ahead of real time only while the line plays what was
// already decided: the call set-up, bytes the gateway has written, and (outbound) the server's bytes. Then the
// call runs as fast as the CPU allows. Otherwise (the line idle, or only the Minitel's keys, NACKs and
// acknowledgements going up) line time follows real time (× idle_speed), so that a timer on either side means
// what it says: the Minitel's NACK repeat is not fired by line time racing ahead while the gateway prepares its
// answer, and silence on the line lasts as long as the gateway's real-time keep-alive leaves it.
//
// Ends. The gateway closing its socket: bytes already written are still played, then the far end hears "closed
// by peer" (the app's end of session). The far end closing (a hang-up): what it wrote is still played, then
// the socket is closed and the gateway reads end of file. A modem releasing the line closes both.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "simulators/asterisk/modem_line.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::sim {

struct SoftModemCallOptions {
  std::string host = "127.0.0.1";  // the gateway's astport
  std::uint16_t port = 0;
  std::string header;  // inbound_header() or outbound_header() (soft_modem_header.hpp)
  ModemLineConfig line = ModemLineConfig::for_inbound();
  // Line time against real time when the line does not run ahead (see above): 1 = real time. 0 freezes the line
  // whenever it is not running ahead (fastest, but a NACK or a key never repeats on its own).
  double idle_speed = 1.0;
  // False: line time always follows real time × idle_speed (a faithful real-time call, for people and demos).
  bool run_ahead = true;
  std::chrono::milliseconds connect_timeout{5000};
  std::string description = "soft modem";
};

struct SoftModemCallStatus {
  ModemLineStatus line;
  bool tcp_connected = false;
  bool header_sent = false;
  bool ended = false;
  std::string end_reason;           // "gateway hung up", "far end hung up", "line released: ...", "cannot connect..."
  std::uint64_t from_gateway = 0;   // bytes read from the socket
  std::uint64_t to_gateway = 0;     // bytes written to it
  double real_seconds = 0.0;        // since the call started
  double ahead_line_seconds = 0.0;  // line time played running ahead of real time
};

class SoftModemCall {
 public:
  // Starts the call at once: TCP connection, then the audio (the far end can be taken and attached later: what
  // reaches it meanwhile waits for its start()).
  explicit SoftModemCall(SoftModemCallOptions options);
  ~SoftModemCall();  // hangs up and waits for the call's thread
  SoftModemCall(const SoftModemCall&) = delete;
  SoftModemCall& operator=(const SoftModemCall&) = delete;

  // The far end's side of the line (the Minitel's modem port, or the server's). Can be taken once.
  std::unique_ptr<Transport> far_end();

  // The caller hangs up (SIP BYE): the socket closes at once, whatever is still on the line.
  void hang_up();

  SoftModemCallStatus status() const;
  // Until both modems are in data mode; false on timeout or when the call ended first.
  bool wait_connected(std::chrono::milliseconds timeout) const;
  bool wait_ended(std::chrono::milliseconds timeout) const;

  struct Engine;

 private:
  std::shared_ptr<Engine> engine_;
  std::unique_ptr<Transport> far_end_;
};

}  // namespace pavi::sim
