// TerminalTarget: each call goes straight to the Terminal, which is already thread-safe and blocking.
#include "simulators/load/terminal_target.hpp"

namespace pavi::sim {

bool TerminalTarget::type(std::string_view utf8_text) { return terminal_.type(utf8_text); }
bool TerminalTarget::press(videotex::FunctionKey key) { return terminal_.press(key); }
WaitResult TerminalTarget::wait_for_text(std::string_view text, std::chrono::milliseconds timeout) {
  return terminal_.wait_for_text(text, timeout);
}
WaitResult TerminalTarget::wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                                          std::optional<ScreenPosition> at) {
  return terminal_.wait_for_regex(pattern, timeout, at);
}
WaitResult TerminalTarget::wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) {
  return terminal_.wait_until_quiet(quiet, timeout);
}
WaitResult TerminalTarget::wait_for_disconnect(std::chrono::milliseconds timeout) {
  return terminal_.wait_for_disconnect(timeout);
}
std::string TerminalTarget::text() const { return terminal_.text(); }
bool TerminalTarget::connected() const { return terminal_.connected(); }
void TerminalTarget::disconnect() { terminal_.disconnect(); }

}  // namespace pavi::sim
