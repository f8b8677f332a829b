// The bridge relay on a virtual clock (gateway-behaviour.md §10; checklist section M).
#include <gtest/gtest.h>

#include "gateway/session/bridge_relay.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;
using std::chrono::milliseconds;

const SessionTime t0 = SessionTime{} + std::chrono::hours(1);

TEST(BridgeRelay, UserBytesLoseTheirCrAndEchoWhenAsked) {
  BridgeRelay quiet({false, false, "1.2.3.4"}, t0);
  const auto out = quiet.from_terminal("ab\x0d" "c", t0);
  EXPECT_EQ(out.to_server, "abc");
  EXPECT_EQ(out.to_terminal, "");
  BridgeRelay echoing({false, true, ""}, t0);
  EXPECT_EQ(echoing.from_terminal("xy", t0).to_terminal, "xy");
  EXPECT_EQ(BridgeRelay::case_command(true), bytes("1B 3A 69 45"));
  EXPECT_EQ(BridgeRelay::case_command(false), bytes("1B 3A 6A 45"));
}

TEST(BridgeRelay, WebSocketHoldsALoneSep) {
  BridgeRelay relay({true, false, ""}, t0);
  EXPECT_EQ(relay.from_terminal("\x13", t0).to_server, "");
  EXPECT_EQ(relay.from_terminal("\x41", t0).to_server, bytes("13 41"));
}

TEST(BridgeRelay, EndKeysAreForwardedThenEndTheBridgeEvenAcrossChunks) {
  BridgeRelay relay({false, false, ""}, t0);
  EXPECT_FALSE(relay.from_terminal("**", t0).ended);
  const auto out = relay.from_terminal(bytes(R"("*" 13 46)"), t0);
  EXPECT_EQ(out.to_server, bytes(R"("*" 13 46)"));
  EXPECT_TRUE(out.ended);
  BridgeRelay fin({false, false, ""}, t0);
  EXPECT_TRUE(fin.from_terminal(bytes("13 49"), t0).ended);
}

TEST(BridgeRelay, ServerBytesAreBatchedOnTelnetAndPassedAtOnceOnWebSocket) {
  BridgeRelay telnet({false, false, ""}, t0);
  EXPECT_EQ(telnet.from_server("short", t0).to_terminal, "");
  EXPECT_EQ(telnet.next_check(), t0 + milliseconds(250));
  EXPECT_EQ(telnet.on_timer(t0 + milliseconds(250)).to_terminal, "short");
  EXPECT_EQ(telnet.from_server(std::string(30, 'x'), t0).to_terminal, std::string(30, 'x'));
  BridgeRelay ws({true, false, ""}, t0);
  EXPECT_EQ(ws.from_server("short", t0).to_terminal, "short");
}

TEST(BridgeRelay, GetIpIsAnsweredEvenWhenSplit) {
  BridgeRelay relay({false, false, "10.1.2.3"}, t0);
  EXPECT_EQ(relay.from_server("xx#*#GET", t0).to_server, "");
  EXPECT_EQ(relay.from_server("IP*#*", t0).to_server, "#*#10.1.2.3*#*");
}

TEST(BridgeRelay, StopConditions) {
  BridgeRelay silent({false, false, ""}, t0);
  EXPECT_EQ(silent.next_check(), t0 + std::chrono::seconds(30));
  const auto out = silent.on_timer(t0 + std::chrono::seconds(30));
  EXPECT_TRUE(out.ended);
  EXPECT_EQ(out.end_reason, "less than 200 bytes after 30 s");

  BridgeRelay idle({true, false, ""}, t0);
  idle.from_server(std::string(300, 'x'), t0);
  EXPECT_FALSE(idle.on_timer(t0 + std::chrono::seconds(179)).ended);
  EXPECT_EQ(idle.on_timer(t0 + std::chrono::seconds(180)).end_reason, "no input for 180 s");

  BridgeRelay long_one({true, false, ""}, t0);
  long_one.from_server(std::string(300, 'x'), t0);
  for (int minute = 1; minute < 60; ++minute) long_one.from_terminal("k", t0 + std::chrono::minutes(minute));
  EXPECT_EQ(long_one.on_timer(t0 + std::chrono::seconds(3600)).end_reason, "3600 s");
  EXPECT_TRUE(long_one.from_terminal("k", t0 + std::chrono::seconds(3601)).to_server.empty());
}

TEST(BridgeRelay, AMirrorDropsTheViewersKeysBatchesAndHasNoTimeLimit) {  // gateway-behaviour.md §11, C-128
  BridgeSettings settings;
  settings.mirror = true;
  settings.echo = true;  // never echoed: the viewer's keys go nowhere
  BridgeRelay mirror(settings, t0);
  const auto typed = mirror.from_terminal("hello", t0);
  EXPECT_EQ(typed.to_server, "");
  EXPECT_EQ(typed.to_terminal, "");
  EXPECT_FALSE(typed.ended);
  EXPECT_EQ(mirror.from_server("short page", t0).to_terminal, "");  // held: under 25 bytes
  EXPECT_EQ(mirror.next_check(), t0 + milliseconds(250));
  EXPECT_EQ(mirror.on_timer(t0 + milliseconds(250)).to_terminal, "short page");
  EXPECT_EQ(mirror.from_server("#*#GETIP*#* and more than 25 bytes", t0).to_server, "");  // no GETIP answer
  EXPECT_EQ(mirror.next_check(), SessionTime::max());  // no 30 s, 180 s or 3600 s rule
  EXPECT_FALSE(mirror.on_timer(t0 + std::chrono::hours(5)).ended);
  const auto end = mirror.from_terminal(bytes(R"("***" 13 46)"), t0 + std::chrono::hours(5));
  EXPECT_TRUE(end.ended);
  EXPECT_EQ(end.to_server, "");
  BridgeRelay fin(settings, t0);
  EXPECT_TRUE(fin.from_terminal(bytes("13 49"), t0).ended);
}

TEST(BridgeRelay, TheCaptureKeyIsKeptFromTheServerEvenAcrossChunks) {  // gateway-behaviour.md §13
  BridgeSettings settings;
  settings.capture_key = 'P';
  BridgeRelay relay(settings, t0);
  const auto first = relay.from_terminal("ab\x0dp", t0);
  EXPECT_EQ(first.to_server, "ab");
  EXPECT_EQ(first.captures, 1);
  EXPECT_EQ(relay.from_terminal("\x0d", t0).to_server, "");
  const auto second = relay.from_terminal("Pq\x0dz", t0);
  EXPECT_EQ(second.captures, 1);
  EXPECT_EQ(second.to_server, "qz");  // another key after CR goes on, without the CR
  BridgeRelay no_capture({false, false, ""}, t0);
  const auto plain = no_capture.from_terminal("\x0dP", t0);
  EXPECT_EQ(plain.to_server, "P");
  EXPECT_EQ(plain.captures, 0);
}

}  // namespace
}  // namespace pavi::gateway
