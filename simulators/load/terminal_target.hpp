// A simulated Minitel as a VisitTarget: visit scripts drive a Terminal connected to a gateway.
#pragma once

#include "simulators/load/visit_target.hpp"
#include "simulators/terminal/terminal.hpp"

namespace pavi::sim {

class TerminalTarget : public VisitTarget {
 public:
  explicit TerminalTarget(Terminal& terminal) : terminal_(terminal) {}

  bool type(std::string_view utf8_text) override;
  bool press(videotex::FunctionKey key) override;
  WaitResult wait_for_text(std::string_view text, std::chrono::milliseconds timeout) override;
  WaitResult wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                            std::optional<ScreenPosition> at) override;
  WaitResult wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) override;
  WaitResult wait_for_disconnect(std::chrono::milliseconds timeout) override;
  std::string text() const override;
  bool connected() const override;
  void disconnect() override;

  Terminal& terminal() { return terminal_; }

 private:
  Terminal& terminal_;
};

}  // namespace pavi::sim
