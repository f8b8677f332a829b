// `pavi conformance` on the command line: --help, --list, one clear line and exit 2 for bad arguments, exit 1 for
// an unreachable gateway. (Named test_conformance_cli, not *_command, so it builds with the conformance tests.)
#include <gtest/gtest.h>

#include <sstream>

#include "simulators/cli/commands.hpp"

namespace pavi::cli {
namespace {

struct Run {
  int code = 0;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::istringstream in;
  std::ostringstream out, err;
  Run r;
  r.code = conformance_command(args, Io{in, out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(ConformanceCli, HelpExplainsTheSuite) {
  const auto r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* word : {"--gateway", "--telnet", "--service-url", "--only", "--format", "--strict-quirks",
                           "--timeout", "durl", "exit status"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
}

TEST(ConformanceCli, ListsEveryCheck) {
  const auto r = run({"--list"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("check C-001"), std::string::npos);
  EXPECT_NE(r.out.find("skip  C-150"), std::string::npos);
}

TEST(ConformanceCli, BadArgumentsExit2WithOneLine) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"--gateway"},
      {"--gateway", "http://127.0.0.1:8182"},
      {"--gateway", "ws://127.0.0.1:8182", "--format", "xml"},
      {"--gateway", "ws://127.0.0.1:8182", "--timeout", "fast"},
      {"--gateway", "ws://127.0.0.1:8182", "--timeout", "0"},
      {"--gateway", "ws://127.0.0.1:8182", "--only", "C-999"},
      {"--gateway", "ws://127.0.0.1:8182", "--only", ","},
      {"--gateway", "ws://127.0.0.1:8182", "--service-url", "https://x/"},
      {"--gateway", "ws://127.0.0.1:8182", "--wait", "-1"},
      {"--gateway", "ws://127.0.0.1:8182", "--bogus"},
      {"--telnet", "ws://127.0.0.1:1"},
      {"stray"},
  };
  for (const auto& args : cases) {
    const auto r = run(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("pavi conformance: ", 0), 0u) << r.err;
  }
}

TEST(ConformanceCli, UnreachableGatewayExits1) {
  const auto r = run({"--gateway", "ws://127.0.0.1:1", "--wait", "0", "--only", "C-001"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("durl = http://127.0.0.1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("does not accept connections"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace pavi::cli
