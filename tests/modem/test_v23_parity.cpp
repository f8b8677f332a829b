// Parity and framing errors are reported per character, so a terminal can show the error block exactly where
// the line damaged a character; the neighbours are unaffected.
#include <gtest/gtest.h>

#include "modem/v23_codec.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

class ParityOnBothChannels : public ::testing::TestWithParam<V23Channel> {
 protected:
  std::vector<ReceivedChar> send_frames(const std::vector<CharacterFrame>& frames) {
    const V23Channel channel = GetParam();
    V23Transmitter tx({channel, -22.0, -21.0});
    tx.set_output(V23Transmitter::Output::carrier);
    std::vector<std::int16_t> audio(2400);  // lead-in
    tx.generate(audio);
    for (const auto& f : frames) tx.send_frame(f);
    const auto bit = static_cast<std::size_t>(8000 / plan(channel).bit_rate) + 1;
    std::vector<std::int16_t> block(bit);
    while (!tx.idle()) {
      tx.generate(block);
      audio.insert(audio.end(), block.begin(), block.end());
    }
    block.assign(8 * bit, 0);
    tx.generate(block);
    audio.insert(audio.end(), block.begin(), block.end());
    V23Receiver rx({channel, -38.0, test::receive_gain(channel)});
    rx.process(audio);
    return rx.take_characters();
  }
};

TEST_P(ParityOnBothChannels, WrongParityIsFlaggedOnThatCharacterOnly) {
  // 'A' with parity bit 1 instead of 0 (what MiniPavi's app sent for 0xC1), between two good characters.
  const auto received = send_frames({CharacterFrame::seven_e_one('x'), CharacterFrame::raw(0x80 | 'A'),
                                     CharacterFrame::seven_e_one('y')});
  ASSERT_EQ(received.size(), 3u);
  EXPECT_TRUE(received[0].ok());
  EXPECT_EQ(received[0].value, 'x');
  EXPECT_TRUE(received[1].parity_error);
  EXPECT_FALSE(received[1].framing_error);
  EXPECT_EQ(received[1].value, 'A');  // the data bits as received
  EXPECT_TRUE(received[2].ok());
  EXPECT_EQ(received[2].value, 'y');
  EXPECT_EQ(characters_to_bytes(received, ErrorPolicy::substitute), "x\x1Ay");
}

TEST_P(ParityOnBothChannels, MissingStopBitIsAFramingError) {
  const auto received = send_frames({CharacterFrame::seven_e_one('a'), CharacterFrame::raw(with_parity_bit('b'), 0),
                                     CharacterFrame{0x3FF, 10}, CharacterFrame::seven_e_one('c')});
  ASSERT_EQ(received.size(), 3u);
  EXPECT_TRUE(received[0].ok());
  EXPECT_TRUE(received[1].framing_error);
  EXPECT_FALSE(received[1].parity_error);
  EXPECT_EQ(received[1].value, 'b');
  EXPECT_TRUE(received[2].ok());
  EXPECT_EQ(received[2].value, 'c');
}

TEST_P(ParityOnBothChannels, EverySingleBitFlipInTheDataIsCaught) {
  std::vector<CharacterFrame> frames;
  for (int bit = 0; bit < 8; ++bit) frames.push_back(CharacterFrame::raw(static_cast<std::uint8_t>(with_parity_bit('M') ^ (1 << bit))));
  const auto received = send_frames(frames);
  ASSERT_EQ(received.size(), 8u);
  for (const auto& c : received) EXPECT_TRUE(c.parity_error) << int(c.value);
}

INSTANTIATE_TEST_SUITE_P(V23, ParityOnBothChannels, ::testing::Values(V23Channel::forward, V23Channel::backward),
                         [](const auto& info) { return std::string(info.param == V23Channel::forward ? "Forward1200" : "Backward75"); });

TEST(V23Parity, StatsCountEachKindOfError) {
  V23Transmitter tx({V23Channel::forward, -22.0, -21.0});
  tx.set_output(V23Transmitter::Output::carrier);
  std::vector<std::int16_t> audio(400);
  tx.generate(audio);  // some idle carrier first
  V23Receiver rx({V23Channel::forward, -38.0, 0.0});
  rx.process(audio);
  tx.send_frame(CharacterFrame::raw(0x80 | 'A'));
  tx.send_frame(CharacterFrame::raw('B', 0));
  tx.send_frame(CharacterFrame{0x3FF, 10});
  tx.send('C');
  audio.resize(4000);
  tx.generate(audio);
  rx.process(audio);
  const auto stats = rx.stats();
  EXPECT_EQ(stats.characters, 3u);
  EXPECT_EQ(stats.parity_errors, 1u);
  EXPECT_EQ(stats.framing_errors, 1u);
}

}  // namespace
}  // namespace pavi::modem
