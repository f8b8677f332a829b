// The terminal against the fake WebSocket Minitel server (ws://): banner, ENQROM, keys, server echo on and off,
// recorded upgrade request, disconnection, bad frames, connection errors.
#include <gtest/gtest.h>

#include "simulators/servers/fake_server.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;
using videotex::FunctionKey;

constexpr auto kTimeout = 10s;

// What MiniPavi sends first on a WS connection (gateway-behaviour.md §2.3), then a page.
std::string banner() { return bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6WS" 18 0F 1F 41 41 "BIENVENUE")"); }

TEST(TerminalWebSocket, ReceivesTheBannerAndAnswersEnqrom) {
  FakeWebSocketServer server(ServerScript{}.send(banner()));
  Terminal terminal;
  const auto connected = terminal.connect(server.url("/?url=http://service.example/"));
  ASSERT_TRUE(connected) << connected.error;
  const auto shown = terminal.wait_for_text("BIENVENUE", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_TRUE(find_text(terminal.screen(), "MiniPAVI 1.6WS")) << terminal.text();
  EXPECT_TRUE(server.wait_for_received(bytes("01 43 75 3B 04"), kTimeout)) << server.received();

  const auto record = server.connection(0);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->target, "/?url=http://service.example/");
  EXPECT_EQ(record->header("user-agent"), "PaviKit-Minitel");
  EXPECT_EQ(record->header("Upgrade"), "websocket");
}

TEST(TerminalWebSocket, KeysReachTheServerAndItsRepliesTheScreen) {
  FakeWebSocketServer server(ServerScript{}.send(bytes("0C")).on(bytes("13 41"), bytes(R"(1F 45 41 "ENVOI RECU")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  ASSERT_TRUE(terminal.type("3615 pavi"));
  ASSERT_TRUE(terminal.press(FunctionKey::envoi));
  const auto shown = terminal.wait_for_text("ENVOI RECU", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_EQ(shown.position, (ScreenPosition{5, 1}));
  EXPECT_EQ(server.received(), bytes("\"3615 PAVI\" 13 41"));
}

TEST(TerminalWebSocket, ServerEchoOnShowsTypedText) {
  FakeWebSocketServer server(ServerScript{}.send(bytes("0C")).with_echo().on("ABC", bytes(R"(1F 45 41 "OK")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  ASSERT_TRUE(terminal.type("abc"));
  ASSERT_TRUE(terminal.wait_for_text("OK", kTimeout)) << terminal.text();
  EXPECT_EQ(find_text(terminal.screen(), "ABC"), (ScreenPosition{1, 1})) << terminal.text();
}

TEST(TerminalWebSocket, ServerEchoOffLeavesTheScreenAlone) {
  FakeWebSocketServer server(ServerScript{}.send(bytes("0C")).on("ABC", bytes(R"(1F 45 41 "OK")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  ASSERT_TRUE(terminal.type("abc"));
  ASSERT_TRUE(terminal.wait_for_text("OK", kTimeout)) << terminal.text();
  EXPECT_FALSE(find_text(terminal.screen(), "ABC")) << terminal.text();  // an echo would have come before "OK"
}

TEST(TerminalWebSocket, ServerCloseIsDetected) {
  FakeWebSocketServer server(ServerScript{}.send(bytes(R"(0C "FIN")")).close());
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  const auto result = terminal.wait_for_disconnect(kTimeout);
  ASSERT_TRUE(result) << result.describe();
  EXPECT_TRUE(find_text(terminal.screen(), "FIN"));
  EXPECT_NE(terminal.close_reason().find("closed by peer"), std::string::npos) << terminal.close_reason();
}

TEST(TerminalWebSocket, TerminalHangUpIsSeenByTheServer) {
  FakeWebSocketServer server;
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  terminal.disconnect();
  ASSERT_TRUE(server.wait_for_closed(0, kTimeout));
  EXPECT_TRUE(server.connection(0)->closed_by_peer);
}

TEST(TerminalWebSocket, ServerStopEndsTheSession) {
  auto server = std::make_unique<FakeWebSocketServer>(ServerScript{}.send("UP"));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server->url()));
  ASSERT_TRUE(terminal.wait_for_text("UP", kTimeout));
  server.reset();
  EXPECT_TRUE(terminal.wait_for_disconnect(kTimeout)) << terminal.close_reason();
}

TEST(TerminalWebSocket, EightBitBytesInATextFrameAreAClearProtocolError) {
  FakeWebSocketServer server(ServerScript{}.send(bytes("\"OK\" FF FE 80")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  ASSERT_TRUE(terminal.wait_for_disconnect(kTimeout));
  EXPECT_NE(terminal.close_reason().find("WebSocket protocol error"), std::string::npos) << terminal.close_reason();
}

TEST(TerminalWebSocket, BinaryFramesCarryAnyByte) {
  FakeServerOptions options;
  options.binary_frames = true;
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  FakeWebSocketServer server(ServerScript{}.send(every_byte).send(bytes(R"(18 1B 25 40 1B 2F 3F 0C 0F "SURVIVED")")), options);
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  const auto result = terminal.wait_for_text("SURVIVED", kTimeout);
  EXPECT_TRUE(result) << result.describe();
  EXPECT_EQ(terminal.received_bytes().substr(0, 256), every_byte);
}

TEST(TerminalWebSocket, TerminalCanSendBinaryFrames) {
  FakeWebSocketServer server;
  Terminal terminal;
  ConnectOptions options;
  options.ws_binary_frames = true;
  ASSERT_TRUE(terminal.connect(server.url(), options));
  ASSERT_TRUE(terminal.send_raw(bytes("00 FF 13 41")));
  EXPECT_TRUE(server.wait_for_received(bytes("00 FF 13 41"), kTimeout));
}

TEST(TerminalWebSocket, ConnectionRefusedIsAClearError) {
  std::uint16_t port = 0;
  { port = FakeTelnetServer().port(); }  // a port that was free and is closed again
  Terminal terminal;
  const auto result = terminal.connect("ws://127.0.0.1:" + std::to_string(port) + "/");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("cannot connect"), std::string::npos) << result.error;
  EXPECT_FALSE(terminal.connected());
  EXPECT_EQ(terminal.close_reason(), result.error);
}

TEST(TerminalWebSocket, NotAWebSocketServerIsAClearError) {
  FakeTelnetServer server(ServerScript{}.send("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
  Terminal terminal;
  ConnectOptions options;
  options.timeout = 5s;
  const auto result = terminal.connect("ws://127.0.0.1:" + std::to_string(server.port()) + "/", options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("WebSocket upgrade refused (HTTP 404)"), std::string::npos) << result.error;
}

TEST(TerminalWebSocket, SilentServerTimesOut) {
  FakeTelnetServer server;  // accepts, never answers the upgrade
  Terminal terminal;
  ConnectOptions options;
  options.timeout = 300ms;
  const auto result = terminal.connect("ws://127.0.0.1:" + std::to_string(server.port()) + "/", options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("WebSocket handshake failed"), std::string::npos) << result.error;
}

TEST(TerminalWebSocket, BadUrlIsAClearError) {
  Terminal terminal;
  const auto result = terminal.connect("http://example.org/");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error, "bad URL \"http://example.org/\": unknown scheme \"http\" (ws, wss, telnet or tcp)");
}

}  // namespace
}  // namespace pavi::sim
