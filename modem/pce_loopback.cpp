// Sender + byte link + terminal in simulated time (see pce_loopback.hpp).
#include "modem/pce_loopback.hpp"

namespace pavi::modem::pce {

Loopback::Loopback(LoopbackConfig config)
    : config_(config), sender_(config.sender), terminal_(config.terminal), link_(config.link) {}

SimTime Loopback::now() const {
  return char_slot(slot_, config_.link.a_to_b.bit_rate, config_.link.a_to_b.bits_per_char);
}

void Loopback::step() {
  const SimTime t = now();
  for (const char c : link_.read(LinkEnd::b, t)) {
    if (on_terminal_byte) on_terminal_byte(static_cast<std::uint8_t>(c), t);
    terminal_.receive(static_cast<std::uint8_t>(c), t);
  }
  for (const char c : link_.read(LinkEnd::a, t)) sender_.receive(static_cast<std::uint8_t>(c), t);
  if (link_.ready(LinkEnd::a, t)) {
    if (const auto byte = sender_.pull(t)) {
      link_.send(LinkEnd::a, *byte, t);
      if (config_.record) sent_down_ += static_cast<char>(*byte);
    }
  } else {
    sender_.advance(t);
  }
  terminal_.advance(t);
  if (link_.ready(LinkEnd::b, t)) {
    if (const auto byte = terminal_.pull_upstream(t)) {
      link_.send(LinkEnd::b, *byte, t);
      if (config_.record) sent_up_ += static_cast<char>(*byte);
    }
  }
  delivered_ += terminal_.take_data();
  upstream_ += sender_.take_received();
  ++slot_;
}

void Loopback::run_for(SimDuration duration) { run_until(now() + duration); }

void Loopback::run_until(SimTime time) {
  while (now() < time) step();
}

bool Loopback::run_until(const std::function<bool()>& done, SimTime deadline) {
  while (!done() && now() < deadline) step();
  return done();
}

}  // namespace pavi::modem::pce
