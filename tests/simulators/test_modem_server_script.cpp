// The simulated third-party V.23 server behind the soft modem's outgoing calls, with a minimal astport stand-in
// as the gateway: the modem leg opens with CALLTO / PID, the server's scripted page crosses the line, the user's
// keys reach the server at 75 bit/s, and the server hanging up ends the call (the gateway reads end of file).
// The fake AMI's hooks choose who answers. Real-time timeouts only bound the CPU; nothing is timed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "simulators/asterisk/modem_server.hpp"
#include "simulators/asterisk/soft_modem.hpp"
#include "tests/simulators/astport_listener.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;

constexpr auto kTimeout = 30s;
const std::string kNumber = "0358435150";
const std::string kPid = "sockets/skminipavi-4242-17000000005555.sock";
const std::string kPage = bytes("0C 1F 41 41 \"SERVEUR PAR MODEM\" 0A 0D \"Votre choix ?\"");

SoftModemOptions to(std::uint16_t port) {
  SoftModemOptions options;
  options.astport = port;
  return options;
}

TEST(ModemServerScript, OutgoingCallReachesTheServerAndItsHangUpEndsTheCall) {
  test::AstportListener gateway;
  SoftModem asterisk(to(gateway.port()));
  auto server = std::make_shared<ModemServer>(ServerScript{}.send(kPage).expect("2").send("MERCI").close());
  asterisk.add_server(kNumber, server);
  const auto call = asterisk.dial_out({kNumber, kPid, -35, -18});
  ASSERT_NE(call, nullptr);
  const std::string header = "CALLTO " + kNumber + "\nPID " + kPid + "\n\n";
  ASSERT_TRUE(gateway.wait_for_received(header + kPage, kTimeout)) << gateway.received();
  EXPECT_EQ(gateway.received(), header + kPage);  // the header first, then the server's page, unchanged
  ASSERT_TRUE(server->wait_for_calls(1, kTimeout));
  EXPECT_EQ(server->call(0)->peer, "phone:" + kNumber);

  gateway.send("2");  // the user's key, relayed by the gateway
  ASSERT_TRUE(server->wait_for_received("2", kTimeout));
  ASSERT_TRUE(gateway.wait_for_eof(kTimeout));  // the server hung up: the soft modem closed its socket
  EXPECT_EQ(gateway.received(), header + kPage + "MERCI");
  ASSERT_TRUE(call->wait_ended(kTimeout));
  EXPECT_EQ(call->status().end_reason, "far end hung up");
  EXPECT_FALSE(call->status().line.pce_active);
}

TEST(ModemServerScript, GatewayClosingTheLegHangsUpOnTheServer) {
  test::AstportListener gateway;
  SoftModem asterisk(to(gateway.port()));
  auto server = std::make_shared<ModemServer>(ServerScript{}.send(kPage));
  asterisk.add_server(kNumber, server);
  const auto call = asterisk.dial_out({kNumber, kPid, -35, -18});
  ASSERT_TRUE(gateway.wait_for_received(kPage, kTimeout));
  gateway.send("BYE");
  gateway.close();
  ASSERT_TRUE(server->wait_for_closed(0, kTimeout));
  EXPECT_EQ(server->received(0), "BYE");  // what the gateway wrote before closing still reached the server
  EXPECT_TRUE(server->call(0)->closed_by_peer);
  EXPECT_EQ(call->status().end_reason, "gateway hung up");
}

TEST(ModemServerScript, UnknownNumberIsBusyAndIsNeverDialled) {
  test::AstportListener gateway;
  SoftModem asterisk(to(gateway.port()));
  asterisk.add_server(kNumber, std::make_shared<ModemServer>());
  EXPECT_EQ(asterisk.dial_out({"0100000000", kPid, -35, -18}), nullptr);

  OriginateRequest known;
  known.variables = {{"CALLED", kNumber}, {"PID", kPid}, {"RX", "-30"}, {"TX", "-20"}};
  OriginateRequest unknown;
  unknown.variables = {{"CALLED", "0100000000"}, {"PID", kPid}};
  const auto decide = asterisk.ami_originate_hook();
  EXPECT_EQ(decide(known).outcome, OriginateOutcome::answered);
  EXPECT_EQ(decide(unknown).outcome, OriginateOutcome::busy);
  EXPECT_TRUE(asterisk.outbound_calls().empty());
}

// What the fake AMI hands over for an answered Originate is enough to open the leg: number, PID, RX and TX.
TEST(ModemServerScript, AnsweredOriginateOpensTheModemLeg) {
  test::AstportListener gateway;
  SoftModem asterisk(to(gateway.port()));
  auto server = std::make_shared<ModemServer>(ServerScript{}.send("HELLO"));
  asterisk.add_server(kNumber, server);
  AnsweredCall answered;
  answered.request.variables = {{"CALLED", kNumber}, {"PID", kPid}, {"RX", "-35"}, {"TX", "-28"}};
  answered.channel_name = "PJSIP/ovh1-0000002a";
  asterisk.ami_answered_hook()(answered);
  ASSERT_TRUE(asterisk.wait_for_outbound_calls(1, kTimeout));
  ASSERT_TRUE(gateway.wait_for_received("HELLO", kTimeout));
  EXPECT_EQ(gateway.received(), answered.modem_leg_header() + "HELLO");
}

}  // namespace
}  // namespace pavi::sim
