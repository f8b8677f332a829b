// The modem bridge relay (gateway-behaviour.md §10.4, ami.md §5) and the gateway's PCE link (§15) on a virtual
// clock.
#include <gtest/gtest.h>

#include "gateway/telephony/pce_link.hpp"
#include "gateway/telephony/phone_relay.hpp"

using namespace pavi::gateway::telephony;
using namespace std::chrono_literals;

namespace {
const RelayTime t0{};
PhoneRelaySettings settings() {
  PhoneRelaySettings s;
  s.maxtime = 600s;
  s.client_ip = "0612345678";
  return s;
}
}  // namespace

TEST(TelephonyRelay, UserBytesGoUnchangedIncludingCr) {
  PhoneRelay relay(settings(), t0);
  EXPECT_EQ(relay.from_terminal("ab\x0d", t0 + 1s).to_server, "ab\x0d");
}

TEST(TelephonyRelay, EndKeysAreForwardedThenEnd) {
  PhoneRelay relay(settings(), t0);
  EXPECT_FALSE(relay.from_terminal("**", t0).ended);
  const auto out = relay.from_terminal("*\x13\x46", t0);
  EXPECT_EQ(out.to_server, "*\x13\x46");
  EXPECT_TRUE(out.ended);
  PhoneRelay other(settings(), t0);
  EXPECT_TRUE(other.from_terminal("\x13\x49", t0).ended);
}

TEST(TelephonyRelay, ServerBytesAreBatched) {
  PhoneRelay relay(settings(), t0);
  EXPECT_EQ(relay.from_server("0123456789", t0).to_terminal, "");
  EXPECT_EQ(relay.next_check(), t0 + 250ms);
  EXPECT_EQ(relay.on_timer(t0 + 250ms).to_terminal, "0123456789");
  EXPECT_EQ(relay.from_server(std::string(25, 'x'), t0 + 1s).to_terminal, std::string(25, 'x'));
}

TEST(TelephonyRelay, GetIpIsAnsweredWithEnvoi) {
  PhoneRelay relay(settings(), t0);
  relay.from_server("#*#GET", t0);
  EXPECT_EQ(relay.from_server("IP*#*", t0).to_server, "#*#0612345678*#*\x13\x41");
}

TEST(TelephonyRelay, WakeUpsThenLittleDataLimit) {
  PhoneRelay relay(settings(), t0);
  EXPECT_EQ(relay.next_check(), t0 + 30s);
  EXPECT_EQ(relay.on_timer(t0 + 30s).to_server, "\x13\x53");
  EXPECT_EQ(relay.on_timer(t0 + 31s).to_server, "");
  EXPECT_EQ(relay.next_check(), t0 + 35s);
  EXPECT_EQ(relay.on_timer(t0 + 35s).to_server, "\x13\x53");
  relay.from_terminal("k", t0 + 50s);
  const auto out = relay.on_timer(t0 + 60s);
  EXPECT_TRUE(out.ended);
  EXPECT_EQ(out.end_reason, "less than 200 bytes after 60 s");
}

TEST(TelephonyRelay, NoInputAndMaxtime) {
  PhoneRelaySettings short_call = settings();
  short_call.maxtime = 100s;
  PhoneRelay relay(short_call, t0);
  relay.from_server(std::string(300, 'p'), t0 + 1s);
  relay.from_terminal("k", t0 + 90s);
  EXPECT_EQ(relay.next_check(), t0 + 100s);
  EXPECT_EQ(relay.on_timer(t0 + 100s).end_reason, "maxtime");
  PhoneRelay idle(settings(), t0);
  idle.from_server(std::string(300, 'p'), t0 + 1s);
  EXPECT_EQ(idle.on_timer(t0 + 180s).end_reason, "no input for 180 s");
}

TEST(TelephonyPce, StartAtOnceThenBlocksAfterAcknowledgement) {
  const PceTime origin{};
  GatewayPce pce(origin);
  pce.start(origin);
  EXPECT_EQ(pce.pull(origin), "\x1b\x3a\x69\x44");
  pce.send("Bonjour Minitel", origin);
  EXPECT_EQ(pce.pull(origin + 10ms), "");  // output suspended until the acknowledgement
  EXPECT_EQ(pce.receive(std::string("\x13\x53\x1b\x3a\x73\x44", 6), origin + 100ms), "\x13\x53");
  EXPECT_TRUE(pce.active());
  std::string line;
  for (auto t = origin + 100ms; t < origin + 400ms; t += 10ms) line += pce.pull(t);
  ASSERT_GE(line.size(), 17u);
  EXPECT_EQ(line.substr(0, 17), std::string("Bonjour Minitel\x5d\x00", 17));  // pce.md §9 example 1
  EXPECT_EQ(pce.retransmissions(), 0u);
}

TEST(TelephonyPce, PacedToTheLine) {
  const PceTime origin{};
  GatewayPce pce(origin);
  pce.start(origin);
  pce.pull(origin);
  pce.receive("\x1b\x3a\x73\x44", origin);
  pce.send(std::string(150, 'a'), origin);
  const std::string burst = pce.pull(origin + 100ms);
  EXPECT_LE(burst.size(), 8u);  // about 50 ms of line ahead at most
  ASSERT_TRUE(pce.next_wakeup());
}

TEST(TelephonyPce, NackRepeatsCount) {
  const PceTime origin{};
  GatewayPce pce(origin);
  pce.start(origin);
  pce.pull(origin);
  pce.receive("\x1b\x3a\x73\x44", origin);
  pce.send(std::string(45, 'a'), origin);
  std::string line;
  auto t = origin;
  for (; t < origin + 1s; t += 10ms) line += pce.pull(t);
  pce.receive("\x15\x40", t);
  for (auto end = t + 1s; t < end; t += 10ms) line += pce.pull(t);
  EXPECT_NE(line.find("\x16\x16\x40"), std::string::npos);
  EXPECT_GE(pce.retransmissions(), 1u);
}

TEST(TelephonyPce, UnansweredStartFails) {
  const PceTime origin{};
  GatewayPce pce(origin);
  pce.start(origin);
  for (auto t = origin; t < origin + 20s && !pce.failed(); t += 100ms) pce.pull(t);
  EXPECT_TRUE(pce.failed());
}
