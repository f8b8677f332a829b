// Connection sequences and timings (v23-modem.md §4): the Minitel's line analysis as a pure state machine, then
// whole calls in simulated time with the answer tone, the 75 ms gap, the carriers and the hang-up on carrier loss.
#include <gtest/gtest.h>

#include <optional>

#include "modem/v23_answer_sequence.hpp"
#include "modem/v23_call.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

using Tone = LineTone;

AnswerSequenceDetector after(std::initializer_list<std::pair<double, Tone>> changes, double until) {
  AnswerSequenceDetector d;
  for (const auto& [t, tone] : changes) d.observe(t, tone);
  d.advance(until);
  return d;
}

TEST(AnswerSequence, ToneGapAndCarrierConnectAfter60ms) {
  const auto d = after({{0.5, Tone::answer_tone}, {3.5, Tone::silence}, {3.575, Tone::mark}}, 4.0);
  ASSERT_EQ(d.state(), AnswerSequenceDetector::State::connected);
  EXPECT_NEAR(*d.connected_at(), 3.575 + 0.060, 1e-9);
}

TEST(AnswerSequence, CarrierShorterThan60msIsNotEnoughYet) {
  const auto d = after({{0.5, Tone::answer_tone}, {3.5, Tone::silence}, {3.575, Tone::mark}}, 3.630);
  EXPECT_EQ(d.state(), AnswerSequenceDetector::State::analysing);
}

TEST(AnswerSequence, GapOf75PlusOrMinus20msIsAccepted) {
  for (const double gap : {0.056, 0.075, 0.094}) {
    const auto d = after({{0.0, Tone::answer_tone}, {1.0, Tone::silence}, {1.0 + gap, Tone::mark}}, 1.2);
    EXPECT_EQ(d.state(), AnswerSequenceDetector::State::connected) << gap;
  }
}

TEST(AnswerSequence, GapTooShortOrTooLongRestartsTheSearch) {
  for (const double gap : {0.030, 0.120}) {
    // Not connected 60 ms after the carrier...
    const auto early = after({{0.0, Tone::answer_tone}, {1.0, Tone::silence}, {1.0 + gap, Tone::mark}}, 1.0 + gap + 0.2);
    EXPECT_EQ(early.state(), AnswerSequenceDetector::State::analysing) << gap;
    // ...but 1.7 s of continuous 1300 Hz connects on its own.
    const auto late = after({{0.0, Tone::answer_tone}, {1.0, Tone::silence}, {1.0 + gap, Tone::mark}}, 3.0 + gap);
    ASSERT_EQ(late.state(), AnswerSequenceDetector::State::connected) << gap;
    EXPECT_NEAR(*late.connected_at(), 1.0 + gap + 1.7, 1e-9);
  }
}

TEST(AnswerSequence, AnswerToneShorterThan300msDoesNotCount) {
  const auto d = after({{0.0, Tone::answer_tone}, {0.2, Tone::silence}, {0.275, Tone::mark}}, 0.5);
  EXPECT_EQ(d.state(), AnswerSequenceDetector::State::analysing);
}

TEST(AnswerSequence, CarrierInterruptedBefore60msRestarts) {
  const auto d = after({{0.0, Tone::answer_tone}, {1.0, Tone::silence}, {1.075, Tone::mark}, {1.1, Tone::silence}}, 1.5);
  EXPECT_EQ(d.state(), AnswerSequenceDetector::State::analysing);
}

TEST(AnswerSequence, AnswerToneLastingTheWholeWindowReleasesTheLine) {
  const auto d = after({{1.0, Tone::answer_tone}}, 6.0);
  ASSERT_EQ(d.state(), AnswerSequenceDetector::State::released);
  EXPECT_NEAR(*d.released_at(), 1.0 + 0.3 + 4.5, 1e-9);
  EXPECT_FALSE(d.release_reason().empty());
}

