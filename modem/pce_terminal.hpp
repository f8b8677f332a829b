// The terminal's handling of PCE switching (pce.md §2.1, videotex-terminal.md §7): recognises PRO2 START 44 and
// STOP 44 in the incoming stream, answers with PRO2 REP STATUS FONCTIONNEMENT (PC bit set or clear), and turns
// the block layer (pce::Receiver) on or off. STOP arrives inside a block and takes effect after that block.
//
// A simulated Minitel can use this as its modem-side front end, or drive a Receiver itself from its own
// Protocol decoder (then it must not also answer START/STOP, or the gateway would see two statuses).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "modem/pce_commands.hpp"
#include "modem/pce_receiver.hpp"

namespace pavi::modem::pce {

struct TerminalConfig {
  ReceiverConfig receiver;
  // Status byte without the PC bit: 0x40 by default, 0x42 with roll mode, etc.
  std::uint8_t status = kStatusDefault;
};

class Terminal {
 public:
  explicit Terminal(TerminalConfig config = {});

  void receive(std::uint8_t byte, SimTime now, bool framing_error = false);
  void advance(SimTime now) { receiver_.advance(now); }
  std::optional<SimTime> next_deadline() const { return receiver_.next_deadline(); }

  // What the rest of the terminal (the Videotex decoder) gets: the START/STOP 44 commands are consumed here.
  std::string take_data();

  // Keys and other upstream bytes.
  void send(std::string_view data) { receiver_.send(data); }
  void send(std::span<const std::uint8_t> data) { receiver_.send(data); }
  std::optional<std::uint8_t> pull_upstream(SimTime now) { return receiver_.pull_upstream(now); }

  // Fnct M + C on a real Minitel: asks the gateway to start PCE (SEP 4A).
  void request_pce() { receiver_.send(std::string_view("\x13\x4A", 2)); }

  bool pce_active() const { return receiver_.active(); }
  std::uint8_t status() const { return static_cast<std::uint8_t>(config_.status | (pce_active() ? kStatusPceBit : 0)); }
  Receiver& receiver() { return receiver_; }
  const Receiver& receiver() const { return receiver_; }

 private:
  void scan(const std::string& bytes, SimTime now);
  void answer_status();

  TerminalConfig config_;
  Receiver receiver_;
  SequenceScanner commands_;
  std::string data_;
};

}  // namespace pavi::modem::pce
