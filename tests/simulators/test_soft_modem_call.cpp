// SoftModemCall against a minimal astport stand-in (the end-to-end tests use the real gateway): the header goes
// out once the answer tone and gap are played, bytes cross the simulated line both ways to a simulated Minitel,
// each side's hang-up reaches the other after what it wrote, an unreachable gateway ends the call, and the
// pacing options are honoured. Real-time timeouts only bound how long the CPU may take; nothing is timed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "simulators/asterisk/soft_modem_call.hpp"
#include "simulators/asterisk/soft_modem_header.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/simulators/astport_listener.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;
using videotex::FunctionKey;

constexpr auto kTimeout = 30s;
const std::string kHeader = "CALLFROM 0612345678\nSTARTURL \nPCE 0\n";

SoftModemCallOptions inbound_to(std::uint16_t port) {
  SoftModemCallOptions options;
  options.port = port;
  options.header = kHeader;
  options.description = "test dial-in";
  return options;
}

TEST(SoftModemCall, HeaderGoesOutAfterTheAnswerToneThenBytesCrossBothWays) {
  test::AstportListener gateway;
  SoftModemCall call(inbound_to(gateway.port()));
  Terminal minitel;
  minitel.attach(call.far_end());
  ASSERT_TRUE(gateway.wait_for_received(kHeader, kTimeout));
  EXPECT_EQ(gateway.received(), kHeader);  // nothing before it, nothing else yet
  const SoftModemCallStatus at_header = call.status();
  EXPECT_TRUE(at_header.tcp_connected);
  EXPECT_TRUE(at_header.header_sent);
  EXPECT_GE(at_header.line.seconds, 3.0);  // 3 s of 2100 Hz and the 75 ms gap came first (v23-modem.md §8)

  const std::string page = bytes("0C 1F 41 41 \"PAR TELEPHONE\"");
  gateway.send(page);  // may arrive before the Minitel's carrier: the soft modem holds it
  ASSERT_TRUE(minitel.wait_for_text("PAR TELEPHONE", kTimeout));
  EXPECT_EQ(minitel.received_bytes(), page);
  ASSERT_TRUE(minitel.type("123"));
  ASSERT_TRUE(minitel.press(FunctionKey::envoi));
  ASSERT_TRUE(gateway.wait_for_received(bytes("\"123\" 13 41"), kTimeout)) << gateway.received();
  EXPECT_EQ(gateway.received(), kHeader + bytes("\"123\" 13 41"));
  EXPECT_TRUE(call.status().line.connected);
  EXPECT_FALSE(call.status().ended);
  call.hang_up();
  ASSERT_TRUE(call.wait_ended(kTimeout));
  const SoftModemCallStatus status = call.status();
  EXPECT_EQ(status.from_gateway, page.size());
  EXPECT_EQ(status.to_gateway, 5u);
  EXPECT_GT(status.ahead_line_seconds, 3.0);  // the set-up and the page ran ahead of real time
  EXPECT_EQ(status.end_reason, "hung up");
  ASSERT_TRUE(gateway.wait_for_eof(kTimeout));
}

TEST(SoftModemCall, GatewayHangingUpReachesTheMinitelAfterItsLastBytes) {
  test::AstportListener gateway;
  SoftModemCall call(inbound_to(gateway.port()));
  Terminal minitel;
  minitel.attach(call.far_end());
  ASSERT_TRUE(gateway.wait_for_received(kHeader, kTimeout));
  const std::string page = bytes("0C \"AU REVOIR\" 0A 0D \"et merci\"");
  gateway.send(page);
  gateway.close();
  ASSERT_TRUE(minitel.wait_for_disconnect(kTimeout));
  EXPECT_EQ(minitel.received_bytes(), page);  // every byte was played before the end of the call
  EXPECT_NE(minitel.close_reason().find("gateway hung up"), std::string::npos) << minitel.close_reason();
  ASSERT_TRUE(call.wait_ended(kTimeout));
  EXPECT_EQ(call.status().end_reason, "gateway hung up");
}

TEST(SoftModemCall, MinitelHangingUpClosesTheSocketAfterItsKeys) {
  test::AstportListener gateway;
  SoftModemCall call(inbound_to(gateway.port()));
  Terminal minitel;
  minitel.attach(call.far_end());
  ASSERT_TRUE(call.wait_connected(kTimeout));
  ASSERT_TRUE(minitel.type("AB"));
  minitel.disconnect();
  ASSERT_TRUE(gateway.wait_for_eof(kTimeout));
  EXPECT_EQ(gateway.received(), kHeader + "AB");
  ASSERT_TRUE(call.wait_ended(kTimeout));
  EXPECT_EQ(call.status().end_reason, "far end hung up");
}

TEST(SoftModemCall, UnreachableGatewayEndsTheCall) {
  std::uint16_t port = 0;
  {
    test::AstportListener gone;  // a port that was free a moment ago and is closed now
    port = gone.port();
  }
  SoftModemCall call(inbound_to(port));
  Terminal minitel;
  minitel.attach(call.far_end());
  ASSERT_TRUE(call.wait_ended(kTimeout));
  EXPECT_NE(call.status().end_reason.find("cannot connect"), std::string::npos) << call.status().end_reason;
  EXPECT_FALSE(call.status().tcp_connected);
  ASSERT_TRUE(minitel.wait_for_disconnect(kTimeout));
  EXPECT_NE(minitel.close_reason().find("unreachable"), std::string::npos) << minitel.close_reason();
}

// run_ahead = false: line time only ever follows real time (here 25 × real time, to keep the test short). The same
// bytes arrive; nothing ran ahead.
TEST(SoftModemCall, PacedCallNeverRunsAheadAndCarriesTheSameBytes) {
  test::AstportListener gateway;
  SoftModemCallOptions options = inbound_to(gateway.port());
  options.run_ahead = false;
  options.idle_speed = 25.0;
  SoftModemCall call(options);
  Terminal minitel;
  minitel.attach(call.far_end());
  ASSERT_TRUE(gateway.wait_for_received(kHeader, kTimeout));
  const std::string page = bytes("0C \"LENTEMENT\"");
  gateway.send(page);
  ASSERT_TRUE(minitel.wait_for_received(page, kTimeout));
  EXPECT_EQ(call.status().ahead_line_seconds, 0.0);
  EXPECT_GT(call.status().line.seconds, 3.0);
}

TEST(SoftModemHeader, InboundAndOutboundLinesAreExactAndBounded) {
  // The example of v23-modem.md §7.2, byte for byte.
  EXPECT_EQ(inbound_header("0612345678", "", true),
            bytes("43 41 4C 4C 46 52 4F 4D 20 30 36 31 32 33 34 35 36 37 38 0A 53 54 41 52 54 55 52 4C 20 0A 50 43 "
                  "45 20 31 0A"));
  EXPECT_EQ(inbound_header("33", "http://example.org/svc", false), "CALLFROM 33\nSTARTURL http://example.org/svc\nPCE 0\n");
  EXPECT_EQ(outbound_header("0358435150", "sockets/skminipavi-4242-17000000005555.sock"),
            "CALLTO 0358435150\nPID sockets/skminipavi-4242-17000000005555.sock\n\n");
  // A caller id longer than 20 characters would split line 1 at the gateway (§7.3): cut; line breaks removed.
  EXPECT_EQ(inbound_header(std::string(30, '9'), "a\nb", false), "CALLFROM " + std::string(20, '9') + "\nSTARTURL ab\nPCE 0\n");
}

}  // namespace
}  // namespace pavi::sim
