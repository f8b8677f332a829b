// Terminal-side PCE switching (see pce_terminal.hpp).
#include "modem/pce_terminal.hpp"

namespace pavi::modem::pce {
namespace {

constexpr int kStart = 0;
constexpr int kStop = 1;

std::vector<int> pattern(const std::array<std::uint8_t, 4>& bytes) { return {bytes.begin(), bytes.end()}; }

}  // namespace

Terminal::Terminal(TerminalConfig config)
    : config_(config), receiver_(config.receiver), commands_({pattern(kStartCommand), pattern(kStopCommand)}) {}

void Terminal::receive(std::uint8_t byte, SimTime now, bool framing_error) {
  receiver_.receive(byte, now, framing_error);
  const std::string bytes = receiver_.take_data();
  if (!bytes.empty()) scan(bytes, now);
}

void Terminal::scan(const std::string& bytes, SimTime now) {
  for (const char c : bytes) {
    const int command = commands_.feed(static_cast<std::uint8_t>(c), data_);
    if (command == kStart) {
      // Answered even in "no acknowledgement" mode; a START while active only produces the status.
      if (!receiver_.active()) receiver_.activate(now);
      answer_status();
    } else if (command == kStop) {
      // STOP is the last information of its block: the block is complete, so character mode starts now.
      // The status leaves before the switch, so it needs no escaping either way.
      const bool was_active = receiver_.active();
      if (was_active) receiver_.deactivate();
      answer_status();
    }
  }
}

void Terminal::answer_status() {
  const std::uint8_t answer[4] = {kStatusPrefix[0], kStatusPrefix[1], kStatusPrefix[2], status()};
  receiver_.send(std::span<const std::uint8_t>(answer, 4));
}

std::string Terminal::take_data() {
  std::string out;
  out.swap(data_);
  return out;
}

}  // namespace pavi::modem::pce
