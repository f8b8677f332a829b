// In-memory duplex byte pipe with line rates and fault injection (see byte_link.hpp).
#include "modem/byte_link.hpp"

#include <algorithm>

namespace pavi::modem {

ByteLink::ByteLink(ByteLinkConfig config)
    : a_to_b_{config.a_to_b,
              FaultInjector(config.a_to_b.faults),
              char_duration(config.a_to_b.bit_rate, config.a_to_b.bits_per_char),
              {},
              {},
              {},
              false},
      b_to_a_{config.b_to_a,
              FaultInjector(config.b_to_a.faults),
              char_duration(config.b_to_a.bit_rate, config.b_to_a.bits_per_char),
              {},
              {},
              {},
              false} {}

bool ByteLink::ready(LinkEnd from, SimTime now) const {
  const Direction& d = dir(from);
  return d.queued.empty() && d.line_free <= now;
}

void ByteLink::depart(Direction& d, std::uint8_t byte, SimTime at) {
  d.line_free = at + d.char_time;
  if (d.closed) return;
  std::string out;
  d.faults.transmit(byte, at, out);
  if (d.faults.cut()) d.closed = true;
  if (!out.empty()) d.flight.emplace_back(at + d.char_time + d.config.latency, std::move(out));
}

void ByteLink::drain(Direction& d, SimTime now) {
  while (!d.queued.empty()) {
    const SimTime start = std::max(d.queued.front().first, d.line_free);
    if (start > now) break;
    const auto byte = static_cast<std::uint8_t>(d.queued.front().second);
    d.queued.pop_front();
    depart(d, byte, start);
  }
}

void ByteLink::send(LinkEnd from, std::uint8_t byte, SimTime now) {
  Direction& d = dir(from);
  drain(d, now);
  if (!d.queued.empty()) {
    d.queued.emplace_back(now, static_cast<char>(byte));
    return;
  }
  depart(d, byte, std::max(now, d.line_free));
}

void ByteLink::write(LinkEnd from, std::string_view bytes, SimTime now) {
  Direction& d = dir(from);
  for (const char c : bytes) d.queued.emplace_back(now, c);
  drain(d, now);
}

std::string ByteLink::read(LinkEnd at, SimTime now) {
  Direction& d = dir(at == LinkEnd::a ? LinkEnd::b : LinkEnd::a);
  drain(d, now);
  std::string out;
  while (!d.flight.empty() && d.flight.front().first <= now) {
    out += d.flight.front().second;
    d.flight.pop_front();
  }
  return out;
}

std::optional<SimTime> ByteLink::next_arrival(LinkEnd at) const {
  const Direction& d = dir(at == LinkEnd::a ? LinkEnd::b : LinkEnd::a);
  if (!d.flight.empty()) return d.flight.front().first;
  if (!d.queued.empty() && !d.closed) {
    return std::max(d.queued.front().first, d.line_free) + d.char_time + d.config.latency;
  }
  return std::nullopt;
}

bool ByteLink::closed(LinkEnd from) const { return dir(from).closed; }

void ByteLink::close(LinkEnd from) { dir(from).closed = true; }

}  // namespace pavi::modem
