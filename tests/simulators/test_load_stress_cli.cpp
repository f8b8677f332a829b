// `pavi stress` end to end, in-process: service mode against the fake service (the report's request count must be
// the service's own), failures by kind, gateway mode against the fake WebSocket Minitel server, and bad usage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "simulators/cli/commands.hpp"
#include "simulators/fake_service/fake_service.hpp"
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

// A service of two pages: the home page, and page 1 after ENVOI.
constexpr const char* kServiceScript = R"({
  "start": "home",
  "pages": {
    "home": {"path": "/", "bytes": "0C \"BIENVENUE\"", "routes": [{"fctn": "ENVOI", "goto": "one"}]},
    "one": {"path": "/one", "bytes": "0C \"Page 1\"", "next": "home"}
  }})";

class StressCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pavi-stress-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
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

  std::filesystem::path dir_;
};

constexpr const char* kVisit =
    "expect \"BIENVENUE\" timeout=20s\n"
    "type 1\n"
    "press Envoi\n"
    "expect \"Page 1\" timeout=20s\n"
    "disconnect\n";

TEST_F(StressCli, ServiceModeCountsWhatTheServiceReceived) {
  sim::FakeService service;
  auto loaded = sim::FakeScript::parse(kServiceScript);
  ASSERT_TRUE(loaded.script) << loaded.error;
  service.set_script(std::move(*loaded.script));

  const auto run = pavi({"stress", "--service", service.url("/"), "--script", script(kVisit), "--users", "4",
                         "--count", "20", "--json"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["mode"], "service");
  EXPECT_EQ(report["sessions"]["started"], 20);
  EXPECT_EQ(report["sessions"]["completed"], 20);
  EXPECT_EQ(report["sessions"]["failed"], 0);
  EXPECT_EQ(report["errors"].size(), 0u);
  // The acceptance criterion: what the tool says it sent is what the service saw (CNX, ENVOI, FIN per visit).
  EXPECT_EQ(report["requests"]["count"].get<std::size_t>(), service.request_count());
  EXPECT_EQ(service.request_count(), 60u);
  EXPECT_EQ(report["latency_ms"]["samples"], 60);
  EXPECT_GT(report["latency_ms"]["max"].get<double>(), 0.0);
  const auto requests = service.requests();
  std::size_t envois = 0;
  for (const auto& r : requests) envois += r.fctn() == "ENVOI" ? 1 : 0;
  EXPECT_EQ(envois, 20u);
}

TEST_F(StressCli, ServiceErrorsAreCountedByKindAndUsersGoOn) {
  sim::FakeService service;
  service.set_handler([](const sim::RecordedRequest& r) -> std::optional<sim::FakeReply> {
    if (r.fctn() == "ENVOI") return sim::FakeReply::http500_html();
    return std::nullopt;
  });
  const auto run = pavi({"stress", "--service", service.url("/"), "--script",
                         script("press Envoi\nexpect \"Page 1\" timeout=2s\n"), "--users", "2", "--count", "6",
                         "--quiet"});
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("0 completed, 6 failed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("http_500 6"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("requests        " + std::to_string(service.request_count()) + "\n"), std::string::npos)
      << run.out << service.request_count();
}

TEST_F(StressCli, GatewayModeDrivesSimulatedMinitels) {
  sim::FakeWebSocketServer server(sim::ServerScript{}
                                      .send(bytes(R"(0C 1F 41 41 "BIENVENUE")"))
                                      .on(bytes("13 41"), bytes(R"(0C 1F 41 41 "Page 1")")));
  const auto run = pavi({"stress", server.url(), "--script", script(kVisit), "--users", "3", "--count", "9",
                         "--ramp-up", "0.05", "--json", "--io-threads", "1"});
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["mode"], "gateway");
  EXPECT_EQ(report["sessions"]["completed"], 9);
  EXPECT_EQ(report["requests"]["count"], 18);  // two screens awaited per visit
  EXPECT_EQ(server.connection_count(), 9u);
  EXPECT_TRUE(server.wait_for_received(bytes("\"1\" 13 41"), 10s));
}

TEST_F(StressCli, DurationCutsLongVisitsShort) {
  sim::FakeTelnetServer server(sim::ServerScript{}.send(bytes(R"(0C "BIENVENUE")")));
  const auto run = pavi({"stress", "telnet://127.0.0.1:" + std::to_string(server.port()), "--script",
                         script("expect \"BIENVENUE\" timeout=20s\nthink 3600s\npress Envoi\n"), "--users", "2",
                         "--duration", "0.3", "--json"});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["sessions"]["started"], 2);
  EXPECT_EQ(report["sessions"]["aborted"], 2);
  EXPECT_EQ(report["sessions"]["failed"], 0);
  EXPECT_EQ(server.received(0), "");  // Envoi never pressed
}

TEST_F(StressCli, GatewayModeUnreachableCountsConnectErrors) {
  std::uint16_t port = 0;
  {
    sim::FakeTelnetServer closed;
    port = closed.port();
  }
  const auto run = pavi({"stress", "telnet://127.0.0.1:" + std::to_string(port), "--script", script(kVisit),
                         "--count", "2", "--json"});
  EXPECT_EQ(run.status, 1) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["sessions"]["failed"], 2);
  EXPECT_EQ(report["errors"]["connect"], 2);
}

TEST_F(StressCli, BadUsageExitsTwoWithOneLine) {
  const auto good = script(kVisit);
  const auto bad = [&](std::vector<std::string> args, const std::string& expected) {
    args.insert(args.begin(), "stress");
    const auto run = pavi(args);
    EXPECT_EQ(run.status, 2) << run.err;
    EXPECT_EQ(run.err, "pavi stress: " + expected + " (see pavi stress --help)\n");
  };
  bad({"ws://h:1", "--script", good}, "bound the run with --count N or --duration S");
  bad({"--script", good, "--count", "1"}, "missing the gateway URL (or --service URL for service mode)");
  bad({"ws://h:1", "--service", "http://h/", "--script", good, "--count", "1"},
      "give either a gateway URL or --service URL, not both");
  bad({"--service", "ftp://h/", "--script", good, "--count", "1"},
      "--service expects an http:// or https:// URL, got 'ftp://h/'");
  bad({"--service", "http://h/", "--script", good, "--count", "1", "--identity", "minitel2"},
      "option '--identity' is for gateway mode only");
  bad({"ws://h:1", "--script", good, "--count", "0"}, "option '--count' expects a whole number from 1 to 1099511627776, got '0'");
  bad({"ws://h:1", "--script", good, "--duration", "soon"}, "option '--duration' expects seconds from 0 to 604800, got 'soon'");
  bad({"ws://h:1", "--script", good, "--duration", "0"}, "option '--duration' must be above 0");
  bad({"ws://h:1", "--script", good, "--count", "1", "--users", "0"},
      "option '--users' expects a whole number from 1 to 100000, got '0'");
  bad({"ws://h:1", "--count", "1"}, "missing --script FILE (the visit to run; see docs/SCRIPTS.md)");
}

TEST_F(StressCli, HelpExplainsBothModes) {
  const auto run = pavi({"stress", "-h"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out.rfind("usage: pavi stress URL --script FILE", 0), 0u);
  EXPECT_NE(run.out.find("--service URL"), std::string::npos);
  EXPECT_NE(run.out.find("exit status:"), std::string::npos);
}

}  // namespace
}  // namespace pavi::cli
