// 7E1 character framing: parity over 7 bits, bit order on the line, the 8N1 view, error substitution.
#include <gtest/gtest.h>

#include "modem/v23_codec.hpp"
#include "modem/v23_framing.hpp"

namespace pavi::modem {
namespace {

TEST(V23Framing, EvenParityCountsTheSevenDataBits) {
  EXPECT_EQ(even_parity_bit(0x00), 0);
  EXPECT_EQ(even_parity_bit(0x41), 0);  // 'A' = 100 0001: two ones
  EXPECT_EQ(even_parity_bit(0x43), 1);  // 'C' = 100 0011: three ones
  EXPECT_EQ(even_parity_bit(0x13), 1);  // SEP
  EXPECT_EQ(even_parity_bit(0x7F), 1);
}

TEST(V23Framing, BitSevenOfTheByteIsIgnored) {
  // MiniPavi's app computed parity over 8 bits, so 0xC1 went out as 'A' with parity 1 (v23-modem.md §3).
  EXPECT_EQ(even_parity_bit(0xC1), even_parity_bit(0x41));
  EXPECT_EQ(CharacterFrame::seven_e_one(0xC1).bits, CharacterFrame::seven_e_one(0x41).bits);
}

TEST(V23Framing, FrameIsStartDataLsbFirstParityStop) {
  const auto frame = CharacterFrame::seven_e_one(0x43);  // 'C' = 1000011, parity 1
  ASSERT_EQ(frame.length, 10);
  const int expected[10] = {0, 1, 1, 0, 0, 0, 0, 1, 1, 1};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(frame.bit(i), expected[i]) << "bit " << i;
}

TEST(V23Framing, EightNOneViewPutsParityInBitSeven) {
  EXPECT_EQ(with_parity_bit(0x41), 0x41);
  EXPECT_EQ(with_parity_bit(0x43), 0xC3);
  EXPECT_EQ(with_parity_bit(0x13), 0x93);  // as spandsp's 7E1 framing delivered it (v23-modem.md §9.3)
  EXPECT_EQ(with_parity_bit(0xC3), 0xC3);
}

TEST(V23Framing, EveryFrameHasEvenOnesOverDataAndParity) {
  for (int byte = 0; byte < 256; ++byte) {
    const auto frame = CharacterFrame::seven_e_one(static_cast<std::uint8_t>(byte));
    int ones = 0;
    for (int i = 1; i <= 8; ++i) ones += frame.bit(i);
    EXPECT_EQ(ones % 2, 0) << byte;
    EXPECT_EQ(frame.bit(0), 0);
    EXPECT_EQ(frame.bit(9), 1);
  }
}

TEST(V23Framing, RawFrameCarriesAnyBitsAndStop) {
  const auto frame = CharacterFrame::raw(0xFF, 0);
  for (int i = 1; i <= 8; ++i) EXPECT_EQ(frame.bit(i), 1);
  EXPECT_EQ(frame.bit(0), 0);
  EXPECT_EQ(frame.bit(9), 0);
}

TEST(V23Framing, ErrorPolicies) {
  const std::vector<ReceivedChar> received{{'A', false, false, 0}, {'B', true, false, 0}, {'C', false, true, 0}, {'D', false, false, 0}};
  EXPECT_EQ(characters_to_bytes(received, ErrorPolicy::substitute), "A\x1A\x1A" "D");
  EXPECT_EQ(characters_to_bytes(received, ErrorPolicy::drop), "AD");
  EXPECT_EQ(characters_to_bytes(received, ErrorPolicy::keep), "ABCD");
}

}  // namespace
}  // namespace pavi::modem
