// AMI framing, the actions of an outgoing call, and the AMI call state machine on a virtual clock: each failure
// mode of ami.md §7.2 gives its outcome within its deadline (none loops forever).
#include <gtest/gtest.h>

#include "gateway/telephony/ami_actions.hpp"
#include "gateway/telephony/ami_call.hpp"

using namespace pavi::gateway;
using namespace pavi::gateway::telephony;
using namespace std::chrono_literals;

namespace {

AsteriskConfig config() {
  AsteriskConfig c;
  c.sipchannel = "PJSIP/ovh1/sip:%NUM%@sbc6.fr.sip.ovh";
  c.ip = "127.0.0.1";
  c.port = "5038";
  c.user = "minipavi";
  c.pwd = "SECRET";
  c.context = "extcall";
  c.ext = "999";
  c.maxtime = "600";
  c.calltimeout = "7000";
  return c;
}

CallRequest request() {
  CallRequest r;
  r.number = "0358435150";
  r.rx = -35;
  r.tx = -28;
  r.pid = "sockets/skminipavi-22346-17953545365266.sock";
  r.action_id = "179535453653427";
  return r;
}

AmiMessage parse_one(const std::string& text) {
  AmiReader reader;
  reader.feed("greeting\r\n" + text);
  auto message = reader.next();
  return message.value_or(AmiMessage{});
}

const AmiTime t0{};

struct Driven {
  AmiCall call{config(), request(), t0};
  std::string sent;
  AmiStep feed(const std::string& bytes, AmiTime at) {
    AmiStep step = call.on_data(bytes, at);
    sent += step.send;
    return step;
  }
  void log_in() {
    call.on_connected(t0);
    feed("Asterisk Call Manager/13.0.0\r\n", t0);
    feed("Response: Success\r\nActionID: 179535453653427-login\r\nMessage: Authentication accepted\r\n\r\n", t0);
  }
};

}  // namespace

TEST(TelephonyAmi, ReaderFramesAndMatchesNamesLikeAsterisk) {
  AmiReader reader;
  reader.feed("Asterisk Call Manager/2.9.0\r\nResponse: Suc");
  EXPECT_EQ(reader.greeting(), "Asterisk Call Manager/2.9.0");
  EXPECT_FALSE(reader.next());
  reader.feed("cess\r\nmessage:   hi\r\nTimeout : 7000\r\n\r\nEvent: X\n\n");
  auto first = reader.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get("response"), "Success");
  EXPECT_EQ(first->get("Message"), "hi");
  EXPECT_FALSE(first->get("Timeout"));  // the colon must follow the name at once
  EXPECT_TRUE(reader.next()->has("event", "x"));
}

TEST(TelephonyAmi, ReaderRefusesEndlessMessages) {
  AmiReader reader;
  reader.feed("g\r\n");
  for (int i = 0; i < 5000 && !reader.overflowed(); ++i) reader.feed("Key: " + std::string(40, 'v') + "\r\n");
  EXPECT_TRUE(reader.overflowed());
}

TEST(TelephonyAmi, OriginateHasTheOriginalOrderWithReadableTimeout) {
  const std::string text = originate_action(config(), request()).serialize();
  EXPECT_EQ(text,
            "Action: Originate\r\nActionID: 179535453653427\r\n"
            "Channel: PJSIP/ovh1/sip:0358435150@sbc6.fr.sip.ovh\r\nExten: 999\r\nTimeout: 7000\r\n"
            "Codecs: alaw,ulaw\r\nCallerId: MiniPavi\r\nContext: extcall\r\nPriority: 1\r\n"
            "Variable: CALLED=0358435150\r\nVariable: PID=sockets/skminipavi-22346-17953545365266.sock\r\n"
            "Variable: RX=-35\r\nVariable: TX=-28\r\n\r\n");
  EXPECT_EQ(parse_one(text).get("Timeout"), "7000");  // Asterisk reads it (the original's "Timeout :" it did not)
}

TEST(TelephonyAmi, LoginAndHelpers) {
  EXPECT_EQ(login_action(config(), "a").serialize(),
            "Action: Login\r\nActionID: a\r\nEvents: on\r\nUsername: minipavi\r\nSecret: SECRET\r\n\r\n");
  EXPECT_EQ(dial_string("SIP/%NUM%/%NUM%", "12"), "SIP/12/12");
  EXPECT_EQ(channel_prefix("PJSIP/ovh1/sip:1@h"), "PJSIP/ovh1");
  EXPECT_TRUE(dialable_number("+33358435150"));
  EXPECT_FALSE(dialable_number("0358\r\nAction: Hangup"));
  EXPECT_FALSE(dialable_number("1,PID=x"));
  EXPECT_FALSE(dialable_number(""));
  EXPECT_EQ(checked_level(0, kDefaultRx), -35);
  EXPECT_EQ(checked_level(-90, kDefaultRx), -63);
  EXPECT_EQ(checked_level(5, kDefaultTx), 0);
  AsteriskConfig bad = config();
  bad.calltimeout = "x";
  bad.maxtime = "-1";
  EXPECT_EQ(call_timeout(bad), 30000ms);
  EXPECT_EQ(max_time(bad), 600s);
  EXPECT_EQ(rendezvous_id(42, 1700000000, 7), "sockets/skminipavi-42-17000000000007.sock");
}

