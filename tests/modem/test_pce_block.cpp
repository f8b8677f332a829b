// PCE blocks as values: the layouts of pce.md §9 examples 1 and 2, DLE transparency and the no-split rule (§3.1),
// and the terminal's classification of received blocks (§4.3).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modem/pce_block.hpp"
#include "modem/pce_chars.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using pavi::test::bytes;

namespace {

std::string str(const pce::Block& block) { return {block.begin(), block.end()}; }

std::vector<std::uint8_t> raw(const std::string& s) { return {s.begin(), s.end()}; }

pce::Block block_of(const std::string& line17) {
  pce::Block block{};
  for (std::size_t i = 0; i < pce::kBlockChars; ++i) block[i] = static_cast<std::uint8_t>(line17.at(i));
  return block;
}

const std::string kBonjourLine = bytes("42 6F EE 6A 6F F5 72 A0 4D 69 EE 69 74 65 6C DD 00");

}  // namespace

TEST(PceBlock, Example1BonjourMinitelIsOneBlock) {
  const auto blocks = pce::frame_message(raw("Bonjour Minitel"));
  ASSERT_EQ(blocks.size(), 1U);
  EXPECT_EQ(str(blocks[0]), kBonjourLine);
  EXPECT_EQ(str(pce::seven_bit_form(blocks[0])), bytes("42 6F 6E 6A 6F 75 72 20 4D 69 6E 69 74 65 6C 5D 00"));
}

