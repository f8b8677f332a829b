// connectToExt on real sockets (gateway-behaviour.md §10.4, ami.md §3 and §7): a user's session calls through the
// fake AMI, the modem leg comes back on astport with CALLTO + PID and is relayed both ways; every AMI failure
// mode (busy, no answer, AMI closed mid-call, bad credentials) gives DIRECTCALLFAILED within its timeout.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>

#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/asterisk/fake_ami.hpp"
#include "simulators/terminal/terminal.hpp"
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
using videotex::FunctionKey;

constexpr auto kTimeout = 20s;

// CNX: the home page; Envoi: connectToExt to 0358435150; the result request shows its fctn.
ScriptedService::Answer calling_service(std::string key = "secret") {
  return [key](const ServiceCall& call) {
    service::ServiceReply reply;
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "HOME")");
    } else if (call.request.fctn == "ENVOI") {
      reply.content = bytes(R"(0C "AFTER CALL")");
      reply.command = {{"name", "connectToExt"},
                       {"param", {{"number", "0358435150"}, {"key", key}, {"RX", -35}, {"TX", -28}}}};
    } else {
      reply.content = bytes(R"(1F 40 41 "RESULT )") + call.request.fctn;
    }
    return body(service::reply_body(reply));
  };
}

GatewayConfig config_for(const sim::FakeAmi& ami) {
  GatewayConfig config = test::test_config();
  config.keys = {"secret"};
  AsteriskConfig asterisk;
  asterisk.sipchannel = "PJSIP/ovh1/sip:%NUM%@sbc6.fr.sip.ovh";
  asterisk.ip = "127.0.0.1";
  asterisk.port = std::to_string(ami.port());
  asterisk.user = "minipavi";
  asterisk.pwd = "secret";
  asterisk.context = "extcall";
  asterisk.ext = "999";
  asterisk.maxtime = "600";
  asterisk.calltimeout = "500";
  config.asterisk = asterisk;
  return config;
}

struct Call {
  explicit Call(sim::FakeAmiOptions options, std::string key = "secret")
      : ami(std::move(options)),
        service(calling_service(std::move(key))),
        server(config_for(ami), service.caller(),
               test::local_options({{ConnectionKind::ws, 0}, {ConnectionKind::asterisk, 0}})) {
    started = server.start().empty();
    if (started) {
      connected = terminal.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/") &&
                  terminal.wait_for_text("HOME", kTimeout);
    }
  }
  sim::FakeAmi ami;
  ScriptedService service;
  GatewayServer server;
  sim::Terminal terminal;
  bool started = false;
  bool connected = false;
};

sim::FakeAmiOptions scripted(sim::OriginateOutcome outcome) {
  sim::FakeAmiOptions options;
  options.login_failure_delay = 100ms;
  options.on_originate = [outcome](const sim::OriginateRequest&) {
    sim::OriginateScript script;
    script.outcome = outcome;
    script.ring_time = 100ms;
    return script;
  };
  return options;
}

TEST(ServerConnectToExt, AnsweredCallIsRelayedThroughTheModemLeg) {
  auto answered = std::make_shared<std::pair<std::mutex, std::vector<sim::AnsweredCall>>>();
  sim::FakeAmiOptions options;
  options.on_answered = [answered](const sim::AnsweredCall& call) {
    std::lock_guard lock(answered->first);
    answered->second.push_back(call);
  };
  Call call(options);
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(call.ami.wait_for_originates(1, kTimeout));
  const sim::OriginateRequest originate = call.ami.originates().front();
  EXPECT_EQ(originate.channel, "PJSIP/ovh1/sip:0358435150@sbc6.fr.sip.ovh");
  EXPECT_EQ(originate.context, "extcall");
  EXPECT_EQ(originate.exten, "999");
  EXPECT_EQ(originate.timeout_ms, 500);  // read by Asterisk (the original's "Timeout :" was not)
  EXPECT_EQ(originate.number(), "0358435150");
  EXPECT_EQ(originate.variable("RX"), "-35");
  EXPECT_EQ(originate.variable("TX"), "-28");
  EXPECT_EQ(originate.pid().rfind("sockets/skminipavi-", 0), 0u) << originate.pid();
  // The soft modem on the answered channel opens the modem leg on astport.
  sim::AnsweredCall answer;
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(answered->first);
      if (!answered->second.empty()) {
        answer = answered->second.front();
        break;
      }
    }
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_EQ(answer.request.pid(), originate.pid());
  ModemSocket leg(call.server.port(ConnectionKind::asterisk));
  ASSERT_TRUE(leg.send(answer.modem_leg_header()));
  ASSERT_TRUE(leg.send(bytes(R"(0C 1F 41 41 "REMOTE SERVER PAGE")")));
  const auto page = call.terminal.wait_for_text("REMOTE SERVER PAGE", kTimeout);
  ASSERT_TRUE(page) << page.describe();
  call.terminal.send_raw("abc\x0d");
  EXPECT_TRUE(leg.wait_for("abc\x0d", kTimeout)) << leg.received();  // 0D is kept on the modem bridge
  call.terminal.send_raw(bytes(R"("***" 13 46)"));  // *** + Sommaire: forwarded, then the call ends
  EXPECT_TRUE(leg.wait_for(bytes(R"("***" 13 46)"), kTimeout));
  EXPECT_TRUE(leg.wait_for_eof(kTimeout));
  const auto back = call.terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
  EXPECT_TRUE(call.terminal.wait_for_text("AFTER CALL", kTimeout));
  ASSERT_TRUE(call.ami.wait_for_hangups(1, kTimeout));  // ami.md §3.12: a second AMI session hangs up
  EXPECT_EQ(call.ami.hangups().front(), answer.channel_name);
  EXPECT_TRUE(call.ami.wait_for_no_open_connections(kTimeout));
}