TEST(TelephonyAmi, AnsweredCallNamesItsChannelAndLogsOff) {
  Driven d;
  d.log_in();
  EXPECT_NE(d.sent.find("Action: Originate"), std::string::npos);
  EXPECT_EQ(d.call.deadline(), t0 + 7000ms + 5000ms);
  // A foreign event before the response is skipped (ami.md §4.2 FullyBooted risk).
  EXPECT_FALSE(d.feed("Event: FullyBooted\r\nPrivilege: system,all\r\n\r\n", t0 + 1s).failed);
  auto step = d.feed("Response: Success\r\nActionID: 179535453653427\r\nMessage: Originate successfully queued\r\n\r\n",
                     t0 + 2s);
  EXPECT_TRUE(step.answered);
  EXPECT_FALSE(d.feed("Event: Newchannel\r\nChannel: PJSIP/other-00000001\r\n\r\n", t0 + 2s).channel);
  step = d.feed("Event: Newchannel\r\nChannel: PJSIP/ovh1-0000002a\r\n\r\n", t0 + 2s);
  EXPECT_EQ(step.channel, "PJSIP/ovh1-0000002a");
  EXPECT_TRUE(step.close);
  EXPECT_NE(step.send.find("Action: Logoff"), std::string::npos);
  EXPECT_EQ(d.call.deadline(), AmiTime::max());
}

TEST(TelephonyAmi, EachFailureModeHasItsOutcome) {
  {  // connection refused
    AmiCall call(config(), request(), t0);
    EXPECT_EQ(call.on_connect_failed(t0).failed, AmiFailure::connect_failed);
  }
  {  // bad credentials
    Driven d;
    d.call.on_connected(t0);
    d.feed("Asterisk Call Manager/13.0.0\r\n", t0);
    auto step = d.feed("Response: Error\r\nActionID: 179535453653427-login\r\nMessage: Authentication failed\r\n\r\n", t0);
    EXPECT_EQ(step.failed, AmiFailure::login_refused);
    EXPECT_TRUE(step.close);
  }
  {  // busy / no answer
    Driven d;
    d.log_in();
    auto step = d.feed("Response: Error\r\nActionID: 179535453653427\r\nMessage: Originate failed\r\n\r\n", t0 + 7s);
    EXPECT_EQ(step.failed, AmiFailure::originate_failed);
  }
  {  // AMI closed mid-call
    Driven d;
    d.log_in();
    EXPECT_EQ(d.call.on_closed(t0 + 1s).failed, AmiFailure::connection_lost);
  }
  {  // silent AMI: the deadline ends it
    Driven d;
    d.log_in();
    EXPECT_FALSE(d.call.on_timer(t0 + 11s).failed);
    EXPECT_EQ(d.call.on_timer(d.call.deadline()).failed, AmiFailure::timed_out);
  }
  {  // nothing at all after connecting
    AmiCall call(config(), request(), t0);
    call.on_connected(t0);
    EXPECT_EQ(call.on_timer(call.deadline()).failed, AmiFailure::timed_out);
  }
}

TEST(TelephonyAmi, ClosedAfterAnswerIsNotAFailure) {  // the original loops forever here
  Driven d;
  d.log_in();
  EXPECT_TRUE(d.feed("Response: Success\r\nActionID: 179535453653427\r\n\r\n", t0).answered);
  const auto step = d.call.on_closed(t0 + 1s);
  EXPECT_FALSE(step.failed);
  EXPECT_EQ(d.call.phase(), AmiCall::Phase::done);
}

TEST(TelephonyAmi, NoNewchannelWithinFiveSecondsKeepsTheCall) {
  Driven d;
  d.log_in();
  d.feed("Response: Success\r\nActionID: 179535453653427\r\n\r\n", t0);
  const auto step = d.call.on_timer(t0 + 5s);
  EXPECT_FALSE(step.failed);
  EXPECT_TRUE(step.close);
  EXPECT_EQ(d.call.channel(), "");
}

TEST(TelephonyAmi, HangupSession) {
  AmiHangup hangup(config(), "PJSIP/ovh1-0000002a", "h", t0);
  std::string sent = hangup.on_data("Asterisk Call Manager/13.0.0\r\n", t0).send;
  EXPECT_NE(sent.find("Action: Login"), std::string::npos);
  sent = hangup.on_data("Response: Success\r\nActionID: h-login\r\n\r\n", t0).send;
  EXPECT_EQ(sent, "Action: Hangup\r\nActionID: h-hangup\r\nChannel: PJSIP/ovh1-0000002a\r\n\r\n");
  const auto step = hangup.on_data("Response: Success\r\nActionID: h-hangup\r\nMessage: Channel Hungup\r\n\r\n", t0);
  EXPECT_TRUE(step.close);
  EXPECT_TRUE(hangup.hung_up());
  AmiHangup late(config(), "c", "h", t0);
  EXPECT_TRUE(late.on_timer(late.deadline()).close);
  EXPECT_FALSE(late.hung_up());
}
