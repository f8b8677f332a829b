// The terminal against the fake telnet Minitel server: telnet:// filters IAC negotiation, tcp:// is raw.
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

std::string telnet_url(const FakeServer& server) { return "telnet://127.0.0.1:" + std::to_string(server.port()); }

TEST(TerminalTelnet, BannerAndEnqromOverRawTcp) {
  // gateway-behaviour.md §2.3: TELN banner has no SO.
  FakeTelnetServer server(ServerScript{}.send(bytes(R"(1B 39 7B 0C 1F 40 41 "MiniPAVI 1.6TELN" 18 0A "ACCUEIL")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  const auto shown = terminal.wait_for_text("ACCUEIL", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_TRUE(server.wait_for_received(bytes("01 43 75 3B 04"), kTimeout));
  EXPECT_EQ(server.received(), bytes("01 43 75 3B 04"));
}

TEST(TerminalTelnet, NegotiationIsFilteredAndRefused) {
  FakeTelnetServer server(ServerScript{}.send(bytes(R"(FF FD 18 FF FB 01 "HEL" FF FA 18 01 FF F0 "LO" FF F1)")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  ASSERT_TRUE(terminal.wait_for_text("HELLO", kTimeout)) << terminal.text();
  EXPECT_EQ(terminal.received_bytes(), "HELLO");
  EXPECT_TRUE(server.wait_for_received(bytes("FF FC 18 FF FE 01"), kTimeout)) << server.received();
}

TEST(TerminalTelnet, TcpSchemeKeepsEveryByte) {
  FakeTelnetServer server(ServerScript{}.send(bytes(R"(FF FB 01 "RAW")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect("tcp://127.0.0.1:" + std::to_string(server.port())));
  ASSERT_TRUE(terminal.wait_for_received("RAW", kTimeout));
  EXPECT_EQ(terminal.received_bytes(), bytes(R"(FF FB 01 "RAW")"));
}

TEST(TerminalTelnet, KeysAndServerEcho) {
  FakeTelnetServer server(ServerScript{}.send(bytes("0C")).with_echo().on(bytes("13 41"), bytes(R"(1F 45 41 "OK")")));
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  ASSERT_TRUE(terminal.type("Hé"));
  ASSERT_TRUE(terminal.press(FunctionKey::envoi));
  const auto shown = terminal.wait_for_text("OK", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_EQ(server.received(), bytes("\"H\" 19 42 65 13 41"));
  EXPECT_TRUE(find_text(terminal.screen(), "Hé")) << terminal.text();  // the server's echo, decoded from G2
}

TEST(TerminalTelnet, ServerCloseMidSequence) {
  FakeTelnetServer server(ServerScript{}.send(bytes(R"(0C "AVANT" 1F 41)")).close());
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  ASSERT_TRUE(terminal.wait_for_disconnect(kTimeout));
  EXPECT_EQ(terminal.close_reason(), "closed by peer");
  EXPECT_TRUE(find_text(terminal.screen(), "AVANT"));
}

TEST(TerminalTelnet, TerminalHangUp) {
  FakeTelnetServer server;
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(telnet_url(server)));
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  terminal.disconnect();
  EXPECT_TRUE(server.wait_for_closed(0, kTimeout));
  EXPECT_EQ(server.connection(0)->close_reason, "closed by peer");
}

}  // namespace
}  // namespace pavi::sim