TEST(AnswerSequence, CarrierAloneFor1_7sConnects) {
  const auto d = after({{2.0, Tone::mark}}, 4.0);
  ASSERT_EQ(d.state(), AnswerSequenceDetector::State::connected);
  EXPECT_NEAR(*d.connected_at(), 3.7, 1e-9);
  EXPECT_EQ(after({{2.0, Tone::mark}}, 3.6).state(), AnswerSequenceDetector::State::analysing);
}

TEST(AnswerSequence, NothingFor40sReleases) {
  const auto d = after({{1.0, Tone::other}}, 41.0);
  ASSERT_EQ(d.state(), AnswerSequenceDetector::State::released);
  EXPECT_NEAR(*d.released_at(), 40.0, 1e-9);
}

// --- Whole calls -------------------------------------------------------------------------------------------

std::optional<double> first_time(const std::vector<EndpointEvent>& events, EndpointEvent::Kind kind,
                                 std::optional<EndpointState> state = std::nullopt, double from = 0.0) {
  for (const auto& e : events) {
    const double t = static_cast<double>(e.sample) / 8000.0;
    if (e.kind == kind && (!state || e.state == *state) && t >= from) return t;
  }
  return std::nullopt;
}

TEST(V23Connection, InboundCallFollowsTheMiniPaviTimeline) {
  V23Call call(CallConfig{});  // Minitel calls MiniPavi; 20 ms of line delay each way
  call.answerer().send(test::as_bytes("page"));
  call.run_for(5.0);
  const auto gateway = call.answerer().take_events();
  const auto minitel = call.caller().take_events();
  using K = EndpointEvent::Kind;
  // The gateway: 3 s of 2100 Hz from the start, 75 ms of silence, then its 1300 Hz carrier, to the sample.
  EXPECT_EQ(first_time(gateway, K::state_changed, EndpointState::answer_tone), 0.0);
  EXPECT_EQ(first_time(gateway, K::state_changed, EndpointState::tone_gap), 3.0);
  EXPECT_EQ(first_time(gateway, K::state_changed, EndpointState::carrier_wait), 3.075);
  // The Minitel connects 60 ms after the carrier reaches it (20 ms of line delay).
  const auto connected = first_time(minitel, K::state_changed, EndpointState::data);
  ASSERT_TRUE(connected);
  EXPECT_NEAR(*connected, 3.075 + 0.020 + 0.060, 0.004);
  // The gateway hears the Minitel's 390 Hz and its first mark bit, then starts sending.
  const auto far_carrier = first_time(gateway, K::far_carrier_up);
  const auto data = first_time(gateway, K::state_changed, EndpointState::data);
  ASSERT_TRUE(far_carrier && data);
  EXPECT_GT(*far_carrier, *connected);
  EXPECT_LT(*far_carrier, *connected + 0.020 + 0.010);
  EXPECT_GE(*data, *far_carrier);
  EXPECT_LT(*data, *far_carrier + 0.030);  // one bit at 75 bit/s is 13 ms
  // Bytes queued at t=0 were held until then, and arrived whole.
  const auto page = call.caller().take_received();
  ASSERT_EQ(characters_to_bytes(page, ErrorPolicy::keep), "page");
  EXPECT_GT(static_cast<double>(page.front().sample) / 8000.0, *data);
}

TEST(V23Connection, DialplanWaitDelaysTheAnswerTone) {
  CallConfig config;
  config.answerer.answer_delay_s = 1.0;  // Wait(1) before the app starts
  V23Call call(config);
  call.run_for(5.5);
  const auto gateway = call.answerer().take_events();
  EXPECT_EQ(first_time(gateway, EndpointEvent::Kind::state_changed, EndpointState::answer_tone), 1.0);
  EXPECT_EQ(first_time(gateway, EndpointEvent::Kind::state_changed, EndpointState::carrier_wait), 4.075);
  EXPECT_TRUE(call.caller().connected());
}

