// CRC-7 of PCE blocks: the worked examples of pce.md §9, the table of §3.2, and the syndrome arithmetic the
// terminal uses to locate single-bit errors (§4.3).
#include <gtest/gtest.h>

#include <ostream>
#include <set>
#include <vector>

#include "modem/pce_chars.hpp"
#include "modem/pce_crc.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using pavi::test::bytes;

namespace {

std::vector<std::uint8_t> line_of(const std::string& seven_bit) {
  std::vector<std::uint8_t> out;
  for (const char c : seven_bit) out.push_back(pce::with_parity(static_cast<std::uint8_t>(c)));
  return out;
}

std::vector<std::uint8_t> raw(const std::string& s) { return {s.begin(), s.end()}; }

}  // namespace

TEST(PceCrc, TableStartsAsInTheSpec) {
  const auto& table = pce::crc7_table();
  EXPECT_EQ(raw(bytes("00 12 24 36 48 5A 6C 7E 90 82 B4 A6 D8 CA FC EE")),
            std::vector<std::uint8_t>(table.begin(), table.begin() + 16));
}

TEST(PceCrc, TableIsTheRemainderOfEachByteTimesX7ShiftedLeft) {
  const auto& table = pce::crc7_table();
  for (int i = 0; i < 256; ++i) {
    const std::uint8_t one[1] = {static_cast<std::uint8_t>(i)};
    EXPECT_EQ(table[static_cast<std::size_t>(i)], pce::crc7_bitwise(one) << 1) << i;
  }
}

TEST(PceCrc, LineBytesOfTheSpecExamples) {
  EXPECT_EQ(raw(bytes("95 C0")), line_of(bytes("15 40")));
  EXPECT_EQ(raw(bytes("96 96 C0")), line_of(bytes("16 16 40")));
  EXPECT_EQ(raw(bytes("96 96 C3")), line_of(bytes("16 16 43")));
  EXPECT_EQ(raw(bytes("1B 3A F3 44")), line_of(bytes("1B 3A 73 44")));
  EXPECT_EQ(raw(bytes("1B 3A F3 C0")), line_of(bytes("1B 3A 73 40")));
  EXPECT_EQ(raw(bytes("93 CA")), line_of(bytes("13 4A")));
  EXPECT_EQ(raw(bytes("93 4B")), line_of(bytes("13 4B")));
}

struct CrcExample {
  const char* name;
  const char* seven_bit;
  std::uint8_t crc;
};

void PrintTo(const CrcExample& example, std::ostream* os) { *os << example.name; }

class PceCrcExamples : public ::testing::TestWithParam<CrcExample> {};

TEST_P(PceCrcExamples, BothMethodsGiveTheSpecRemainderAndTheCodeWordDivides) {
  const auto line = line_of(bytes(GetParam().seven_bit));
  ASSERT_EQ(line.size(), 15U);
  EXPECT_EQ(pce::crc7(line), GetParam().crc);
  EXPECT_EQ(pce::crc7_bitwise(line), GetParam().crc);
  // 120 message bits followed by the 7 CRC bits form a multiple of G(x).
  EXPECT_EQ(pce::syndrome(line, GetParam().crc), 0);
  EXPECT_EQ(pce::syndrome(line, pce::with_parity(GetParam().crc)), 0) << "the parity bit is not part of the code word";
}

INSTANTIATE_TEST_SUITE_P(
    WorkedExamples, PceCrcExamples,
    ::testing::Values(CrcExample{"bonjour", "42 6F 6E 6A 6F 75 72 20 4D 69 6E 69 74 65 6C", 0x5D},
                      CrcExample{"example2_block0", "0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 00", 0x23},
                      CrcExample{"example2_block1", "10 16 4F 4B 00 00 00 00 00 00 00 00 00 00 00", 0x29},
                      CrcExample{"example3_x", "58 00 00 00 00 00 00 00 00 00 00 00 00 00 00", 0x0C}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PceCrc, Example1CrcCharacterOnTheLineIsDD) { EXPECT_EQ(pce::with_parity(0x5D), 0xDD); }

TEST(PceCrc, TableAndBitwiseAgreeOnPseudoRandomMessages) {
  std::uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::uint8_t> message(15);
    for (auto& b : message) {
      state = state * 1103515245U + 12345U;
      b = static_cast<std::uint8_t>(state >> 24);
    }
    EXPECT_EQ(pce::crc7(message), pce::crc7_bitwise(message));
  }
}

TEST(PceCrc, GeneratorIsPrimitiveSoAll127SingleErrorSyndromesDiffer) {
  std::set<int> seen;
  for (int p = 0; p < pce::kCodeBits; ++p) {
    const std::uint8_t s = pce::x_power_mod_g(p);
    EXPECT_NE(s, 0);
    EXPECT_LT(s, 0x80);
    seen.insert(s);
    EXPECT_EQ(pce::error_exponent(s), p);
  }
  EXPECT_EQ(seen.size(), 127U);
  EXPECT_FALSE(pce::error_exponent(0).has_value());
}

TEST(PceCrc, Example1SingleErrorIsLocatedAtCharacter5Bit3) {
  auto line = line_of(bytes("42 6F 6E 6A 6F 75 72 20 4D 69 6E 69 74 65 6C"));
  ASSERT_EQ(line[4], 0x6F);
  line[4] ^= 0x08;  // 6F -> 67
  ASSERT_EQ(line[4], 0x67);
  EXPECT_FALSE(pce::parity_ok(line[4]));
  const std::uint8_t s = pce::syndrome(line, 0x5D);
  EXPECT_EQ(s, 0x76);
  EXPECT_EQ(pce::x_power_mod_g(90), 0x76);
  ASSERT_EQ(pce::error_exponent(s), 90);
  const auto where = pce::bit_position(90);  // string index 126 - 90 = 36
  EXPECT_EQ(where.char_index, 4);
  EXPECT_EQ(where.bit, 3);
}

TEST(PceCrc, BitPositionsCoverTheWholeCodeWord) {
  // First bit of the string (bit 7 of character 1) is x^126; the last (CRC bit 0) is x^0.
  EXPECT_EQ(pce::bit_position(126).char_index, 0);
  EXPECT_EQ(pce::bit_position(126).bit, 7);
  EXPECT_EQ(pce::bit_position(7).char_index, 14);
  EXPECT_EQ(pce::bit_position(7).bit, 0);
  EXPECT_EQ(pce::bit_position(6).char_index, 15);
  EXPECT_EQ(pce::bit_position(6).bit, 6);
  EXPECT_EQ(pce::bit_position(0).char_index, 15);
  EXPECT_EQ(pce::bit_position(0).bit, 0);
}
