// End to end, dial-out (gateway-behaviour.md §10.4, ami.md §3): a service sends connectToExt; the real gateway
// (GatewayServer on 127.0.0.1) logs in to the fake AMI and originates the call; the fake soft modem, told by the
// fake AMI's hooks, dials the simulated V.23 server and opens the modem leg on the gateway's astport with CALLTO /
// PID; the user, on a telnet Minitel, talks to the server across the simulated line; the server hangs up, and the
// user is back on the service with DIRECTCALLENDED while the gateway hangs the channel up through the AMI.
// Real-time timeouts only bound how long the run may take; nothing is timed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "gateway/server/gateway_server.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/asterisk/fake_ami.hpp"
#include "simulators/asterisk/modem_server.hpp"
#include "simulators/asterisk/soft_modem.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using gateway::test::ScriptedService;
using test::bytes;
using videotex::FunctionKey;

constexpr auto kTimeout = 60s;
const std::string kNumber = "0358435150";
const std::string kKey = "cle-appels";

// CNX: a home page. Envoi: connectToExt to `number` (the reply's content waits for the end of the call). Any
// other request: its fctn on row 0, so that the test sees how the call ended.
ScriptedService::Answer calling_service(std::string number) {
  return [number](const gateway::ServiceCall& call) {
    service::ServiceReply reply;
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "HOME")");
    } else if (call.request.fctn == "ENVOI") {
      reply.content = bytes(R"(0C "APRES L'APPEL")");
      reply.command = {{"name", "connectToExt"},
                       {"param", {{"number", number}, {"key", kKey}, {"RX", -35}, {"TX", -18}}}};
    } else {
      reply.content = bytes(R"(1F 40 41 "RESULT )") + call.request.fctn;
    }
    return gateway::test::body(service::reply_body(reply));
  };
}

gateway::GatewayConfig config_with_asterisk(std::uint16_t ami_port) {
  gateway::GatewayConfig config = gateway::test::test_config();
  config.keys = {kKey};
  gateway::AsteriskConfig asterisk;
  asterisk.sipchannel = "PJSIP/ovh1/sip:%NUM%@sbc6.fr.sip.ovh";
  asterisk.ip = "127.0.0.1";
  asterisk.port = std::to_string(ami_port);
  asterisk.user = "minipavi";
  asterisk.pwd = "secret";
  asterisk.context = "extcall";
  asterisk.ext = "999";
  asterisk.maxtime = "600";
  asterisk.calltimeout = "7000";
  config.asterisk = asterisk;
  return config;
}

struct Telephony {
  explicit Telephony(ScriptedService::Answer answer, ServerScript server_script)
      : asterisk(SoftModemOptions{}),
        modem_server(std::make_shared<ModemServer>(std::move(server_script))),
        ami(ami_options(asterisk)),
        service(std::move(answer)),
        gateway(config_with_asterisk(ami.port()), service.caller(),
                gateway::test::local_options({{gateway::ConnectionKind::telnet, 0}, {gateway::ConnectionKind::asterisk, 0}})) {
    asterisk.add_server(kNumber, modem_server);
    problems = gateway.start();
    asterisk.set_gateway("127.0.0.1", gateway.port(gateway::ConnectionKind::asterisk));
  }

  static FakeAmiOptions ami_options(SoftModem& asterisk) {
    FakeAmiOptions options;
    options.on_originate = asterisk.ami_originate_hook();
    options.on_answered = asterisk.ami_answered_hook();
    return options;
  }

  std::string telnet_url() const {
    return "telnet://127.0.0.1:" + std::to_string(gateway.port(gateway::ConnectionKind::telnet));
  }

  SoftModem asterisk;
  std::shared_ptr<ModemServer> modem_server;
  FakeAmi ami;
  ScriptedService service;
  gateway::GatewayServer gateway;
  std::vector<std::string> problems;
};

