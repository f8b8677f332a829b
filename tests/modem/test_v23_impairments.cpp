// Round trips through each impairment of the line channel, on both channels: mild impairments must deliver the
// exact text; destructive ones must damage only what they hit, with the damage reported.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "modem/v23_codec.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

const std::string kText = "3615 PAVIKIT - Annuaire, Guide, Envoi! 0123456789";

class MildImpairment : public ::testing::TestWithParam<std::tuple<V23Channel, const char*>> {};

TEST_P(MildImpairment, DeliversTheExactText) {
  const auto [channel, line_text] = GetParam();
  ASSERT_TRUE(line::parse_channel(line_text).ok()) << line_text;
  const auto clean = test::encode(kText, channel);
  const auto heard = test::through(line_text, clean, -22.0, plan(channel).bit_rate);
  EXPECT_NE(heard, clean);  // the impairment did something
  const auto result = test::decode(heard, channel);
  EXPECT_EQ(characters_to_bytes(result.characters, ErrorPolicy::keep), kText) << line_text;
  EXPECT_EQ(result.stats.parity_errors + result.stats.framing_errors, 0u) << line_text;
}

INSTANTIATE_TEST_SUITE_P(
    V23, MildImpairment,
    ::testing::Combine(::testing::Values(V23Channel::forward, V23Channel::backward),
                       ::testing::Values("awgn=20dB", "ebn0=22dB", "noise=-50dBm0", "atten=10dB", "gain=6dB", "offset=10Hz",
                                         "offset=-10Hz", "g711u", "g711a", "impulse=20/s:-30dBm0", "echo=-10dB@20ms",
                                         "echo=-6dB@2ms", "dropout=100ms@0.1s",
                                         "atten=6dB,g711a,awgn=25dB,offset=5Hz,echo=-15dB@10ms,g711u")));

// A burst of noise louder than the signal in the middle of the text: the characters before and after it arrive
// intact, and what the burst hit is flagged or missing, never silently replaced by other valid text.
// (The text is not periodic: on a strictly periodic stream sent back to back, an asynchronous receiver that lost
// its framing can stay on a wrong, self-consistent framing until the line idles. PCE resynchronises that case.)
TEST(V23Impairments, BurstDamagesOnlyWhatItHits) {
  std::string text;
  for (int i = 0; i < 120; ++i) text += static_cast<char>(0x20 + (i * 37 + i * i) % 95);  // 1 s at 1200 bit/s
  const auto clean = test::encode(text, V23Channel::forward);
  // The text starts after the 0.3 s lead-in; the burst covers characters 36 to about 42.
  const auto heard = test::through("burst=50ms@0.6s:-6dBm0", clean, -22.0, 1200.0);
  const auto result = test::decode(heard, V23Channel::forward);
  const std::string got = characters_to_bytes(result.characters, ErrorPolicy::substitute);
  EXPECT_NE(got, text);
  EXPECT_GT(result.stats.parity_errors + result.stats.framing_errors, 0u);
  ASSERT_GE(got.size(), 90u);
  EXPECT_EQ(got.substr(0, 30), text.substr(0, 30));
  EXPECT_EQ(got.substr(got.size() - 60), text.substr(text.size() - 60));
}

TEST(V23Impairments, DropoutDropsTheCarrierAndTheReceiverRecovers) {
  std::string text(60, 'x');
  const auto clean = test::encode(text + "END", V23Channel::forward);
  const auto heard = test::through("dropout=200ms@0.4s", clean, -22.0, 1200.0);
  const auto result = test::decode(heard, V23Channel::forward);
  ASSERT_EQ(result.carrier.size(), 3u);  // up, down in the gap, up again
  EXPECT_TRUE(result.carrier[0].up);
  EXPECT_FALSE(result.carrier[1].up);
  EXPECT_NEAR(static_cast<double>(result.carrier[1].sample), 0.4 * 8000, 120);  // spandsp's power meter decays ~10 ms
  EXPECT_TRUE(result.carrier[2].up);
  EXPECT_NEAR(static_cast<double>(result.carrier[2].sample), 0.6 * 8000, 40);
  const std::string got = characters_to_bytes(result.characters, ErrorPolicy::drop);
  EXPECT_LT(got.size(), text.size() + 3);  // the characters sent into the gap are gone
  EXPECT_EQ(got.substr(got.size() - 3), "END");
}

TEST(V23Impairments, NoiseFarBelowTheSignalNeedsNoSpecialCase) {
  // 75 bit/s Eb/N0 of 30 dB is an SNR of 13 dB in the whole 4 kHz band: still clean.
  const auto clean = test::encode(kText, V23Channel::backward);
  const auto heard = test::through("ebn0=30dB", clean, -22.0, 75.0);
  EXPECT_EQ(test::decoded_text(heard, V23Channel::backward), kText);
}

TEST(V23Impairments, HeavyNoiseProducesReportedErrors) {
  std::string text(200, 'U');
  const auto clean = test::encode(text, V23Channel::forward);
  const auto heard = test::through("ebn0=9dB", clean, -22.0, 1200.0);
  const auto result = test::decode(heard, V23Channel::forward);
  EXPECT_GT(result.stats.parity_errors + result.stats.framing_errors, 0u);
}

}  // namespace
}  // namespace pavi::modem
