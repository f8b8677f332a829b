// The gateway over real telnet sockets, driven by the simulated Minitel (checklist sections A, B, K).
#include <gtest/gtest.h>

#include "gateway/service_protocol/reply_builder.hpp"
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

ServiceResult home_page(const ServiceCall& call) {
  service::ServiceReply reply;
  if (call.request.fctn == "CNX") {
    reply.content = bytes(R"(0C 1F 41 41 "ACCUEIL")");
    reply.echo = "on";
    reply.command = service::command_to_json(service::InputTxt{5, 10, 6, "", ".", "", true, 128});
  } else if (call.request.fctn == "ENVOI") {
    reply.content = bytes(R"(0C 1F 41 41 "RECU ")") + (call.request.content.empty() ? "" : call.request.content[0]);
  }
  return body(service::reply_body(reply));
}

std::string telnet_url(const GatewayServer& server) {
  return "telnet://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet));
}

TEST(ServerTelnet, BannerHomePageKeysAndFin) {  // C-012, C-014, C-098
  ScriptedService service(home_page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  const auto home = terminal.wait_for_text("ACCUEIL", kTimeout);
  ASSERT_TRUE(home) << home.describe();
  EXPECT_NE(terminal.received_bytes().find("MiniPAVI 1.6TELN "), std::string::npos);
  EXPECT_EQ(terminal.received_bytes().substr(0, 7), bytes("1B 39 7B 0C 1F 40 41"));

  terminal.type("bonjour");
  terminal.press(FunctionKey::envoi);
  const auto page = terminal.wait_for_text("RECU BONJOU", kTimeout);  // l = 6
  ASSERT_TRUE(page) << page.describe();
  ASSERT_TRUE(service.wait_for_fctn("ENVOI", kTimeout));
  const auto calls = service.calls();
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[0].request.fctn, "CNX");
  EXPECT_EQ(calls[0].request.typesocket, "TELN");
  EXPECT_EQ(calls[0].request.remote_addr, "127.0.0.1");
  EXPECT_EQ(calls[0].request.unique_id.size(), 14u);
  EXPECT_EQ(calls[1].request.versionminitel, "Cu;");  // the terminal answered ENQROM as a Minitel 1B (C-017)
  EXPECT_EQ(calls[1].request.content, std::vector<std::string>{"BONJOU"});
  EXPECT_EQ(server.live_sessions(), 1u);

  terminal.disconnect();
  EXPECT_TRUE(service.wait_for_fctn("FIN", kTimeout));
}

TEST(ServerTelnet, TelnetNegotiationIsNeverTyped) {
  ScriptedService service(home_page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("tcp://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(terminal.wait_for_text("ACCUEIL", kTimeout));
  terminal.send_raw(bytes(R"(FF FB 18 "AB" FF FA 18 01 FF F0 "C")"));
  terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(terminal.wait_for_text("RECU ABC", kTimeout)) << terminal.text();
}

TEST(ServerTelnet, WelcomeServiceWhenNoDurl) {
  ScriptedService service(home_page);
  GatewayConfig config = test::test_config();
  config.durl = "internal:";
  ServerOptions options = test::local_options({{ConnectionKind::telnet, 0}});
  options.directory.entries.push_back({"DEMO", "http://127.0.0.1:1/demo", "Demo"});
  GatewayServer server(config, service.caller(), options);
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  ASSERT_TRUE(terminal.wait_for_text("Code du service", kTimeout)) << terminal.text();
  EXPECT_TRUE(service.calls().empty());
  terminal.type("demo");
  terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(service.wait_for_fctn("DIRECTCNX", kTimeout));
  EXPECT_EQ(service.calls().front().url, "http://127.0.0.1:1/demo");
}

TEST(ServerTelnet, BadRepliesAndGarbageClientsHurtNobodyElse) {  // C-078
  ScriptedService service([](const ServiceCall& call) {
    if (!call.request.content.empty() && call.request.content[0] == "BAD") return body("<html>Fatal error</html>");
    return home_page(call);
  });
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal victim;
  ASSERT_TRUE(victim.connect(telnet_url(server)));
  ASSERT_TRUE(victim.wait_for_text("ACCUEIL", kTimeout));
  victim.type("bad");
  victim.press(FunctionKey::envoi);
  const auto error_page = victim.wait_for_text("ERR #03", kTimeout);
  ASSERT_TRUE(error_page) << error_page.describe();
  EXPECT_TRUE(victim.connected());  // the session survives a malformed reply

  sim::Terminal garbage;
  ASSERT_TRUE(garbage.connect("tcp://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet))));
  garbage.send_raw(std::string(5000, '\x13') + bytes("FF FF FF 00 1B"));
  sim::Terminal good;
  ASSERT_TRUE(good.connect(telnet_url(server)));
  ASSERT_TRUE(good.wait_for_text("ACCUEIL", kTimeout));
  good.type("ok");
  good.press(FunctionKey::envoi);
  ASSERT_TRUE(good.wait_for_text("RECU OK", kTimeout)) << good.text();
}

}  // namespace
}  // namespace pavi::gateway
