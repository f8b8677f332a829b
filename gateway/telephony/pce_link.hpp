// PCE on an incoming soft-modem call (gateway-behaviour.md §15, pce.md §2.2 and §5): pavikit_pce's Sender on
// the steady clock, paced to the 1200 bit/s line. The soft modem has no flow control but TCP, so bytes are
// handed to it at line speed with a small lead: a NACK then stops the block in progress within a few
// characters, and a repeat request is served at once instead of after a full TCP buffer.
//
// START is sent at once; the first page (after the 5 s modem settling) waits for the acknowledgement, which
// is the spec's rule (1400 ms repeats, at most 8, then the call is dropped) rather than the original's
// unlimited 2 s repeats.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modem/pce_sender.hpp"

namespace pavi::gateway::telephony {

using PceClock = std::chrono::steady_clock;
using PceTime = PceClock::time_point;

class GatewayPce {
 public:
  // Bytes handed to the modem ahead of the line, at most (8.33 ms each at 1200 bit/s).
  static constexpr std::chrono::milliseconds kLead{50};

  explicit GatewayPce(PceTime origin, modem::pce::SenderConfig config = {});

  void start(PceTime now);
  // Application bytes for the terminal (pages): they go in blocks once PCE is acknowledged.
  void send(std::string_view bytes, PceTime now);
  // Bytes from the soft modem (7-bit values); returns the user's bytes, PCE traffic removed.
  std::string receive(std::string_view bytes, PceTime now);
  // What to write to the modem now.
  std::string pull(PceTime now);
  // When to call pull() again (nullopt: only after the next send() or receive()).
  std::optional<PceTime> next_wakeup() const;

  // START or STOP was repeated too often: hang up.
  bool failed() const { return sender_.disconnect_requested(); }
  bool active() const { return sender_.mode() == modem::pce::SenderMode::active; }
  // Application bytes not yet on the line (keep-alives do not count).
  bool has_pending_output() const { return sender_.has_pending_output(); }
  // Blocks sent again after a NACK since the call began (for /metrics).
  std::uint64_t retransmissions() const { return sender_.stats().repeated_blocks; }
  const modem::pce::SenderStats& stats() const { return sender_.stats(); }

 private:
  modem::SimTime sim(PceTime now) const;
  PceTime steady(modem::SimTime time) const;

  PceTime origin_;
  modem::pce::Sender sender_;
  modem::SimTime line_free_{};     // when the line can take the next character
  bool line_limited_ = false;      // the last pull stopped because the line was busy, not for lack of bytes
};

}  // namespace pavi::gateway::telephony
