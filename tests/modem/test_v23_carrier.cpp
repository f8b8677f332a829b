// Carrier detection and the receive cut-off (v23-modem.md §5): what is heard, from which level, and when.
#include <gtest/gtest.h>

#include "modem/line_levels.hpp"
#include "modem/v23_codec.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

std::vector<std::int16_t> carrier_audio(V23Channel channel, double level_dbm0, double seconds) {
  V23Transmitter tx({channel, level_dbm0, -21.0});
  tx.set_output(V23Transmitter::Output::carrier);
  std::vector<std::int16_t> audio(static_cast<std::size_t>(seconds * 8000));
  tx.generate(audio);
  return audio;
}

bool detects(V23Channel channel, double level_dbm0, double cutoff_dbm0, double gain_db = 0.0) {
  V23Receiver rx({channel, cutoff_dbm0, gain_db});
  rx.process(carrier_audio(channel, level_dbm0, 0.5));
  return rx.carrier_present();
}

TEST(V23Carrier, ForwardChannelFollowsTheCutOff) {
  // Cut-off -38: on at about -36 dBm0 on the 1200 bit/s channel (v23-modem.md §5).
  EXPECT_TRUE(detects(V23Channel::forward, -30.0, -38.0));
  EXPECT_FALSE(detects(V23Channel::forward, -45.0, -38.0));
  EXPECT_TRUE(detects(V23Channel::forward, -45.0, -50.0));
}

TEST(V23Carrier, BackwardChannelIsAboutTenDecibelsLessSensitive) {
  // spandsp's first-difference power filter attenuates 390/450 Hz: at cut-off -38 the 75 bit/s carrier is not
  // detected at -28 dBm0 but is from about -26 dBm0 (v23-modem.md §5).
  EXPECT_FALSE(detects(V23Channel::backward, -30.0, -38.0));
  EXPECT_TRUE(detects(V23Channel::backward, -20.0, -38.0));
  // MiniPavi compensates with VOLUME(RX)=3, +9.5 dB.
  EXPECT_TRUE(detects(V23Channel::backward, -30.0, -38.0, 9.54));
}

TEST(V23Carrier, NothingBelowTheCutOffGivesNoCharacters) {
  const auto audio = test::encode("invisible", V23Channel::forward, -50.0);
  const auto result = decode_characters(audio, {V23Channel::forward, -38.0, 0.0});
  EXPECT_TRUE(result.carrier.empty());
  EXPECT_TRUE(result.characters.empty());
  // The same audio with a lower cut-off is decoded.
  const auto sensitive = decode_characters(audio, {V23Channel::forward, -60.0, 0.0});
  EXPECT_EQ(characters_to_bytes(sensitive.characters, ErrorPolicy::keep), "invisible");
}

TEST(V23Carrier, CutOffCanBeChangedWhileRunning) {
  const auto audio = carrier_audio(V23Channel::forward, -45.0, 0.5);
  V23Receiver rx({V23Channel::forward, -38.0, 0.0});
  rx.process(std::span(audio).first(2000));
  EXPECT_FALSE(rx.carrier_present());
  rx.set_cutoff_dbm0(-55.0);
  rx.process(std::span(audio).subspan(2000));
  EXPECT_TRUE(rx.carrier_present());
}

TEST(V23Carrier, UpAndDownEventsAreTimedToTheSample) {
  std::vector<std::int16_t> audio(4000, 0);  // 0.5 s silence
  const auto tone = carrier_audio(V23Channel::forward, -22.0, 1.0);
  audio.insert(audio.end(), tone.begin(), tone.end());
  audio.resize(audio.size() + 4000, 0);
  V23Receiver rx({V23Channel::forward, -38.0, 0.0});
  rx.process(audio);
  const auto events = rx.take_carrier_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].up);
  EXPECT_NEAR(static_cast<double>(events[0].sample), 4000.0, 8.0);
  EXPECT_FALSE(events[1].up);
  EXPECT_NEAR(static_cast<double>(events[1].sample), 12000.0, 200.0);  // the power meter decays for a few ms
  EXPECT_FALSE(rx.carrier_present());
}

TEST(V23Carrier, MarkSeenOnlyAfterAMarkBitFollowsTheCarrier) {
  // MiniPavi starts sending only after the far carrier and one mark bit (v23-modem.md §6.3).
  V23Transmitter tx({V23Channel::forward, -22.0, -21.0});
  tx.set_output(V23Transmitter::Output::answer_tone);  // 2100 Hz: carrier, but every bit reads 0
  std::vector<std::int16_t> audio(4000);
  tx.generate(audio);
  V23Receiver rx({V23Channel::forward, -38.0, 0.0});
  rx.process(audio);
  EXPECT_TRUE(rx.carrier_present());
  EXPECT_FALSE(rx.mark_seen());
  EXPECT_TRUE(rx.take_characters().empty());  // the zeros before the first mark are not framed
  tx.set_output(V23Transmitter::Output::carrier);
  tx.generate(audio);
  rx.process(audio);
  EXPECT_TRUE(rx.mark_seen());
}

TEST(V23Carrier, SignalPowerIsReportedInDbm0) {
  V23Receiver rx({V23Channel::forward, -38.0, 0.0});
  rx.process(carrier_audio(V23Channel::forward, -20.0, 0.5));
  // spandsp measures after its crude high-pass (the 6 dB allowance is in the cut-off): within a few dB.
  EXPECT_NEAR(rx.signal_power_dbm0(), -20.0, 8.0);
  EXPECT_GT(rx.signal_power_dbm0(), -40.0);
}

}  // namespace
}  // namespace pavi::modem
