// Decoder, robustness (videotex-terminal.md §2; vdt-format.md §1, §6): truncated sequences, resynchronisation on
// C0, bit 7 cleared and counted, parity-error blocks, ignored unknown sequences, random input never breaks it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

using namespace pavi::videotex;
using pavi::test::bytes;

Decoder decoded(std::string_view spec) {
  Decoder decoder;
  decoder.feed(bytes(spec));
  return decoder;
}

std::string text(const Screen& screen, int row) {
  std::string line = row_text(screen, row);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

bool cursor_in_range(const Screen& screen) {
  return screen.cursor.row >= 0 && screen.cursor.row <= 24 && screen.cursor.col >= 1 && screen.cursor.col <= 40;
}

// §2.4: a sequence cut by the end of the input displays nothing and answers nothing.
TEST(DecoderRobustness, TruncatedSequencesAtEndOfInput) {
  for (const char* tail : {"1B", "1F", "1F 45", "12", "19", "19 42", "1B 5B", "1B 5B 32", "1B 5B 32 3B", "1B 39",
                           "1B 3A", "1B 3A 69", "1B 3B 69 59", "1B 23", "1B 23 20", "1B 28", "1B 28 20", "1B 29",
                           "1B 35", "13", "1D", "1F 23 20 20", "1F 23 20 20 20 42 49 1F 23 21 30 41"}) {
    Decoder decoder;
    EXPECT_NO_THROW(decoder.feed(bytes(std::string(R"("AB" )") + tail))) << tail;
    EXPECT_EQ(text(decoder.screen(), 1), "AB") << tail;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 3})) << tail;
    EXPECT_EQ(decoder.take_replies(), "") << tail;
  }
}

// §2.4: US, ESC, REP, SS2 or ISO 2022/6429 parameters interrupted by a C0 control: the sequence is dropped and the
// control executed normally.
TEST(DecoderRobustness, ResynchronisationOnControl) {
  for (const char* cut : {"1B", "1F", "1F 45", "12", "19", "19 42", "1B 5B", "1B 5B 32", "1B 5B 32 3B 35", "1B 28",
                          "1B 28 20", "1B 23", "1B 23 20", "1B 29"}) {
    const Decoder decoder = decoded(std::string(R"("XY" )") + cut + R"( 0D "A")");
    EXPECT_EQ(text(decoder.screen(), 1), "AY") << cut;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << cut;
  }
  const Decoder line_feed = decoded(R"("XY" 1F 0A "A")");
  EXPECT_EQ(text(line_feed.screen(), 2), "  A");
}

// §2.4: ESC interrupted by ESC: the first is dropped, the second starts a new sequence.
TEST(DecoderRobustness, EscapeInterruptedByEscape) {
  const Decoder decoder = decoded(R"(1B 1B 41 "A")");
  EXPECT_EQ(decoder.screen().at(1, 1).fg, Colour::red);
  EXPECT_EQ(text(decoder.screen(), 1), "A");
}

// §2.1, vdt-format.md §1 and §6.1: bit 7 is cleared, and such bytes are counted.
TEST(DecoderRobustness, HighBitCleared) {
  const Decoder decoder = decoded(R"("X" C1 C2 "Y" 8D "Z")");  // C1 C2 -> "AB", 8D -> CR
  EXPECT_EQ(text(decoder.screen(), 1), "ZABY");
  EXPECT_EQ(decoder.stats().high_bit_bytes, 3U);
  EXPECT_EQ(decoder.stats().bytes, 6U);
}