// Envoi starts the call; the modem leg opens, says BYE and hangs up; the user is back with DIRECTCALLENDED.
void server_says_bye_and_hangs_up(Call& call) {
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(call.ami.wait_for_originates(1, kTimeout));
  ModemSocket leg(call.server.port(ConnectionKind::asterisk));
  ASSERT_TRUE(leg.send("CALLTO 0358435150\nPID " + call.ami.originates().front().pid() + "\n\nBYE"));
  ASSERT_TRUE(call.terminal.wait_for_text("BYE", kTimeout));
  leg.close();
  const auto back = call.terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
}

TEST(ServerConnectToExt, ServerHangingUpEndsTheCall) {
  Call call(sim::FakeAmiOptions{});
  server_says_bye_and_hangs_up(call);
}

// The call is over before Asterisk's Newchannel names its channel (here it comes 500 ms late): the gateway waits
// for the name and still hangs the channel up, rather than leave the line to Asterisk's own timeouts.
TEST(ServerConnectToExt, CallEndedBeforeTheChannelIsNamedIsStillHungUp) {
  sim::FakeAmiOptions options;
  options.on_originate = [](const sim::OriginateRequest&) {
    sim::OriginateScript script;
    script.newchannel_delay = 500ms;
    return script;
  };
  Call call(options);
  ASSERT_NO_FATAL_FAILURE(server_says_bye_and_hangs_up(call));
  EXPECT_TRUE(call.ami.hangups().empty());  // not named yet
  ASSERT_TRUE(call.ami.wait_for_hangups(1, kTimeout));
  const auto answered = call.ami.answered_calls();
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(call.ami.hangups().front(), answered.front().channel_name);
  EXPECT_TRUE(call.ami.wait_for_no_open_connections(kTimeout));
}

class ServerConnectToExtFailure : public ::testing::TestWithParam<sim::OriginateOutcome> {};

TEST_P(ServerConnectToExtFailure, GivesDirectCallFailed) {
  Call call(scripted(GetParam()));
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  const auto failed = call.terminal.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout);
  ASSERT_TRUE(failed) << sim::outcome_name(GetParam()) << ": " << failed.describe();
  EXPECT_TRUE(call.terminal.wait_for_text("AFTER CALL", kTimeout));
  EXPECT_TRUE(call.ami.wait_for_no_open_connections(kTimeout));
  // The session goes on: another key reaches the service.
  call.terminal.press(FunctionKey::suite);
  EXPECT_TRUE(call.service.wait_for_fctn("SUITE", kTimeout));
}

INSTANTIATE_TEST_SUITE_P(Outcomes, ServerConnectToExtFailure,
                         ::testing::Values(sim::OriginateOutcome::busy, sim::OriginateOutcome::no_answer,
                                           sim::OriginateOutcome::closed_mid_call));

TEST(ServerConnectToExt, BadCredentialsGiveDirectCallFailed) {
  sim::FakeAmiOptions options = scripted(sim::OriginateOutcome::answered);
  options.secret = "another";
  Call call(options);
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  const auto failed = call.terminal.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout);
  ASSERT_TRUE(failed) << failed.describe();
  EXPECT_EQ(call.ami.failed_login_count(), 1u);
  EXPECT_TRUE(call.ami.originates().empty());
}

TEST(ServerConnectToExt, UnreachableAmiGivesDirectCallFailed) {
  Call call(sim::FakeAmiOptions{});
  ASSERT_TRUE(call.connected);
  call.ami.stop();  // nothing listens any more
  call.terminal.press(FunctionKey::envoi);
  const auto failed = call.terminal.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout);
  ASSERT_TRUE(failed) << failed.describe();
}

TEST(ServerConnectToExt, AmiClosedAfterTheAnswerStillTakesTheLeg) {  // the original loops forever here (§7.2)
  Call call(scripted(sim::OriginateOutcome::closed_after_answer));
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(call.ami.wait_for_originates(1, kTimeout));
  ASSERT_TRUE(call.ami.wait_for_no_open_connections(kTimeout));
  ModemSocket leg(call.server.port(ConnectionKind::asterisk));
  ASSERT_TRUE(leg.send("CALLTO 0358435150\nPID " + call.ami.originates().front().pid() + "\n\nSTILL HERE"));
  ASSERT_TRUE(call.terminal.wait_for_text("STILL HERE", kTimeout));
  call.terminal.send_raw(bytes("13 49"));  // Connexion/Fin ends the call
  const auto back = call.terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(back) << back.describe();
  EXPECT_TRUE(call.ami.hangups().empty());  // no channel name: the modem leg's close ended it
}

TEST(ServerConnectToExt, WrongKeyIsRefusedWithoutCalling) {  // C-076's refusal rule, no same-host exemption
  Call call(sim::FakeAmiOptions{}, "wrong");
  ASSERT_TRUE(call.connected);
  call.terminal.press(FunctionKey::envoi);
  ASSERT_TRUE(call.terminal.wait_for_text("RESULT DIRECTCALLENDED", kTimeout));
  EXPECT_EQ(call.ami.connection_count(), 0u);
}

}  // namespace
}  // namespace pavi::gateway
