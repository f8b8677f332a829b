// A gateway-side PCE sender and a terminal wired through a ByteLink, stepped one downstream character slot at a
// time in simulated time: the test bench for PCE (unit scenarios, the random-fault soak, the goodput and
// dropout benchmarks). No sockets, no threads, no wall clock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "modem/byte_link.hpp"
#include "modem/pce_sender.hpp"
#include "modem/pce_terminal.hpp"

namespace pavi::modem::pce {

struct LoopbackConfig {
  SenderConfig sender = line_sender();
  TerminalConfig terminal = line_terminal();
  ByteLinkConfig link{};
  bool record = true;  // keep a copy of every byte each end put on the line (before faults)

  // The sender talks in line bytes both ways, as over a byte link without a modem in between.
  static SenderConfig line_sender() {
    SenderConfig config;
    config.output = CharForm::line;
    config.input = CharForm::line;
    return config;
  }
  static TerminalConfig line_terminal() {
    TerminalConfig config;
    config.receiver.input = CharForm::line;
    config.receiver.upstream = CharForm::line;
    return config;
  }
};

class Loopback {
 public:
  explicit Loopback(LoopbackConfig config = {});

  Sender& gateway() { return sender_; }
  Terminal& terminal() { return terminal_; }
  ByteLink& link() { return link_; }

  SimTime now() const;
  // One character slot of the a→b line (1/120 s at 1200 bit/s).
  void step();
  void run_for(SimDuration duration);
  void run_until(SimTime time);
  // Steps until done() or the deadline; returns done().
  bool run_until(const std::function<bool()>& done, SimTime deadline);

  // Bytes the terminal passed up to its display, and the gateway to its application, so far.
  const std::string& delivered() const { return delivered_; }
  const std::string& received_upstream() const { return upstream_; }
  // Bytes each end put on the line (line or 7-bit form, as configured), when recording.
  const std::string& sent_down() const { return sent_down_; }
  const std::string& sent_up() const { return sent_up_; }
  // Called with each byte the terminal receives (after faults), and the time.
  std::function<void(std::uint8_t, SimTime)> on_terminal_byte;

 private:
  LoopbackConfig config_;
  Sender sender_;
  Terminal terminal_;
  ByteLink link_;
  std::int64_t slot_ = 0;
  std::string delivered_;
  std::string upstream_;
  std::string sent_down_;
  std::string sent_up_;
};

}  // namespace pavi::modem::pce
