// The gateway the conformance tests run against: the built `pavi-gateway` (PAVI_GATEWAY_PATH) as a child process
// on free 127.0.0.1 ports, with the durl the test gives (the in-process fake service, or the address `pavi
// conformance` will bind).
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace pavi::test {

// The visukey of GatewayUnderTest's config, for the duplicateStream checks.
inline constexpr const char* kGatewayVisukey = "pavikit-conformance-visukey";

// `pavi-gateway --cfgfile C --host 127.0.0.1 --maxc 50 --wsport W --telnport T --durl DURL`, where C only sets
// <connecttocmd><visukey>, once it has printed that it is ready. ready() is false (and output() says why) when
// it could not start.
class GatewayUnderTest {
 public:
  explicit GatewayUnderTest(const std::string& durl) {
    config_ = std::filesystem::temp_directory_path() /
              ("pavikit-conformance-" + std::to_string(::getpid()) + "-" + std::to_string(next_config_++) + ".xml");
    std::ofstream(config_) << "<config><connecttocmd><visukey>" << kGatewayVisukey
                           << "</visukey></connecttocmd></config>\n";
    for (int attempt = 0; attempt < 3; ++attempt) {
      ws_port_ = free_port();
      telnet_port_ = free_port();
      process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
          PAVI_GATEWAY_PATH, "--cfgfile", config_.string(), "--host", "127.0.0.1", "--maxc", "50", "--wsport",
          std::to_string(ws_port_), "--telnport", std::to_string(telnet_port_), "--durl", durl});
      ready_ = process_->wait_for_output("Passerelle prête.", std::chrono::seconds(30));
      if (ready_ || process_->output().find("already in use") == std::string::npos) return;
    }
  }

  ~GatewayUnderTest() {
    process_.reset();
    std::error_code ignored;
    std::filesystem::remove(config_, ignored);
  }
  GatewayUnderTest(const GatewayUnderTest&) = delete;
  GatewayUnderTest& operator=(const GatewayUnderTest&) = delete;

  bool ready() const { return ready_; }
  std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(ws_port_); }
  std::string telnet_host_port() const { return "127.0.0.1:" + std::to_string(telnet_port_); }
  std::string output() const { return process_->output(); }
  // Stops it by PID; 0 when it stopped cleanly (a crash during the run shows here as 128 + the signal).
  int stop() { return process_->stop(); }

 private:
  static inline int next_config_ = 0;
  std::filesystem::path config_;
  std::unique_ptr<ChildProcess> process_;
  bool ready_ = false;
  int ws_port_ = 0;
  int telnet_port_ = 0;
};

}  // namespace pavi::test
