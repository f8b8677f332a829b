// A virtual user of `pavi stress` in gateway mode: a simulated Minitel that connects to the gateway at the start
// of each visit and hangs up at its end. Many of them share a few IoRunners, so their I/O threads stay few.
#pragma once

#include <memory>
#include <string>

#include "simulators/load/load_driver.hpp"
#include "simulators/load/terminal_target.hpp"
#include "simulators/terminal/terminal.hpp"

namespace pavi::sim {

class GatewayUser : public LoadUser {
 public:
  GatewayUser(std::string url, ConnectOptions connect, TerminalOptions terminal);

  std::optional<std::string> begin_visit() override;  // "connect" when the gateway cannot be reached
  VisitTarget& target() override { return target_; }
  void end_visit() override;

  const std::string& last_connect_error() const { return last_error_; }

 private:
  std::string url_;
  ConnectOptions connect_;
  Terminal terminal_;
  TerminalTarget target_;
  std::string last_error_;
};

}  // namespace pavi::sim