TEST(V23Connection, WithoutAnswerToneTheMinitelNeeds1_7sOfCarrier) {
  CallConfig config;
  config.answerer.answer_tone_s = 0.0;
  V23Call call(config);
  call.run_for(1.5);
  EXPECT_FALSE(call.caller().connected());
  call.run_for(0.5);
  EXPECT_TRUE(call.caller().connected());
}

TEST(V23Connection, GapTooShortFallsBackToTheLongCarrierRule) {
  CallConfig config;
  config.answerer.tone_gap_s = 0.020;
  V23Call call(config);
  call.run_for(3.5);
  EXPECT_FALSE(call.caller().connected());
  call.run_for(2.0);
  EXPECT_TRUE(call.caller().connected());
}

TEST(V23Connection, EndlessAnswerToneMakesTheMinitelReleaseTheLine) {
  CallConfig config;
  config.answerer.answer_tone_s = 8.0;
  V23Call call(config);
  call.run_for(6.0);
  EXPECT_EQ(call.caller().state(), EndpointState::released);
  EXPECT_FALSE(call.caller().release_reason().empty());
  const auto minitel = call.caller().take_events();
  const auto released = first_time(minitel, EndpointEvent::Kind::state_changed, EndpointState::released);
  ASSERT_TRUE(released);
  EXPECT_NEAR(*released, 0.020 + 0.3 + 4.5, 0.010);
}

TEST(V23Connection, MinitelHangsUpAfter440msWithoutCarrierButTheGatewayDoesNot) {
  CallConfig config;
  config.answerer_to_caller = test::channel("dropout=1s@6s");
  config.caller_to_answerer = test::channel("dropout=1s@6s");
  V23Call call(config);
  call.run_for(8.0);
  EXPECT_EQ(call.caller().state(), EndpointState::released);
  EXPECT_EQ(call.answerer().state(), EndpointState::data);  // MiniPavi ignores carrier loss (§6.3)
  const auto minitel = call.caller().take_events();
  const auto lost = first_time(minitel, EndpointEvent::Kind::far_carrier_down, std::nullopt, 5.0);
  const auto released = first_time(minitel, EndpointEvent::Kind::state_changed, EndpointState::released);
  ASSERT_TRUE(lost && released);
  EXPECT_NEAR(*lost, 6.0 + 0.020, 0.020);  // spandsp's power meter takes about 10 ms to fall below the cut-off
  EXPECT_NEAR(*released - *lost, 0.440, 0.002);
}

TEST(V23Connection, ShortDropoutDoesNotEndTheCall) {
  CallConfig config;
  config.answerer_to_caller = test::channel("dropout=300ms@6s");
  V23Call call(config);
  call.run_for(8.0);
  EXPECT_TRUE(call.caller().connected());
  call.answerer().send(test::as_bytes("still here"));
  call.run_for(0.5);
  // The fading signal at the start of the gap can frame one damaged character; it is reported as such.
  const auto received = call.caller().take_received();
  const std::string text = characters_to_bytes(received, ErrorPolicy::keep);
  ASSERT_GE(text.size(), 10u);
  EXPECT_EQ(text.substr(text.size() - 10), "still here");
  for (std::size_t i = 0; i + 10 < received.size(); ++i) EXPECT_FALSE(received[i].ok()) << i;
}

TEST(V23Connection, FlippedGatewaySendsItsCarrierAtOnce) {
  CallConfig config;
  config.caller = EndpointConfig::minipavi_originate();
  V23Call call(config);
  call.caller().send(test::as_bytes("x"));
  call.run_for(0.1);
  EXPECT_EQ(call.caller().state(), EndpointState::carrier_wait);  // 390 Hz on, the byte waits for the server
  EXPECT_EQ(call.caller().transmitter().pending_characters(), 1u);
  EXPECT_EQ(call.caller().transmitter().output(), V23Transmitter::Output::carrier);
  call.run_for(4.0);
  EXPECT_EQ(call.caller().state(), EndpointState::data);
  EXPECT_TRUE(call.caller().transmitter().idle());
}

}  // namespace
}  // namespace pavi::modem
