// The built `pavi-gateway` (PAVI_GATEWAY_PATH, set for gateway_app_tests) as a child process of the test, with
// the arguments it gives, stopped by PID when the test ends.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/support/child_process.hpp"

namespace pavi::test {

class GatewayProcess : public ChildProcess {
 public:
  explicit GatewayProcess(std::vector<std::string> args) : ChildProcess(with_program(std::move(args))) {}

 private:
  static std::vector<std::string> with_program(std::vector<std::string> args) {
    args.insert(args.begin(), PAVI_GATEWAY_PATH);
    return args;
  }
};

}  // namespace pavi::test
