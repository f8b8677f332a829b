// The header the soft modem writes on the gateway's astport right after connecting (v23-modem.md §7.2): three
// LF-terminated lines, no CR. Fields are bounded (the original formats them into a 100-byte buffer unchecked)
// and stripped of line breaks, so that a header is always exactly three lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pavi::sim {

// The gateway reads line 1 with at most 29 characters (§7.3): "CALLFROM " leaves 20 for the caller's number.
inline constexpr std::size_t kMaxCallerLength = 20;
inline constexpr std::size_t kMaxUrlLength = 190;  // line 2 is read with at most 199 characters
inline constexpr std::size_t kMaxPidLength = 190;

// Inbound: "CALLFROM <caller>\nSTARTURL <url>\nPCE <0|1>\n".
std::string inbound_header(std::string_view caller, std::string_view start_url, bool pce);
// Outbound: "CALLTO <number>\nPID <pid>\n\n".
std::string outbound_header(std::string_view number, std::string_view pid);

}  // namespace pavi::sim
