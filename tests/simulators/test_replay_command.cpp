// `pavi replay` on a gateway's session recording (rec-<uniqueId>.vdt, visuweb-stats-recordings.md §3.1): the
// banner's protocol codes and the hidden PIN tag do not disturb the screen, and the last page is what shows.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "simulators/cli/commands.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::cli {
namespace {

TEST(ReplayCommand, ShowsTheLastPageOfAGatewayRecording) {  // C-140
  const auto path = std::filesystem::temp_directory_path() /
                    ("rec-" + std::to_string(::getpid()) + "0001.vdt");
  // What a WS session's recording starts with (gateway-behaviour.md §2.3), then two service pages.
  std::ofstream(path, std::ios::binary)
      << pavi::test::bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6WS 23/11/2026 01:28" 18 1B 40 14 "PIN:1234" 14 0A)")
      << pavi::test::bytes(R"(0C "FIRST PAGE" 0C 1F 45 43 "SECOND PAGE")");
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  const std::vector<std::string> args{"replay", path.string()};
  const int status = run_pavi(args, Io{in, out, err});
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0) << err.str();
  const std::string screen = out.str();
  EXPECT_NE(screen.find("05|  SECOND PAGE"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("FIRST PAGE"), std::string::npos) << screen;
}

}  // namespace
}  // namespace pavi::cli
