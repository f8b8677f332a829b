// Building the soft modem's astport header (see soft_modem_header.hpp).
#include "simulators/asterisk/soft_modem_header.hpp"

namespace pavi::sim {
namespace {

std::string field(std::string_view value, std::size_t max_length) {
  std::string out;
  for (const char c : value) {
    if (out.size() >= max_length) break;
    if (c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string inbound_header(std::string_view caller, std::string_view start_url, bool pce) {
  return "CALLFROM " + field(caller, kMaxCallerLength) + "\nSTARTURL " + field(start_url, kMaxUrlLength) +
         "\nPCE " + (pce ? "1" : "0") + "\n";
}

std::string outbound_header(std::string_view number, std::string_view pid) {
  return "CALLTO " + field(number, kMaxCallerLength + 2) + "\nPID " + field(pid, kMaxPidLength) + "\n\n";
}

}  // namespace pavi::sim
