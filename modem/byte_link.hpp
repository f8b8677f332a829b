// An in-memory, deterministic duplex byte pipe with a simulated clock, in the spirit of Boost.Beast's
// test::stream + fail_count: two ends (a and b), each direction with its own line rate, latency and fault
// injector. Characters leave one at a time at the line rate and arrive one character time (plus latency)
// later, so time-based behaviour (keep-alives, repeat timers) plays out in simulated time.
//
// Two ways to transmit: send() one byte when ready() says the line is free (for protocol engines that must be
// able to stop mid-block), or write() any amount, which queues and drains at the line rate.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "modem/fault_injector.hpp"
#include "modem/pce_time.hpp"

namespace pavi::modem {

enum class LinkEnd { a, b };

struct LinkDirection {
  int bit_rate = 1200;
  int bits_per_char = 10;  // start + 7 data + parity + stop
  SimDuration latency{};
  FaultConfig faults{};
};

struct ByteLinkConfig {
  LinkDirection a_to_b{1200};  // e.g. gateway -> Minitel, the 1200 bit/s channel PCE protects
  LinkDirection b_to_a{75};    // e.g. Minitel -> gateway, 75 bit/s
};

class ByteLink {
 public:
  explicit ByteLink(ByteLinkConfig config = {});

  // True when the transmitter at `from` is free at `now` (nothing queued, the last character has left).
  bool ready(LinkEnd from, SimTime now) const;
  // Puts one byte on the line from `from`, starting at `now` or when the line frees up, whichever is later.
  void send(LinkEnd from, std::uint8_t byte, SimTime now);
  // Queues bytes; they leave at the line rate as time advances.
  void write(LinkEnd from, std::string_view bytes, SimTime now);
  // Everything that has arrived at `at` by `now`, after the faults of its direction.
  std::string read(LinkEnd at, SimTime now);
  // When the next byte will arrive at `at`, if one is on its way.
  std::optional<SimTime> next_arrival(LinkEnd at) const;

  // The direction starting at `from` was cut (cut=N) or closed: nothing more will arrive from it.
  bool closed(LinkEnd from) const;
  void close(LinkEnd from);

  const FaultStats& fault_stats(LinkEnd from) const { return dir(from).faults.stats(); }
  FaultInjector& faults(LinkEnd from) { return dir(from).faults; }

 private:
  struct Direction {
    LinkDirection config;
    FaultInjector faults;
    SimDuration char_time{};
    SimTime line_free{};                                 // when the transmitter can start the next character
    std::deque<std::pair<SimTime, char>> queued;         // write(): bytes waiting for the line, with write time
    std::deque<std::pair<SimTime, std::string>> flight;  // arrival time -> bytes out of the fault channel
    bool closed = false;
  };

  Direction& dir(LinkEnd from) { return from == LinkEnd::a ? a_to_b_ : b_to_a_; }
  const Direction& dir(LinkEnd from) const { return from == LinkEnd::a ? a_to_b_ : b_to_a_; }
  static void depart(Direction& d, std::uint8_t byte, SimTime at);
  static void drain(Direction& d, SimTime now);

  Direction a_to_b_;
  Direction b_to_a_;
};

}  // namespace pavi::modem
