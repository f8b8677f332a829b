// The header the Asterisk soft modem sends on astport right after connecting (v23-modem.md §7.2-7.3): three
// LF-terminated lines, `CALLFROM <caller>` / `STARTURL <url>` / `PCE <n>` for a call to the gateway, or
// `CALLTO <number>` / `PID <id>` / empty line for the modem leg of an outgoing call (ami.md §3.9).
//
// Unlike the original (which reads line 3 as 5 bytes and leaves its LF to the user stream, and splits a caller
// id longer than 20 characters), whole lines are read, each bounded; bad input is reported, never thrown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::gateway::telephony {

enum class CallDirection { incoming, outgoing };

struct SoftModemHeader {
  CallDirection direction = CallDirection::incoming;
  std::string first_line;  // line 1, trimmed: VisuWeb's "infos" for an incoming call
  // Incoming.
  std::string caller;      // PAVI.remoteAddr (C-015)
  std::string start_url;   // "" = the default service
  bool pce = false;        // line 3 is exactly `PCE 1` (trimmed)
  // Outgoing (the modem leg).
  std::string called;
  std::string pid;         // the rendezvous id the waiting session gave the Originate
  bool operator==(const SoftModemHeader&) const = default;
};

enum class HeaderStatus { incomplete, complete, invalid };

struct HeaderScan {
  HeaderStatus status = HeaderStatus::incomplete;
  std::optional<SoftModemHeader> header;  // when complete
  std::size_t consumed = 0;               // header bytes; what follows is the call's first data
  std::string problem;                    // when invalid, for the log
};

// Longest accepted line (without its LF). The soft modem's own buffer is 100 bytes for the whole header.
inline constexpr std::size_t kMaxHeaderLine = 512;

// Looks at everything received so far. `timed_out`: the header wait (6 s) is over; an incoming header whose
// third line came without its LF is then accepted, anything else incomplete is invalid.
HeaderScan scan_soft_modem_header(std::string_view received, bool timed_out = false);

}  // namespace pavi::gateway::telephony
