// Modulate -> demodulate on a clean line: both channels, every 7-bit value, and whole calls in both directions.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "modem/line_levels.hpp"
#include "modem/v23_call.hpp"
#include "modem/v23_codec.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

using test::as_bytes;

std::string all_seven_bit_values() {
  std::string all;
  for (int b = 0; b < 128; ++b) all += static_cast<char>(b);
  return all;
}

class BothChannels : public ::testing::TestWithParam<V23Channel> {};

TEST_P(BothChannels, EverySevenBitValueRoundTrips) {
  const std::string text = all_seven_bit_values();
  const auto audio = test::encode(text, GetParam());
  const auto result = test::decode(audio, GetParam());
  EXPECT_EQ(characters_to_bytes(result.characters, ErrorPolicy::keep), text);
  EXPECT_EQ(result.stats.parity_errors, 0u);
  EXPECT_EQ(result.stats.framing_errors, 0u);
  ASSERT_FALSE(result.carrier.empty());
  EXPECT_TRUE(result.carrier.front().up);
}

TEST_P(BothChannels, SmoothedBitTimingAlsoRoundTrips) {
  const std::string text = all_seven_bit_values();
  const auto audio = test::through("awgn=20dB", test::encode(text, GetParam()), -22.0, plan(GetParam()).bit_rate);
  DecodeOptions options;
  options.channel = GetParam();
  options.gain_db = test::receive_gain(GetParam());
  options.smoothed_timing = true;
  const auto result = decode_characters(audio, options);
  EXPECT_EQ(characters_to_bytes(result.characters, ErrorPolicy::keep), text);
}

TEST_P(BothChannels, EighthBitIsStrippedBeforeSending) {
  const auto audio = test::encode("\xC1\xE9", GetParam());
  const auto result = test::decode(audio, GetParam());
  ASSERT_EQ(result.characters.size(), 2u);
  EXPECT_EQ(result.characters[0].value, 0x41);
  EXPECT_EQ(result.characters[1].value, 0x69);
  EXPECT_TRUE(result.characters[0].ok());  // parity computed over the 7 bits sent (v23-modem.md §3 defect fixed)
  EXPECT_TRUE(result.characters[1].ok());
}

TEST_P(BothChannels, CharactersGoOutBackToBackAtTenBitsEach) {
  const auto audio = test::encode("0123456789", GetParam());
  const auto result = test::decode(audio, GetParam());
  ASSERT_EQ(result.characters.size(), 10u);
  const double samples_per_char = 10 * kSampleRate / plan(GetParam()).bit_rate;  // 66.7 or 1066.7
  for (std::size_t i = 1; i < result.characters.size(); ++i) {
    const double gap = static_cast<double>(result.characters[i].sample - result.characters[i - 1].sample);
    EXPECT_NEAR(gap, samples_per_char, std::max(2.0, 0.01 * samples_per_char)) << i;  // re-timed on each edge
  }
}

TEST_P(BothChannels, IdleCarrierIsMarkAndProducesNoCharacters) {
  V23Transmitter tx({GetParam(), -22.0, -21.0});
  tx.set_output(V23Transmitter::Output::carrier);
  std::vector<std::int16_t> audio(16000);
  tx.generate(audio);
  const auto p = plan(GetParam());
  EXPECT_GT(test::tone_rms(audio, p.mark_hz), 20 * test::tone_rms(audio, p.space_hz));
  const auto result = test::decode(audio, GetParam());
  EXPECT_TRUE(result.characters.empty());
  EXPECT_EQ(result.stats.carrier_ups, 1u);
}

TEST_P(BothChannels, DataWaitsUntilTheOutputIsTheCarrier) {
  V23Transmitter tx({GetParam(), -22.0, -21.0});
  tx.send(as_bytes("AB"));
  std::vector<std::int16_t> block(800);
  tx.generate(block);  // silence
  EXPECT_EQ(test::rms(block), 0.0);
  EXPECT_EQ(tx.pending_characters(), 2u);
  tx.set_output(V23Transmitter::Output::carrier);
  tx.hold(true);
  tx.generate(block);
  EXPECT_EQ(tx.pending_characters(), 2u);
  tx.hold(false);
  std::vector<std::int16_t> rest(40000);
  tx.generate(rest);
  EXPECT_TRUE(tx.idle());
  EXPECT_EQ(tx.characters_sent(), 2u);
}

