// astport on real sockets (gateway-behaviour.md §2.1, v23-modem.md §7): a soft modem's incoming call becomes an
// AST session; bad headers (garbage, truncated, no LF, huge) are closed cleanly and leave no session behind.
#include <gtest/gtest.h>

#include "gateway/service_protocol/reply_builder.hpp"
#include "modem/pce_receiver.hpp"
#include "tests/gateway/test_server_asterisk_support.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::ModemSocket;
using test::ScriptedService;

constexpr auto kTimeout = 15s;

ScriptedService::Answer home_service() {
  return [](const ServiceCall& call) {
    service::ServiceReply reply;
    reply.content = call.request.fctn == "CNX" ? bytes(R"(0C "HOME PAGE")") : bytes(R"("KEY")");
    return body(service::reply_body(reply));
  };
}

struct Gateway {
  explicit Gateway(ScriptedService& service)
      : server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::asterisk, 0}})) {
    started = server.start().empty();
  }
  std::uint16_t port() const { return server.port(ConnectionKind::asterisk); }
  bool drained(std::chrono::milliseconds timeout) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (server.live_connections() != 0) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }
  GatewayServer server;
  bool started = false;
};

TEST(ServerAsteriskAstport, IncomingCallStartsAnAstSession) {  // C-095, C-014, C-015, C-099
  ScriptedService service(home_service());
  Gateway gateway(service);
  ASSERT_TRUE(gateway.started);
  ModemSocket modem(gateway.port());
  ASSERT_TRUE(modem.connected());
  ASSERT_TRUE(modem.send("CALLFROM 0612345678\nSTARTURL http://127.0.0.1:1/start\nPCE 0\n"));
  ASSERT_TRUE(modem.wait_for("HOME PAGE", kTimeout)) << modem.received();
  EXPECT_NE(modem.received().find(bytes(R"(1B 3A 64 51 1B 3A 64 50 1B 3A 64 52 1B 3A 64 53)")), std::string::npos);
  EXPECT_NE(modem.received().find("RTC"), std::string::npos);
  const auto calls = service.calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front().request.fctn, "CNX");
  EXPECT_EQ(calls.front().request.typesocket, "AST");
  EXPECT_EQ(calls.front().request.remote_addr, "0612345678");
  EXPECT_EQ(calls.front().url, "http://127.0.0.1:1/start");
  // The LF after "PCE 0" is not a user byte: the first key is the first thing the session reads.
  ASSERT_TRUE(modem.send(bytes("13 41")));
  EXPECT_TRUE(service.wait_for_fctn("ENVOI", kTimeout));
  modem.close();
  EXPECT_TRUE(service.wait_for_fctn("FIN", kTimeout));
  EXPECT_TRUE(gateway.drained(kTimeout));
}

TEST(ServerAsteriskAstport, PceCallSendsStartAtOnce) {  // §15
  ScriptedService service(home_service());
  Gateway gateway(service);
  ASSERT_TRUE(gateway.started);
  ModemSocket modem(gateway.port());
  ASSERT_TRUE(modem.send("CALLFROM 0612345678\nSTARTURL \nPCE 1\n"));
  ASSERT_TRUE(modem.wait_for(bytes("1B 3A 69 44"), kTimeout));
  ASSERT_TRUE(modem.send(bytes("13 53 1B 3A 73 44")));  // the Minitel's connection notice, then its acknowledgement
  // The banner and page come in PCE blocks (with CRC bytes every 15 characters): a PCE receiver decodes them.
  modem.wait_for("\x01none", 300ms);  // a repeated START may still be on its way
  const auto start = bytes("1B 3A 69 44");
  std::size_t fed = modem.received().rfind(start) + start.size();
  modem::pce::ReceiverConfig receiver_config;
  receiver_config.input = modem::pce::CharForm::seven_bit;
  modem::pce::Receiver receiver(receiver_config);
  const auto origin = std::chrono::steady_clock::now();
  const auto sim_now = [origin] {
    return modem::SimTime{std::chrono::duration_cast<modem::SimDuration>(std::chrono::steady_clock::now() - origin)};
  };
  receiver.activate(sim_now());
  std::string page;
  for (int round = 0; round < 150 && page.find("HOME PAGE") == std::string::npos; ++round) {
    modem.wait_for("\x01none", 100ms);
    for (; fed < modem.received().size(); ++fed) receiver.receive(static_cast<std::uint8_t>(modem.received()[fed]), sim_now());
    page += receiver.take_data();
  }
  EXPECT_NE(page.find("HOME PAGE"), std::string::npos) << page;
  EXPECT_NE(page.find("PCE"), std::string::npos);  // the banner's label (C-099)
}

TEST(ServerAsteriskAstport, BadHeadersAreClosedAndLeaveNoSession) {
  ScriptedService service(home_service());
  Gateway gateway(service);
  ASSERT_TRUE(gateway.started);
  const std::vector<std::string> cases = {
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n",                   // garbage
      std::string("\x00\xff\x13\x53", 4),                    // binary
      "CALLFROM " + std::string(100000, '9'),                 // huge, no LF
      "CALLTO 0358\nPID sockets/nobody-waits.sock\n\n",      // a modem leg for no call
      "CALLFROM 0612",                                        // truncated, no LF: ends at the 6 s wait
      "",                                                     // nothing at all
  };
  for (const auto& header : cases) {
    ModemSocket modem(gateway.port());
    ASSERT_TRUE(modem.connected());
    if (!header.empty()) modem.send(header);
    EXPECT_TRUE(modem.wait_for_eof(kTimeout)) << header.substr(0, 40);
    EXPECT_EQ(modem.received().find("HOME"), std::string::npos);
  }
  EXPECT_TRUE(gateway.drained(kTimeout));
  EXPECT_EQ(gateway.server.live_sessions(), 0u);
  EXPECT_TRUE(service.calls().empty());  // no session began, so no CNX
}

}  // namespace
}  // namespace pavi::gateway