TEST(TelephonyDialOut, UserTalksToAModemServerAndComesBackWithDirectCallEnded) {
  const std::string page = bytes(R"(0C 1F 41 41 "SERVEUR V23 PAR TELEPHONE" 1F 43 41 "Tapez 1 puis Envoi")");
  const std::string goodbye = bytes(R"(1F 45 41 "MERCI, AU REVOIR")");
  Telephony phone(calling_service(kNumber), ServerScript{}.send(page).expect(bytes(R"("1" 13 41)")).send(goodbye).close());
  ASSERT_TRUE(phone.problems.empty()) << phone.problems.front();
  Terminal minitel;
  ASSERT_TRUE(minitel.connect(phone.telnet_url()));
  ASSERT_TRUE(minitel.wait_for_text("HOME", kTimeout));
  ASSERT_TRUE(minitel.press(FunctionKey::envoi));

  // The fake AMI got MiniPavi's Originate (ami.md §3.5), and the soft modem's leg carried the same PID.
  ASSERT_TRUE(phone.ami.wait_for_originates(1, kTimeout));
  const OriginateRequest originate = phone.ami.originates().front();
  EXPECT_EQ(originate.number(), kNumber);
  EXPECT_EQ(originate.channel, "PJSIP/ovh1/sip:" + kNumber + "@sbc6.fr.sip.ovh");
  EXPECT_EQ(originate.variable("RX"), "-35");
  EXPECT_EQ(originate.variable("TX"), "-18");
  ASSERT_FALSE(originate.pid().empty());

  const WaitResult server_page = minitel.wait_for_text("SERVEUR V23 PAR TELEPHONE", kTimeout);
  ASSERT_TRUE(server_page) << server_page.describe();
  ASSERT_TRUE(minitel.wait_for_text("Tapez 1 puis Envoi", kTimeout));
  ASSERT_TRUE(phone.modem_server->wait_for_calls(1, kTimeout));
  EXPECT_EQ(phone.modem_server->call(0)->peer, "phone:" + kNumber);

  ASSERT_TRUE(minitel.type("1"));
  ASSERT_TRUE(minitel.press(FunctionKey::envoi));
  ASSERT_TRUE(phone.modem_server->wait_for_received(bytes(R"("1" 13 41)"), kTimeout)) << phone.modem_server->received(0);
  // The goodbye and the service's next page may come in one read, so the goodbye is looked for in the bytes: the
  // screen may already show the service again.
  ASSERT_TRUE(minitel.wait_for_received(goodbye, kTimeout)) << minitel.text();

  // The server hung up: the call's end brings the user back to the service, and the channel is hung up.
  const WaitResult back = minitel.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
  EXPECT_TRUE(minitel.wait_for_text("APRES L'APPEL", kTimeout));
  ASSERT_TRUE(phone.ami.wait_for_hangups(1, kTimeout)) << phone.ami.transcript();
  const auto answered = phone.ami.answered_calls();
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(phone.ami.hangups().front(), answered.front().channel_name);
  ASSERT_TRUE(phone.asterisk.wait_for_outbound_calls(1, kTimeout));
  const auto leg = phone.asterisk.outbound_calls().front();
  ASSERT_TRUE(leg->wait_ended(kTimeout));
  EXPECT_EQ(leg->status().end_reason, "far end hung up");
  EXPECT_EQ(leg->status().to_gateway, page.size() + goodbye.size());  // the page and the goodbye, nothing lost or added
  EXPECT_TRUE(phone.modem_server->wait_for_closed(0, kTimeout));
}

// A number nobody answers: the fake AMI reports the Originate failed, and the user gets DIRECTCALLFAILED.
TEST(TelephonyDialOut, BusyNumberIsDirectCallFailed) {
  Telephony phone(calling_service("0100000000"), ServerScript{});
  ASSERT_TRUE(phone.problems.empty()) << phone.problems.front();
  Terminal minitel;
  ASSERT_TRUE(minitel.connect(phone.telnet_url()));
  ASSERT_TRUE(minitel.wait_for_text("HOME", kTimeout));
  ASSERT_TRUE(minitel.press(FunctionKey::envoi));
  const WaitResult back = minitel.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
  EXPECT_EQ(phone.ami.originates().size(), 1u);
  EXPECT_TRUE(phone.asterisk.outbound_calls().empty());
  EXPECT_EQ(phone.modem_server->call_count(), 0u);
}

}  // namespace
}  // namespace pavi::sim