// §2.1: a character received with a parity or framing error is displayed as the error block (like SUB).
TEST(DecoderRobustness, FeedErrorShowsErrorBlock) {
  Decoder decoder = decoded("1B 41");
  decoder.feed_error();
  EXPECT_EQ(decoder.screen().at(1, 1).kind, CellKind::error);
  EXPECT_EQ(decoder.screen().at(1, 1).fg, Colour::red);
  EXPECT_EQ(text(decoder.screen(), 1), "\u2592");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §2.5: undefined ESC x (2 bytes), ESC 35/36/37 x (3 bytes) and unknown ISO 2022 sequences (up to their final
// byte) are ignored.
TEST(DecoderRobustness, UnknownEscapeSequencesIgnored) {
  const Decoder decoder = decoded(R"(1B 4A "A" 1B 35 41 "B" 1B 36 42 "C" 1B 37 43 "D" 1B 22 20 41 "E" 1B 2A 20 42 "F")");
  EXPECT_EQ(text(decoder.screen(), 1), "ABCDEF");
  EXPECT_GE(decoder.stats().ignored_sequences, 1U);
}

// §3 REP before any character was displayed: nothing breaks.
TEST(DecoderRobustness, RepBeforeAnyCharacter) {
  Decoder decoder;
  EXPECT_NO_THROW(decoder.feed(bytes(R"(12 45 "A")")));
  EXPECT_TRUE(cursor_in_range(decoder.screen()));
  EXPECT_EQ(decoder.screen().at(decoder.screen().cursor.row, decoder.screen().cursor.col - 1).glyph, U'A');
}

// Decoder::reset() returns to the power-on state (§1.4).
TEST(DecoderRobustness, ResetReturnsToPowerOn) {
  Decoder decoder = decoded(R"(1B 3A 69 43 1B 3A 69 44 0E 1B 41 "ABC" 1F 40 41 "S" 11 1B 23 20 5F 1B 39 7B)");
  decoder.reset();
  const Decoder fresh;
  EXPECT_EQ(decoder.screen(), fresh.screen());
  EXPECT_EQ(decoder.take_replies(), "");
  EXPECT_FALSE(decoder.modes().pce);
  EXPECT_EQ(state_line(decoder.screen()), "CUR row=1 col=1 vis=0 set=G0 mode=page mask=on");
}

// Random bytes: never an exception, the cursor always in 0-24 / 1-40, and the dumps stay well formed.
TEST(DecoderRobustness, RandomBytesFuzz) {
  std::mt19937 random(20240601U);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> chunk(1, 64);
  Decoder decoder;
  std::size_t fed = 0;
  while (fed < 100000) {
    std::string piece;
    const int length = chunk(random);
    for (int i = 0; i < length; ++i) piece += static_cast<char>(byte(random));
    ASSERT_NO_THROW(decoder.feed(piece));
    if (byte(random) == 0) {
      ASSERT_NO_THROW(decoder.feed_error());
    }
    fed += piece.size();
    ASSERT_TRUE(cursor_in_range(decoder.screen()))
        << "after " << fed << " bytes: " << decoder.screen().cursor.row << "," << decoder.screen().cursor.col;
    decoder.take_replies();
  }
  std::string dump;
  ASSERT_NO_THROW(dump = text_dump(decoder.screen()));
  EXPECT_EQ(std::count(dump.begin(), dump.end(), '\n'), 25);
  EXPECT_NO_THROW(attribute_dump(decoder.screen()));
  EXPECT_NO_THROW(json_dump(decoder.screen()));
}

// Random Videotex-shaped input (controls, ESC/US/REP/SS2/CSI/PRO prefixes and printable bytes mixed), fed one byte
// at a time so that every intermediate state is checked.
TEST(DecoderRobustness, StructuredFuzzByteByByte) {
  static constexpr std::uint8_t kInteresting[] = {0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x12,
                                                  0x18, 0x19, 0x1A, 0x1B, 0x1E, 0x1F, 0x20, 0x23, 0x25, 0x28,
                                                  0x29, 0x2F, 0x30, 0x32, 0x39, 0x3A, 0x3B, 0x3F, 0x40, 0x41,
                                                  0x42, 0x43, 0x44, 0x4B, 0x4D, 0x4E, 0x4F, 0x5B, 0x5D, 0x61,
                                                  0x66, 0x68, 0x69, 0x6A, 0x7F};
  std::mt19937 random(7U);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kInteresting - 1);
  std::uniform_int_distribution<int> printable(0x20, 0x7F);
  std::bernoulli_distribution interesting(0.6);
  Decoder decoder;
  for (int i = 0; i < 100000; ++i) {
    const std::uint8_t value =
        interesting(random) ? kInteresting[pick(random)] : static_cast<std::uint8_t>(printable(random));
    ASSERT_NO_THROW(decoder.feed(value));
    ASSERT_TRUE(cursor_in_range(decoder.screen()))
        << "byte " << i << ": " << decoder.screen().cursor.row << "," << decoder.screen().cursor.col;
    if (i % 1000 == 0) decoder.take_replies();
  }
  EXPECT_EQ(decoder.stats().bytes, 100000U);
  EXPECT_NO_THROW(text_dump(decoder.screen()));
}

}  // namespace
