// `pavi-gateway` stopped by SIGTERM with 200 live simulated sessions (the operations issue's acceptance): every
// session's recording is complete, the statistics count every counted session in the original's file format,
// and the log files end with whole lines. Takes about 12 s: a session counts only once its last action comes
// 10 s or more after it connected (C-139).
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <algorithm>
#include <regex>
#include <thread>

#include "simulators/fake_service/fake_service.hpp"
#include "simulators/net/io_runner.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/operations_test_folder.hpp"
#include "tests/gateway/gateway_process.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using sim::FakeReply;
using sim::RecordedRequest;
namespace fs = std::filesystem;

constexpr auto kTimeout = 20s;
constexpr int kSessions = 200;

using pavi::test::GatewayProcess;

std::optional<FakeReply> numbered_pages(const RecordedRequest& request) {
  service::ServiceReply reply;
  if (request.fctn() == "CNX") reply.content = "\x0c" "ACCUEIL " + request.request->unique_id;
  if (request.fctn() == "ENVOI") reply.content = "\x0c" "SUITE " + request.request->unique_id;
  return FakeReply::json(reply);
}

// Both pages show the uniqueId the service saw; the last one is on the screen.
std::string unique_id_of(const sim::Terminal& terminal) {
  const std::string text = terminal.text();
  const auto at = text.find("SUITE ");
  return at == std::string::npos ? std::string() : text.substr(at + 6, 14);
}

bool connect_with_retry(sim::Terminal& terminal, const std::string& url) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (terminal.connect(url)) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

long sum_of(const std::string& text, const std::regex& field) {
  long sum = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it) sum += std::stol((*it)[1]);
  return sum;
}

TEST(PaviGatewayGracefulStop, TwoHundredSessionsLeaveCompleteRecordingsStatsAndLogs) {
  test::TestFolder folder;
  sim::FakeService service;
  service.set_handler(numbered_pages);
  const int ws = pavi::test::free_port();
  const fs::path config = folder.path() / "minipavi.xml";
  std::ofstream(config) << "<config><general><host>127.0.0.1</host><durl>" << service.url("/index.php")
                        << "</durl><maxc>" << kSessions + 10 << "</maxc><maxhisto>30</maxhisto><wsport>" << ws
                        << "</wsport><lpath>" << folder.slash() << "logs</lpath><spath>" << folder.slash()
                        << "stats</spath></general><recordings><rpath>" << folder.slash()
                        << "rec</rpath></recordings></config>";
  GatewayProcess gateway({"--cfgfile", config.string()});

  sim::IoRunner runner;
  sim::TerminalOptions options;
  options.runner = &runner;
  std::vector<std::unique_ptr<sim::Terminal>> users;
  const std::string url = "ws://127.0.0.1:" + std::to_string(ws) + "/";
  for (int i = 0; i < kSessions; ++i) {
    users.push_back(std::make_unique<sim::Terminal>(options));
    ASSERT_TRUE(connect_with_retry(*users.back(), url)) << gateway.output();
  }
  for (auto& user : users) ASSERT_TRUE(user->wait_for_text("ACCUEIL", kTimeout)) << user->text();
  // The last action must come 10 s or more after each connection for the session to count (C-139).
  std::this_thread::sleep_for(11s);
  for (auto& user : users) user->press(videotex::FunctionKey::envoi);
  for (auto& user : users) ASSERT_TRUE(user->wait_for_text("SUITE", kTimeout)) << user->text();

  gateway.signal(SIGTERM);
  ASSERT_EQ(gateway.wait(kTimeout), 0) << gateway.output();
  for (auto& user : users) EXPECT_TRUE(user->wait_for_disconnect(kTimeout));

  // Every recording is there and holds exactly what its terminal received (kept at stop: COMPATIBILITY).
  for (auto& user : users) {
    const std::string id = unique_id_of(*user);
    ASSERT_EQ(id.size(), 14u) << user->text();
    EXPECT_EQ(pavi::test::read_file(folder.path() / "rec" / ("rec-" + id + ".vdt")), user->received_bytes()) << id;
  }

  // The statistics: the original's PHP serialize format, every session counted once under WS.
  std::string stats;
  for (const auto& entry : fs::directory_iterator(folder.path() / "stats")) {
    const std::string name = entry.path().filename().string();
    ASSERT_TRUE(std::regex_match(name, std::regex(R"(stats-\d{6}\.stats)"))) << name;  // nothing half-written beside
    const std::string text = pavi::test::read_file(entry.path());
    EXPECT_TRUE(std::regex_match(text, std::regex(R"(a:\d+:\{((i:[1-3]\d|s:2:"0[1-9]");a:1:\{s:2:"WS";a:2:\{)"
                                                  R"(s:5:"count";i:\d+;s:8:"duration";i:\d+;\}\})+\})")))
        << text;
    stats += text;
  }
  EXPECT_EQ(sum_of(stats, std::regex(R"(s:5:"count";i:(\d+);)")), kSessions);
  EXPECT_GE(sum_of(stats, std::regex(R"(s:8:"duration";i:(\d+);)")), 10L * kSessions);

  // The logs: whole lines only, one DECO per session, and the stop.
  std::string log;
  std::string events;
  for (const auto& entry : fs::directory_iterator(folder.path() / "logs")) {
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, std::regex(R"(\d{6}\.log)"))) log += pavi::test::read_file(entry.path());
    if (std::regex_match(name, std::regex(R"(\d{6}\.events\.log)"))) events += pavi::test::read_file(entry.path());
  }
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.substr(log.size() - 2), "\r\n");
  const std::regex line(R"(\[\d\d/\d\d/\d{4} \d\d:\d\d:\d\d\] [^\r\n]*)");
  std::size_t decos = 0;
  for (std::size_t at = 0; at < log.size();) {
    const auto end = log.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    const std::string one = log.substr(at, end - at);
    EXPECT_TRUE(std::regex_match(one, line)) << one;
    decos += one.find("] ***DECO*** onStop: UID=") != std::string::npos ? 1 : 0;
    at = end + 2;
  }
  EXPECT_EQ(decos, static_cast<std::size_t>(kSessions));
  EXPECT_NE(log.find("] Démarrage...\r\n"), std::string::npos);
  EXPECT_NE(log.find("] onStop: Arrêt service en cours...\r\n"), std::string::npos);
  EXPECT_NE(log.find("] Arrêt PID="), std::string::npos);
  EXPECT_EQ(events.back(), '\n');
  EXPECT_EQ(static_cast<std::size_t>(std::count(events.begin(), events.end(), '\n')),
            static_cast<std::size_t>(std::count(log.begin(), log.end(), '\n')));
}

}  // namespace
}  // namespace pavi::gateway
