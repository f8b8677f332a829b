// `pavi session` against the fake telnet and WebSocket Minitel servers: exit 0 when every expectation holds, 1
// with the reason and the screen when one fails or the server is unreachable, 2 on bad usage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulators/cli/commands.hpp"
#include "simulators/servers/fake_server.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::cli {
namespace {

using test::bytes;

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

Run pavi(std::vector<std::string> args) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Run run;
  run.status = run_pavi(args, Io{in, out, err});
  run.out = out.str();
  run.err = err.str();
  return run;
}

class SessionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pavi-session-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string script(const std::string& text, const std::string& name = "visit.txt") {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // A Minitel service in miniature: a home page, and page 1 after Envoi.
  static sim::ServerScript service() {
    return sim::ServerScript{}
        .send(bytes(R"(0C 1F 41 41 "BIENVENUE" 1F 58 41 "Choix ?")"))
        .on(bytes("13 41"), bytes(R"(0C 1F 41 41 "Page 1")"));
  }

  std::filesystem::path dir_;
};

constexpr const char* kVisit =
    "expect \"BIENVENUE\" timeout=10s\n"
    "expect regex \"^Choix\" at=24 timeout=10s\n"
    "type 1\n"
    "press Envoi\n"
    "expect \"Page 1\" at=1,1 timeout=10s\n";

TEST_F(SessionCli, EveryExpectationHoldsOverTelnet) {
  sim::FakeTelnetServer server(service());
  const auto run = pavi({"session", "telnet://127.0.0.1:" + std::to_string(server.port()), "--script", script(kVisit),
                         "--transcript", (dir_ / "t.json").string(), "--png-dir", (dir_ / "png").string()});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("BIENVENUE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("visit.txt:5: expect \"Page 1\" at=1,1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("all 5 steps held"), std::string::npos) << run.out;
  EXPECT_TRUE(run.err.empty()) << run.err;
  EXPECT_EQ(server.received(), bytes("\"1\" 13 41"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "t.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "png" / "step-01.png"));  // screens after each expect
  EXPECT_TRUE(std::filesystem::exists(dir_ / "png" / "step-05.png"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "png" / "step-03.png"));
}

TEST_F(SessionCli, FailedExpectationExitsOneWithTheScreenOverWebSocket) {
  sim::FakeWebSocketServer server(service());
  const auto run = pavi({"session", server.url(), "--script",
                         script("expect \"BIENVENUE\" timeout=10s\npress Envoi\nexpect \"MENU\" timeout=300\n"
                                "press Suite\n"),
                         "--identity", "minitel2", "--screens", "none"});
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FAIL  "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("visit.txt:3: expect \"MENU\" timeout=300"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Page 1"), std::string::npos) << run.out;  // the screen when it failed
  EXPECT_NE(run.err.find("visit.txt:3: timed out after 300 ms waiting for text \"MENU\""), std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;  // one line
  EXPECT_EQ(server.received(), bytes("13 41"));  // Suite was never pressed
}

TEST_F(SessionCli, UnreachableGatewayExitsOne) {
  std::uint16_t port = 0;
  {
    sim::FakeTelnetServer closed;
    port = closed.port();
  }
  const auto run = pavi({"session", "telnet://127.0.0.1:" + std::to_string(port), "--script", script(kVisit)});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err.rfind("pavi session: ", 0), 0u) << run.err;
}

TEST_F(SessionCli, BadUsageExitsTwoWithOneLine) {
  const auto bad = [&](std::vector<std::string> args, const std::string& expected) {
    args.insert(args.begin(), "session");
    const auto run = pavi(args);
    EXPECT_EQ(run.status, 2) << run.err;
    EXPECT_EQ(run.err, "pavi session: " + expected + " (see pavi session --help)\n");
  };
  const auto good = script(kVisit);
  bad({"--script", good}, "missing the gateway URL (ws://HOST:PORT, telnet://HOST:PORT...)");
  bad({"ws://h:1", "ws://h:2", "--script", good}, "one URL only, got 'ws://h:2' too");
  bad({"ws://h:1"}, "missing --script FILE (the visit to run; see docs/SCRIPTS.md)");
  bad({"ws://h:1", "--script", script("press Envoy\n", "bad.txt")},
      (dir_ / "bad.txt").string() +
          ":1: unknown key 'Envoy' (keys: ENVOI, RETOUR, REPETITION, GUIDE, ANNULATION, SOMMAIRE, CORRECTION, "
          "SUITE, CONNEXION-FIN)");
  bad({"ws://h:1", "--script", good, "--screens", "some"}, "option '--screens' expects expect, all, end or none, got 'some'");
  bad({"ws://h:1", "--script", good, "--identity", "vt100"},
      "option '--identity' expects minitel1b, minitel2 or emulator, got 'vt100'");
  bad({"ws://h:1", "--script", good, "--colour"}, "unknown option '--colour'");
  bad({"ws://h:1", "--script", good, "--connect-timeout", "0"},
      "option '--connect-timeout' expects a whole number from 1 to 600000, got '0'");
}

TEST_F(SessionCli, HelpExplainsTheCommand) {
  const auto run = pavi({"session", "--help"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out.rfind("usage: pavi session URL --script FILE", 0), 0u);
  EXPECT_NE(run.out.find("exit status:"), std::string::npos);
  EXPECT_NE(pavi({"--help"}).out.find("  session "), std::string::npos);
}

}  // namespace
}  // namespace pavi::cli
