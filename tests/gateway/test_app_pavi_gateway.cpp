// `pavi-gateway` as operators run it: a child process started by the test on 127.0.0.1 with a MiniPavi XML
// config, a fake service over real HTTP, a simulated Minitel over telnet and ws, and a SIGTERM that makes
// every session send its FIN. Also the quick start's refusal of a broken config (exit 2, one clear line).
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "simulators/fake_service/fake_service.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/gateway_process.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using sim::FakeReply;
using sim::FakeService;
using sim::RecordedRequest;

constexpr auto kTimeout = 10s;

using test::free_port;

using pavi::test::GatewayProcess;

std::optional<FakeReply> home(const RecordedRequest& request) {
  service::ServiceReply reply;
  if (request.fctn() == "CNX") reply.content = "\x0c" "ACCUEIL " + request.request->typesocket;
  if (request.fctn() == "ENVOI") reply.content = "\x0c" "SUITE";
  return FakeReply::json(reply);
}

bool connect_with_retry(sim::Terminal& terminal, const std::string& url) {
  for (int attempt = 0; attempt < 100; ++attempt) {  // the child needs a moment to listen
    if (terminal.connect(url)) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

TEST(PaviGatewayProcess, ServesAMiniPaviConfigAndStopsGracefully) {
  FakeService service;
  service.set_handler(home);
  const int telnet = free_port();
  const int ws = free_port();
  const auto config = std::filesystem::temp_directory_path() / ("pavikit-config-" + std::to_string(::getpid()) + ".xml");
  std::ofstream(config) << "<config><general><host>127.0.0.1</host><durl>" << service.url("/index.php")
                        << "</durl><maxc>10</maxc><wsport>" << ws << "</wsport><telnport>" << telnet
                        << "</telnport></general></config>";
  GatewayProcess gateway({"--cfgfile", config.string()});

  sim::Terminal over_ws;
  ASSERT_TRUE(connect_with_retry(over_ws, "ws://127.0.0.1:" + std::to_string(ws) + "/")) << gateway.output();
  ASSERT_TRUE(over_ws.wait_for_text("ACCUEIL WS", kTimeout)) << over_ws.text();
  sim::Terminal over_telnet;
  ASSERT_TRUE(over_telnet.connect("telnet://127.0.0.1:" + std::to_string(telnet)));
  ASSERT_TRUE(over_telnet.wait_for_text("ACCUEIL TELN", kTimeout)) << over_telnet.text();
  over_telnet.press(videotex::FunctionKey::envoi);
  ASSERT_TRUE(over_telnet.wait_for_text("SUITE", kTimeout));

  const auto cnx = service.requests().front();
  EXPECT_NE(cnx.header("User-Agent").find("MiniPAVI"), std::string::npos);  // C-002
  EXPECT_EQ(cnx.method, "POST");
  EXPECT_EQ(cnx.path, "/index.php");

  gateway.signal(SIGTERM);
  EXPECT_EQ(gateway.wait(kTimeout), 0) << gateway.output();
  EXPECT_TRUE(over_ws.wait_for_disconnect(kTimeout));
  EXPECT_TRUE(over_telnet.wait_for_disconnect(kTimeout));
  std::size_t fins = 0;
  for (const auto& request : service.requests()) fins += request.fctn() == "FIN" ? 1 : 0;
  EXPECT_EQ(fins, 2u);
  const std::string out = gateway.output();
  EXPECT_NE(out.find("Démarrage MiniPavi 1.6 (PaviKit "), std::string::npos) << out;
  EXPECT_NE(out.find("Port TCP standard: " + std::to_string(telnet)), std::string::npos);
  std::filesystem::remove(config);
}

TEST(PaviGatewayProcess, BrokenConfigIsOneLineAndExitTwo) {
  GatewayProcess missing({"--cfgfile", "/nonexistent/minipavi.xml"});
  EXPECT_EQ(missing.wait(kTimeout), 2);
  const std::string out = missing.output();
  EXPECT_NE(out.find("/nonexistent/minipavi.xml"), std::string::npos) << out;
  EXPECT_EQ(out.find("Démarrage"), std::string::npos);  // nothing was started

  GatewayProcess bad_maxc({"--host", "127.0.0.1", "--maxc", "0", "--telnport", std::to_string(free_port())});
  EXPECT_EQ(bad_maxc.wait(kTimeout), 2);
  EXPECT_NE(bad_maxc.output().find("general/maxc"), std::string::npos) << bad_maxc.output();
}

TEST(PaviGatewayProcess, BusyPortIsReportedAndNothingRuns) {
  const int port = free_port();
  GatewayProcess first({"--host", "127.0.0.1", "--maxc", "5", "--telnport", std::to_string(port)});
  sim::Terminal terminal;
  ASSERT_TRUE(connect_with_retry(terminal, "tcp://127.0.0.1:" + std::to_string(port)));
  GatewayProcess second({"--host", "127.0.0.1", "--maxc", "5", "--telnport", std::to_string(port)});
  EXPECT_EQ(second.wait(kTimeout), 2);
  EXPECT_NE(second.output().find("telnport " + std::to_string(port) + ": Address already in use"), std::string::npos)
      << second.output();
  first.signal(SIGINT);
  EXPECT_EQ(first.wait(kTimeout), 0);
}

}  // namespace
}  // namespace pavi::gateway
