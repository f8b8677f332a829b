// `pavi stress --hold` end to end against the fake WebSocket Minitel server: each simulated Minitel connects
// once, completes its visit, keeps the line open until the end of the run and then hangs up; the report says
// how many lines were held; --hold without --duration is bad usage. And --warm-up, the other option of steady-state
// runs: the report leaves the warm-up out and says so.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "simulators/cli/commands.hpp"
#include "simulators/servers/fake_server.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::cli {
namespace {

using namespace std::chrono_literals;
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

class StressHoldCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pavi-stress-hold-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    script_ = (dir_ / "idle.txt").string();
    std::ofstream(script_) << "expect \"BIENVENUE\" timeout=20s\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string script_;
};

TEST_F(StressHoldCli, EachMinitelConnectsOnceHoldsItsLineAndHangsUpAtTheEnd) {
  sim::FakeWebSocketServer server(sim::ServerScript{}.send(bytes(R"(0C 1F 41 41 "BIENVENUE")")));
  // Without --hold these users would connect again and again for the whole second.
  const auto run = pavi({"stress", server.url(), "--script", script_, "--users", "3", "--hold", "--duration", "1",
                         "--json", "--quiet"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["sessions"]["started"], 3);
  EXPECT_EQ(report["sessions"]["completed"], 3);
  EXPECT_EQ(report["sessions"]["held_peak"], 3);
  EXPECT_EQ(report["requests"]["count"], 3);
  ASSERT_EQ(server.connection_count(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(server.wait_for_closed(i, 10s)) << i;
    EXPECT_TRUE(server.connection(i)->closed_by_peer) << i;  // the Minitel hung up, not the server
    EXPECT_EQ(server.received(i), "") << i;                  // idle: not a key sent
  }
}

TEST_F(StressHoldCli, TheTextReportSaysHowManyLinesWereHeld) {
  sim::FakeWebSocketServer server(sim::ServerScript{}.send(bytes(R"(0C 1F 41 41 "BIENVENUE")")));
  const auto run = pavi({"stress", server.url(), "--script", script_, "--users", "2", "--hold", "--duration", "0.5",
                         "--quiet"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("held            2 lines open and idle at once at most"), std::string::npos) << run.out;
}

TEST_F(StressHoldCli, HoldNeedsADuration) {
  const auto run = pavi({"stress", "ws://127.0.0.1:1/", "--script", script_, "--hold", "--count", "5"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "pavi stress: --hold needs --duration S (held lines end with the run) (see pavi stress --help)\n");
  EXPECT_NE(pavi({"stress", "--help"}).out.find("--hold"), std::string::npos);
}

TEST_F(StressHoldCli, WarmUpIsLeftOutOfTheRequestsAndReported) {
  sim::FakeWebSocketServer server(sim::ServerScript{}.send(bytes(R"(0C 1F 41 41 "BIENVENUE")")));
  // The one wait of each held visit completes during the warm-up: nothing is left to count.
  const auto run = pavi({"stress", server.url(), "--script", script_, "--users", "2", "--hold", "--duration", "1",
                         "--warm-up", "0.9", "--json", "--quiet"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["sessions"]["completed"], 2);
  EXPECT_EQ(report["requests"]["count"], 0);
  EXPECT_EQ(report["warm_up_s"], 0.9);
  EXPECT_LE(report["cool_down_s"].get<double>(), report["duration_s"].get<double>() - 0.9);
}

TEST_F(StressHoldCli, WarmUpMustBeShorterThanTheRun) {
  const auto run = pavi({"stress", "ws://127.0.0.1:1/", "--script", script_, "--duration", "2", "--warm-up", "2"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "pavi stress: option '--warm-up' must be shorter than --duration (see pavi stress --help)\n");
}

}  // namespace
}  // namespace pavi::cli
