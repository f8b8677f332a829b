// A simulated phone line between a Minitel and a V.23 gateway, as two Transports: attach terminal_end() to a
// sim::Terminal and give service_end() to whatever plays the service (a ScriptedPeer, a test). Underneath, a
// PhoneLineSimulation (both modems, both line channels, PCE on both sides) runs on the line's own thread.
//
// How time is mapped. The audio is simulated: samples are produced and consumed as fast as the CPU allows
// (`speed` = 0), or paced to `speed` × real time. Simulated time only advances while the line has something to
// carry (call set-up, bytes in a modem or in PCE, repetitions) and for `linger_s` after; then the line thread
// sleeps until an end writes again. So the terminal's and the service's own thinking time costs no line time,
// a page costs exactly its line time (about 8.3 ms per character at 1200 bit/s, more with PCE and errors), and
// real-time waits in tests (Terminal::wait_for_text ...) only bound how long the CPU may take.
//
// Ends: bytes written before the call is up wait for it. When an end closes, what it wrote before still goes
// through, then the other end sees "closed by peer". When a modem hangs up (a long dropout makes the Minitel
// release after 440 ms without carrier), both ends see an error close with the modem's reason.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "simulators/line/phone_line_simulation.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::sim {

struct PhoneLineOptions {
  PhoneLineConfig line;
  double speed = 0.0;  // 0: as fast as possible; otherwise a multiple of real time (1.0: real time)
  std::string description = "v23";
};

class PhoneLine {
 public:
  explicit PhoneLine(PhoneLineOptions options = {});
  ~PhoneLine();  // stops the line once both ends are gone too; the ends keep it alive
  PhoneLine(const PhoneLine&) = delete;
  PhoneLine& operator=(const PhoneLine&) = delete;

  // Each can be taken once (null afterwards).
  std::unique_ptr<Transport> terminal_end();
  std::unique_ptr<Transport> service_end();

  // A snapshot, updated after every batch of audio blocks.
  PhoneLineStatus status() const;
  // Until the line has carried everything written so far and gone idle (or hung up); false on timeout.
  bool wait_idle(std::chrono::milliseconds timeout) const;
  // Until both modems are in data mode; false on timeout or when the call failed.
  bool wait_connected(std::chrono::milliseconds timeout) const;

  struct Engine;

 private:
  std::shared_ptr<Engine> engine_;
  std::unique_ptr<Transport> terminal_;
  std::unique_ptr<Transport> service_;
};

}  // namespace pavi::sim
