// The gateway over ws:// and wss:// (checklist sections A and K): start URLs, banners, pings answered by the
// terminal, a TLS listener with a throwaway certificate, bad upgrades.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/net/test_certificates.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::ScriptedService;
using videotex::FunctionKey;

constexpr auto kTimeout = 10s;

ServiceResult page(const ServiceCall& call) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C 1F 41 41 "PAGE ")") + call.request.fctn;
  return body(service::reply_body(reply));
}

TEST(ServerWebSocket, StartUrlFromTheQueryAndTheWsBanner) {  // C-097, §2.2
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  const std::string base = "ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws));
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect(base + "/?url=http%3A%2F%2F127.0.0.1%3A1%2Fsvc%3Fa%3D1"));
  const auto shown = terminal.wait_for_text("PAGE CNX", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_EQ(terminal.received_bytes().substr(0, 8), bytes("1B 39 7B 0C 0E 1F 40 41"));
  EXPECT_NE(terminal.received_bytes().find("MiniPAVI 1.6WS "), std::string::npos);
  const auto calls = service.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].url, "http://127.0.0.1:1/svc?a=1");
  EXPECT_EQ(calls[0].request.typesocket, "WS");
  terminal.press(FunctionKey::sommaire);
  ASSERT_TRUE(terminal.wait_for_text("PAGE SOMMAIRE", kTimeout)) << terminal.text();
}

TEST(ServerWebSocket, BadStartUrlGivesErr02AndClose) {  // C-083
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/?url=notaurl"));
  ASSERT_TRUE(terminal.wait_for_disconnect(kTimeout));
  EXPECT_NE(terminal.text().find("ERR #02"), std::string::npos) << terminal.text();
  EXPECT_TRUE(service.calls().empty());
}

TEST(ServerWebSocket, NotAnUpgradeIsClosedAndOthersGoOn) {
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  const std::string port = std::to_string(server.port(ConnectionKind::ws));
  sim::Terminal raw;
  ASSERT_TRUE(raw.connect("tcp://127.0.0.1:" + port));
  raw.send_raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.wait_for_disconnect(kTimeout));
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("ws://127.0.0.1:" + port + "/"));
  ASSERT_TRUE(terminal.wait_for_text("PAGE CNX", kTimeout));
}

TEST(ServerWebSocket, SecureListenerWithACertificate) {
  const auto certificates = sim::make_test_certificates({"localhost", "127.0.0.1"});
  const auto dir = std::filesystem::temp_directory_path() / ("pavikit-wss-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << certificates.server_certificate_pem;
  std::ofstream(dir / "key.pem") << certificates.server_key_pem;
  GatewayConfig config = test::test_config();
  config.ssl = (dir / "cert.pem").string();
  config.sslkey = (dir / "key.pem").string();
  ScriptedService service(page);
  GatewayServer server(config, service.caller(), test::local_options({{ConnectionKind::wss, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  sim::ConnectOptions options;
  options.ca_pem = certificates.ca_certificate_pem;
  options.system_trust = false;
  const auto connected =
      terminal.connect("wss://127.0.0.1:" + std::to_string(server.port(ConnectionKind::wss)) + "/", options);
  ASSERT_TRUE(connected) << connected.error;
  ASSERT_TRUE(terminal.wait_for_text("PAGE CNX", kTimeout)) << terminal.text();
  EXPECT_NE(terminal.received_bytes().find("MiniPAVI 1.6WSS "), std::string::npos);
  EXPECT_EQ(service.calls().at(0).request.typesocket, "WSS");
  std::string error;
  EXPECT_TRUE(server.reload_tls(error)) << error;  // SIGHUP
  std::filesystem::remove_all(dir);
}

TEST(ServerWebSocket, MissingCertificateIsAStartError) {
  GatewayConfig config = test::test_config();
  config.ssl = "/nonexistent/cert.pem";
  config.sslkey = "/nonexistent/key.pem";
  ScriptedService service(page);
  GatewayServer server(config, service.caller(), test::local_options({{ConnectionKind::wss, 0}}));
  const auto problems = server.start();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("ssl /nonexistent/cert.pem: ", 0), 0u) << problems[0];
  EXPECT_EQ(server.port(ConnectionKind::wss), 0);
}

}  // namespace
}  // namespace pavi::gateway
