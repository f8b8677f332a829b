// The gateway the conformance tests run against: the built `pavi-gateway` (PAVI_GATEWAY_PATH) as a child process
// on free 127.0.0.1 ports, with the durl the test gives (the in-process fake service, or the address `pavi
// conformance` will bind).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace pavi::test {

// `pavi-gateway --host 127.0.0.1 --maxc 50 --wsport W --telnport T --durl DURL`, once it has printed that it is
// ready. ready() is false (and output() says why) when it could not start.
class GatewayUnderTest {
 public:
  explicit GatewayUnderTest(const std::string& durl) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      ws_port_ = free_port();
      telnet_port_ = free_port();
      process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
          PAVI_GATEWAY_PATH, "--host", "127.0.0.1", "--maxc", "50", "--wsport", std::to_string(ws_port_),
          "--telnport", std::to_string(telnet_port_), "--durl", durl});
      ready_ = process_->wait_for_output("Passerelle prête.", std::chrono::seconds(30));
      if (ready_ || process_->output().find("already in use") == std::string::npos) return;
    }
  }

  bool ready() const { return ready_; }
  std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(ws_port_); }
  std::string telnet_host_port() const { return "127.0.0.1:" + std::to_string(telnet_port_); }
  std::string output() const { return process_->output(); }
  // Stops it by PID; 0 when it stopped cleanly (a crash during the run shows here as 128 + the signal).
  int stop() { return process_->stop(); }

 private:
  std::unique_ptr<ChildProcess> process_;
  bool ready_ = false;
  int ws_port_ = 0;
  int telnet_port_ = 0;
};

}  // namespace pavi::test
