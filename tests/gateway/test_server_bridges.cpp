// Bridges over real sockets: connectToTln and connectToWs from a gateway session to the fake third-party
// servers, both ways, end keys, the reply's content after the bridge, and servers that are not there
// (gateway-behaviour.md §10, checklist section M).
#include <gtest/gtest.h>

#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/servers/fake_server.hpp"
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

// The home page bridges on Envoi to the address in `bridge` (a connectToTln or connectToWs command).
ScriptedService::Answer bridging_service(service::Json bridge) {
  return [bridge](const ServiceCall& call) {
    service::ServiceReply reply;
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "HOME")");
    } else if (call.request.fctn == "ENVOI") {
      reply.content = bytes(R"(0C "AFTER BRIDGE")");
      reply.command = bridge;
    } else {
      reply.content = bytes(R"(1F 40 41 "RESULT )") + call.request.fctn;
    }
    return body(service::reply_body(reply));
  };
}

GatewayConfig config_with_key() {
  GatewayConfig config = test::test_config();
  config.keys = {"secret"};
  return config;
}

TEST(ServerBridges, TelnetBridgeBothWaysThenBackToTheService) {
  sim::FakeTelnetServer minitel_server(sim::ServerScript{}.send("WELCOME TO THE BBS").with_echo());
  const service::Json bridge = {{"name", "connectToTln"},
                                {"param", {{"host", "127.0.0.1:" + std::to_string(minitel_server.port())},
                                           {"key", "secret"}, {"echo", "off"}, {"startseq", "\\x13\\x41go"}}}};
  ScriptedService service(bridging_service(bridge));
  GatewayServer server(config_with_key(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/"));
  ASSERT_TRUE(terminal.wait_for_text("HOME", kTimeout));
  terminal.press(FunctionKey::envoi);
  const auto bbs = terminal.wait_for_text("WELCOME TO THE BBS", kTimeout);
  ASSERT_TRUE(bbs) << bbs.describe();
  EXPECT_TRUE(minitel_server.wait_for_received(bytes(R"(13 41 "go")"), kTimeout)) << minitel_server.received();
  terminal.type("hello");
  ASSERT_TRUE(terminal.wait_for_text("HELLO", kTimeout)) << terminal.text();  // the server's echo, relayed
  terminal.send_raw(bytes(R"("***" 13 46)"));  // *** + Sommaire ends the bridge
  const auto back = terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
  EXPECT_TRUE(terminal.wait_for_text("AFTER BRIDGE", kTimeout));
  EXPECT_TRUE(minitel_server.wait_for_received(bytes(R"("***" 13 46)"), kTimeout));  // forwarded before closing
  EXPECT_TRUE(minitel_server.wait_for_closed(0, kTimeout));
}

TEST(ServerBridges, WebSocketBridgeAndTheServerHangingUp) {
  sim::FakeWebSocketServer minitel_server(sim::ServerScript{}.send("WS SERVER").on("BYE", "SEE YOU", true));
  const service::Json bridge = {{"name", "connectToWs"},
                                {"param", {{"host", "127.0.0.1:" + std::to_string(minitel_server.port())},
                                           {"key", ""}, {"path", "/minitel"}, {"echo", "off"}}}};
  ScriptedService service(bridging_service(bridge));  // the service is on 127.0.0.1 too: no key needed (C-074)
  GatewayConfig config = test::test_config();
  config.durl = "http://127.0.0.1:1/home";
  GatewayServer server(config, service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("telnet://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(terminal.wait_for_text("HOME", kTimeout));
  terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(terminal.wait_for_text("WS SERVER", kTimeout)) << terminal.text();
  const auto record = minitel_server.connection(0);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->target, "/minitel");
  EXPECT_EQ(record->header("User-Agent"), "MiniPavi");  // gateway-behaviour.md §10.1
  EXPECT_EQ(record->header("Origin"), "127.0.0.1");
  terminal.type("bye");
  ASSERT_TRUE(terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << terminal.text();
  EXPECT_NE(terminal.received_bytes().find("SEE YOU"), std::string::npos);
}

TEST(ServerBridges, NobodyListeningIsDirectCallFailedAndAWrongKeyIsEnded) {
  const service::Json nowhere = {{"name", "connectToTln"}, {"param", {{"host", "127.0.0.1:1"}, {"key", "secret"}}}};
  ScriptedService service(bridging_service(nowhere));
  GatewayServer server(config_with_key(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal terminal;
  ASSERT_TRUE(terminal.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/"));
  ASSERT_TRUE(terminal.wait_for_text("HOME", kTimeout));
  terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(terminal.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout)) << terminal.text();

  const service::Json elsewhere = {{"name", "connectToTln"},
                                   {"param", {{"host", "other.example:23"}, {"key", "wrong"}}}};
  ScriptedService refusing(bridging_service(elsewhere));
  GatewayServer second(config_with_key(), refusing.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(second.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("ws://127.0.0.1:" + std::to_string(second.port(ConnectionKind::ws)) + "/"));
  ASSERT_TRUE(user.wait_for_text("HOME", kTimeout));
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << user.text();
}

}  // namespace
}  // namespace pavi::gateway