INSTANTIATE_TEST_SUITE_P(V23, BothChannels, ::testing::Values(V23Channel::forward, V23Channel::backward),
                         [](const auto& info) { return std::string(info.param == V23Channel::forward ? "Forward1200" : "Backward75"); });

TEST(V23Roundtrip, TransmitterLevelIsInDbm0) {
  // spandsp scale: fsk_tx_power(-28) gives RMS 642 (v23-modem.md §5).
  V23Transmitter tx({V23Channel::forward, -28.0, -21.0});
  tx.set_output(V23Transmitter::Output::carrier);
  std::vector<std::int16_t> audio(8000);
  tx.generate(audio);
  EXPECT_NEAR(test::rms(audio), 642.0, 10.0);
}

TEST(V23Roundtrip, AnswerToneIs2100Hz) {
  V23Transmitter tx({V23Channel::forward, -22.0, -21.0});
  tx.set_output(V23Transmitter::Output::answer_tone);
  std::vector<std::int16_t> audio(8000);
  tx.generate(audio);
  EXPECT_NEAR(test::tone_rms(audio, 2100.0), line::dbm0_to_rms(-21.0), 0.05 * line::dbm0_to_rms(-21.0));
  EXPECT_LT(test::tone_rms(audio, 1300.0), 0.01 * line::dbm0_to_rms(-21.0));
}

// Inbound: a Minitel calls the gateway. The gateway sends 1200 bit/s, the Minitel answers at 75 bit/s.
TEST(V23Roundtrip, MinitelCallingTheGatewayBothWays) {
  V23Call call(CallConfig{});
  call.answerer().send(as_bytes("Bienvenue sur PaviKit"));
  ASSERT_TRUE(call.run_until([&] { return call.caller().connected() && call.answerer().connected(); }, 10.0));
  call.caller().send(as_bytes("\x13\x41"));  // Envoi
  call.run_for(1.5);
  EXPECT_EQ(characters_to_bytes(call.caller().take_received(), ErrorPolicy::keep), "Bienvenue sur PaviKit");
  EXPECT_EQ(characters_to_bytes(call.answerer().take_received(), ErrorPolicy::keep), "\x13\x41");
}

// Outbound: the gateway calls a V.23 server with the channels flipped: it sends at 75 and hears 1200 bit/s.
TEST(V23Roundtrip, GatewayCallingAServerWithChannelsFlipped) {
  CallConfig config;
  config.caller = EndpointConfig::minipavi_originate();
  config.answerer = EndpointConfig::minipavi_answer();  // a server modem answering like MiniPavi does
  V23Call call(config);
  EXPECT_EQ(transmit_channel(call.caller().config().role), V23Channel::backward);
  call.caller().send(as_bytes("*"));
  call.answerer().send(as_bytes("3615 SERVEUR"));
  call.run_for(6.0);
  EXPECT_TRUE(call.caller().connected());
  EXPECT_TRUE(call.answerer().connected());
  EXPECT_EQ(characters_to_bytes(call.caller().take_received(), ErrorPolicy::keep), "3615 SERVEUR");
  EXPECT_EQ(characters_to_bytes(call.answerer().take_received(), ErrorPolicy::keep), "*");
}

TEST(V23Roundtrip, ReceiverSurvivesAMoveMidStream) {
  const auto audio = test::encode("move", V23Channel::forward);
  V23Receiver first({V23Channel::forward, -38.0, 0.0});
  const auto half = audio.size() / 2;
  first.process(std::span(audio).first(half));
  V23Receiver moved = std::move(first);
  moved.process(std::span(audio).subspan(half));
  EXPECT_EQ(characters_to_bytes(moved.take_characters(), ErrorPolicy::keep), "move");
}

}  // namespace
}  // namespace pavi::modem