TEST(PceBlock, Example2SynIsEscapedAndThePairMovesToTheNextBlock) {
  const auto blocks = pce::frame_message(raw(bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 16 4F 4B")));
  ASSERT_EQ(blocks.size(), 2U);
  EXPECT_EQ(str(pce::seven_bit_form(blocks[0])), bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 00 23 00"));
  EXPECT_EQ(str(blocks[0]), bytes("0C 9F 41 41 4D C9 4E C9 D4 C5 CC A0 B1 42 00 A3 00"));
  EXPECT_EQ(str(pce::seven_bit_form(blocks[1])), bytes("10 16 4F 4B 00 00 00 00 00 00 00 00 00 00 00 29 00"));
  EXPECT_EQ(str(blocks[1]), bytes("90 96 CF 4B 00 00 00 00 00 00 00 00 00 00 00 A9 00"));
}

TEST(PceBlock, Example2TerminalDeliversTheOriginalStream) {
  std::string delivered;
  for (const auto& block : pce::frame_message(raw(bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 16 4F 4B")))) {
    pce::append_payload(block, delivered);
  }
  EXPECT_EQ(delivered, bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 16 4F 4B"));
}

TEST(PceBlock, EachReservedCharacterIsEscapedWithDle) {
  for (const std::uint8_t code : {pce::NUL, pce::DLE, pce::NACK, pce::SYN}) {
    const auto blocks = pce::frame_message(std::vector<std::uint8_t>{0x41, code, 0x42});
    ASSERT_EQ(blocks.size(), 1U);
    EXPECT_EQ(pce::seven_bits(blocks[0][0]), 0x41);
    EXPECT_EQ(pce::seven_bits(blocks[0][1]), pce::DLE);
    EXPECT_EQ(pce::seven_bits(blocks[0][2]), code);
    EXPECT_EQ(pce::seven_bits(blocks[0][3]), 0x42);
    EXPECT_EQ(blocks[0][4], pce::NUL);
  }
}

TEST(PceBlock, PairEndingExactlyAtCharacter15StaysInItsBlock) {
  std::vector<std::uint8_t> data(13, 0x41);
  data.push_back(pce::NACK);  // DLE at character 14, NACK at 15
  data.push_back(0x42);
  const auto blocks = pce::frame_message(data);
  ASSERT_EQ(blocks.size(), 2U);
  EXPECT_EQ(pce::seven_bits(blocks[0][13]), pce::DLE);
  EXPECT_EQ(pce::seven_bits(blocks[0][14]), pce::NACK);
  EXPECT_EQ(pce::seven_bits(blocks[1][0]), 0x42);
}

TEST(PceBlock, NoBlockSplitsADlePairOrStartsWithNul) {
  // Every phase of a run of reserved characters against the block boundary.
  for (int prefix = 0; prefix < 16; ++prefix) {
    std::vector<std::uint8_t> data(static_cast<std::size_t>(prefix), 0x20);
    for (int i = 0; i < 40; ++i) data.push_back(i % 3 == 0 ? pce::NUL : (i % 3 == 1 ? pce::DLE : 0x55));
    std::string delivered;
    for (const auto& block : pce::frame_message(data)) {
      EXPECT_NE(block[0], pce::NUL);
      bool escaped = false;
      for (std::size_t i = 0; i < pce::kInfoChars; ++i) {
        const auto v = pce::seven_bits(block[i]);
        escaped = !escaped && v == pce::DLE;
      }
      EXPECT_FALSE(escaped) << "a DLE ends a block, prefix " << prefix;
      EXPECT_EQ(pce::check_block(block).verdict, pce::BlockVerdict::correct);
      pce::append_payload(block, delivered);
    }
    EXPECT_EQ(delivered, std::string(data.begin(), data.end()));
  }
}

TEST(PceBlock, FramerPadsOnlyWhenAsked) {
  pce::BlockFramer framer;
  framer.push(raw("ABC"));
  EXPECT_TRUE(framer.has_partial());
  EXPECT_FALSE(framer.has_ready());
  framer.push(raw("DEFGHIJKLMNO"));  // exactly 15
  EXPECT_FALSE(framer.has_partial());
  EXPECT_EQ(framer.ready_count(), 1U);
  framer.pad();  // nothing partial: no empty block
  EXPECT_EQ(framer.ready_count(), 1U);
  framer.push(0x50);
  framer.pad();
  EXPECT_EQ(framer.ready_count(), 2U);
}

TEST(PceBlockCheck, IntactBlockIsCorrect) {
  const auto check = pce::check_block(block_of(kBonjourLine));
  EXPECT_EQ(check.verdict, pce::BlockVerdict::correct);
}

TEST(PceBlockCheck, Example1FlipOfBit3InCharacter5IsCorrected) {
  auto block = block_of(kBonjourLine);
  block[4] ^= 0x08;
  const auto check = pce::check_block(block);
  ASSERT_EQ(check.verdict, pce::BlockVerdict::corrected);
  EXPECT_EQ(check.corrected_char, 4);
  EXPECT_EQ(check.corrected_bit, 3);
  EXPECT_EQ(str(check.block), kBonjourLine);
}

TEST(PceBlockCheck, EverySingleErrorInTheCodeWordIsCorrected) {
  for (int c = 0; c < 16; ++c) {
    for (int bit = 0; bit < 8; ++bit) {
      if (c == 15 && bit == 7) continue;  // the CRC character's parity bit is outside the code word
      auto block = block_of(kBonjourLine);
      block[static_cast<std::size_t>(c)] ^= static_cast<std::uint8_t>(1U << bit);
      const auto check = pce::check_block(block);
      EXPECT_EQ(check.verdict, pce::BlockVerdict::corrected) << c << ":" << bit;
      EXPECT_EQ(str(check.block), kBonjourLine) << c << ":" << bit;
    }
  }
}

TEST(PceBlockCheck, ErrorInTheCrcParityBitAsksForRepetitionAsStumSays) {
  auto block = block_of(kBonjourLine);
  block[15] ^= 0x80;
  const auto check = pce::check_block(block);
  EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
  EXPECT_EQ(check.reason, pce::BadReason::crc_mismatch);
}

TEST(PceBlockCheck, Character17MustBeAnIntactNul) {
  for (const std::uint8_t end : {std::uint8_t{0x80}, std::uint8_t{0x01}, std::uint8_t{0x30}}) {
    auto block = block_of(kBonjourLine);
    block[16] = end;
    const auto check = pce::check_block(block);
    EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
    EXPECT_EQ(check.reason, pce::BadReason::invalid_end);
  }
}

TEST(PceBlockCheck, TwoParityErrorsAreBad) {
  auto block = block_of(kBonjourLine);
  block[2] ^= 0x01;
  block[9] ^= 0x10;
  const auto check = pce::check_block(block);
  EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
  EXPECT_EQ(check.reason, pce::BadReason::parity_errors);
}

TEST(PceBlockCheck, TwoFlipsInOneCharacterPassParityButNotTheCrc) {
  auto block = block_of(kBonjourLine);
  block[6] ^= 0x05;
  const auto check = pce::check_block(block);
  EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
  EXPECT_EQ(check.reason, pce::BadReason::crc_mismatch);
}

TEST(PceBlockCheck, FramingErrorMakesTheBlockBad) {
  const auto check = pce::check_block(block_of(kBonjourLine), 1U << 3);
  EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
  EXPECT_EQ(check.reason, pce::BadReason::framing_error);
}

TEST(PceBlockCheck, CorrectionCanBeTurnedOff) {
  auto block = block_of(kBonjourLine);
  block[4] ^= 0x08;
  const auto check = pce::check_block(block, 0, /*allow_correction=*/false);
  EXPECT_EQ(check.verdict, pce::BlockVerdict::bad);
  EXPECT_EQ(check.reason, pce::BadReason::uncorrectable);
}

TEST(PceBlockCheck, NoErrorOfOneOrTwoBitsIsEverAcceptedWithWrongData) {
  // Exhaustive over the 136 bits of a block: the (127,120) Hamming code plus per-character parity either
  // restores the block or rejects it. (Three errors can fool it: see docs/PCE.md, residual error rate.)
  const auto original = block_of(kBonjourLine);
  const auto accepted_wrong = [&](const pce::Block& b) {
    const auto check = pce::check_block(b);
    return check.verdict != pce::BlockVerdict::bad && check.block != original;
  };
  int patterns = 0;
  for (int i = 0; i < 136; ++i) {
    auto one = original;
    one[static_cast<std::size_t>(i / 8)] ^= static_cast<std::uint8_t>(1U << (i % 8));
    EXPECT_FALSE(accepted_wrong(one)) << i;
    for (int j = i + 1; j < 136; ++j) {
      auto two = one;
      two[static_cast<std::size_t>(j / 8)] ^= static_cast<std::uint8_t>(1U << (j % 8));
      EXPECT_FALSE(accepted_wrong(two)) << i << "," << j;
      ++patterns;
    }
  }
  EXPECT_EQ(patterns, 136 * 135 / 2);
}

TEST(PceBlockPayload, PaddingAndTransparencyDlesAreRemoved) {
  std::string out;
  pce::InfoChars info{0x41, 0x10, 0x00, 0x10, 0x10, 0x42, 0x00, 0x00, 0x10, 0x16, 0x00, 0x00, 0x00, 0x00, 0x00};
  pce::append_payload(pce::encode_block(info), out);
  EXPECT_EQ(out, bytes("41 00 10 42 16"));
}
