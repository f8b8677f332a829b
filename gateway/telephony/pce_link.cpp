// Steady time to the sender's simulated time: microseconds since the call began.
#include "gateway/telephony/pce_link.hpp"

#include <algorithm>

namespace pavi::gateway::telephony {

namespace {
constexpr modem::SimDuration kCharTime = modem::char_duration(1200);
}

GatewayPce::GatewayPce(PceTime origin, modem::pce::SenderConfig config) : origin_(origin), sender_(config) {}

modem::SimTime GatewayPce::sim(PceTime now) const {
  return modem::SimTime{std::chrono::duration_cast<modem::SimDuration>(std::max(now, origin_) - origin_)};
}

PceTime GatewayPce::steady(modem::SimTime time) const {
  return origin_ + std::chrono::duration_cast<PceClock::duration>(time.time_since_epoch());
}

void GatewayPce::start(PceTime now) { sender_.start(sim(now)); }

void GatewayPce::send(std::string_view bytes, PceTime now) { sender_.send(bytes, sim(now)); }

std::string GatewayPce::receive(std::string_view bytes, PceTime now) {
  for (const char c : bytes) sender_.receive(static_cast<std::uint8_t>(c), sim(now));
  return sender_.take_received();
}

std::string GatewayPce::pull(PceTime now) {
  const modem::SimTime at = sim(now);
  std::string out;
  line_free_ = std::max(line_free_, at);
  line_limited_ = false;
  for (;;) {
    if (line_free_ > at + std::chrono::duration_cast<modem::SimDuration>(kLead)) {
      line_limited_ = true;
      break;
    }
    const auto byte = sender_.pull(at);
    if (!byte) break;
    out.push_back(static_cast<char>(*byte));
    line_free_ += kCharTime;
  }
  return out;
}

std::optional<PceTime> GatewayPce::next_wakeup() const {
  std::optional<PceTime> next;
  if (line_limited_) next = steady(line_free_) - kLead;
  if (const auto deadline = sender_.next_deadline()) {
    const PceTime at = steady(*deadline);
    next = next ? std::min(*next, at) : at;
  }
  return next;
}

}  // namespace pavi::gateway::telephony
