// The bytes of every page-building helper (videotex-terminal.md §3-§6, vdt-format.md §2) and of REP compression,
// including streams whose sequence parameters look like displayable characters.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_paths.hpp"
#include "videotex/encoder.hpp"
#include "videotex/screen.hpp"

namespace pavi::videotex {
namespace {

using test::bytes;

TEST(EncoderHelpers, ClearAndStatusRow) {
  EXPECT_EQ(encode::clear(), bytes("0C"));
  EXPECT_EQ(encode::clear_status_row(), bytes("1F 40 41 18 0A"));
  EXPECT_EQ(encode::clear_to_end_of_line(), bytes("18"));
}

TEST(EncoderHelpers, PositionIsUsPlusRowAndColumn) {
  EXPECT_EQ(encode::position(0, 1), bytes("1F 40 41"));
  EXPECT_EQ(encode::position(1, 1), bytes("1F 41 41"));
  EXPECT_EQ(encode::position(5, 25), bytes("1F 45 59"));  // videotex-terminal.md §6 example
  EXPECT_EQ(encode::position(24, 40), bytes("1F 58 68"));
  for (int row = 0; row <= 24; ++row) {
    for (int col = 1; col <= 40; ++col) {
      const std::string p = encode::position(row, col);
      ASSERT_EQ(p.size(), 3U);
      EXPECT_EQ(p[1], static_cast<char>(0x40 + row));
      EXPECT_EQ(p[2], static_cast<char>(0x40 + col));
    }
  }
}

TEST(EncoderHelpers, PositionOutOfRangeIsClamped) {
  EXPECT_EQ(encode::position(-3, 0), bytes("1F 40 41"));
  EXPECT_EQ(encode::position(25, 41), bytes("1F 58 68"));
  EXPECT_EQ(encode::position(100, -100), bytes("1F 58 41"));
}

TEST(EncoderHelpers, ColoursAreEscFortyAndFifty) {
  for (int i = 0; i < 8; ++i) {
    const auto colour = static_cast<Colour>(i);
    EXPECT_EQ(encode::foreground(colour), std::string({'\x1B', static_cast<char>(0x40 + i)})) << i;
    EXPECT_EQ(encode::background(colour), std::string({'\x1B', static_cast<char>(0x50 + i)})) << i;
  }
  EXPECT_EQ(encode::foreground(Colour::blue), bytes("1B 44"));
  EXPECT_EQ(encode::background(Colour::white), bytes("1B 57"));
}

TEST(EncoderHelpers, Sizes) {
  EXPECT_EQ(encode::size(CharSize::normal), bytes("1B 4C"));
  EXPECT_EQ(encode::size(CharSize::double_height), bytes("1B 4D"));
  EXPECT_EQ(encode::size(CharSize::double_width), bytes("1B 4E"));
  EXPECT_EQ(encode::size(CharSize::double_size), bytes("1B 4F"));
}

TEST(EncoderHelpers, OnOffAttributes) {
  EXPECT_EQ(encode::blink(true), bytes("1B 48"));
  EXPECT_EQ(encode::blink(false), bytes("1B 49"));
  EXPECT_EQ(encode::inverse(true), bytes("1B 5D"));
  EXPECT_EQ(encode::inverse(false), bytes("1B 5C"));
  EXPECT_EQ(encode::underline(true), bytes("1B 5A"));
  EXPECT_EQ(encode::underline(false), bytes("1B 59"));
  EXPECT_EQ(encode::mask(true), bytes("1B 58"));
  EXPECT_EQ(encode::mask(false), bytes("1B 5F"));
  EXPECT_EQ(encode::cursor(true), bytes("11"));
  EXPECT_EQ(encode::cursor(false), bytes("14"));
  EXPECT_EQ(encode::mosaic_mode(), bytes("0E"));
  EXPECT_EQ(encode::text_mode(), bytes("0F"));
}

TEST(EncoderMosaic, KnownValues) {
  EXPECT_EQ(encode::mosaic(0), bytes("20"));   // empty
  EXPECT_EQ(encode::mosaic(63), bytes("7F"));  // full block
  EXPECT_EQ(encode::mosaic(1), bytes("21"));   // top left
  EXPECT_EQ(encode::mosaic(3), bytes("23"));   // top row (vdt-format.md §5.3)
  EXPECT_EQ(encode::mosaic(31), bytes("3F"));  // all but bottom right
  EXPECT_EQ(encode::mosaic(32), bytes("60"));  // bottom right alone: code bit 6
  EXPECT_EQ(encode::mosaic(21), bytes("35"));  // left column
  EXPECT_EQ(encode::mosaic(42), bytes("6A"));  // right column
}

TEST(EncoderMosaic, AllSixtyFourValuesAreCanonicalAndInvertible) {
  for (int v = 0; v < 64; ++v) {
    const std::string m = encode::mosaic(static_cast<std::uint8_t>(v));
    ASSERT_EQ(m.size(), 1U);
    const auto code = static_cast<std::uint8_t>(m[0]);
    EXPECT_TRUE((code >= 0x20 && code <= 0x3F) || (code >= 0x60 && code <= 0x7F)) << v;  // §5.3 canonical codes
    EXPECT_EQ(mosaic_sextants(code), v);
  }
}

TEST(EncoderMosaic, OnlySixBitsAreUsed) {
  EXPECT_EQ(encode::mosaic(64 + 5), encode::mosaic(5));
  EXPECT_EQ(encode::mosaic(0xFF), encode::mosaic(63));
}

TEST(EncoderText, AsciiIsUnchanged) {
  EXPECT_EQ(encode::text("Hello, world!"), "Hello, world!");
  EXPECT_EQ(encode::text(""), "");
  EXPECT_EQ(encode::text("$#"), "$#");  // plain G0, not SS2 24 / SS2 26
}

TEST(EncoderText, AccentsAndSymbolsUseSs2) {
  EXPECT_EQ(encode::text("Café"), bytes(R"("Caf" 19 42 65)"));
  EXPECT_EQ(encode::text("crème brûlée"), bytes(R"("cr" 19 41 65 "me br" 19 43 75 "l" 19 42 65 "e")"));
  EXPECT_EQ(encode::text("ça"), bytes(R"(19 4B 63 "a")"));
  EXPECT_EQ(encode::text("Ç"), bytes("19 4B 63"));  // sent as ç, as MiniPavi does
  EXPECT_EQ(encode::text("É"), bytes("19 42 45"));
  EXPECT_EQ(encode::text("£ § ° ½"), bytes("19 23 20 19 27 20 19 30 20 19 3D"));
  EXPECT_EQ(encode::text("ß"), bytes("19 7B"));
}

TEST(EncoderText, ControlsAreDroppedAndUnknownCharactersBecomeStandIns) {
  EXPECT_EQ(encode::text("a\nb\x1B" "c"), "abc");
  EXPECT_EQ(encode::text("5€"), "5EUR");
  EXPECT_EQ(encode::text("漢"), "?");
  EXPECT_EQ(encode::text("a\xFF" "b"), "a?b");  // invalid UTF-8
}

TEST(EncoderText, RunsAreCompressedOnlyWhenShorter) {
  // REP n costs two bytes: a plain byte gains from 4 copies, a G2 symbol from 3, an accented letter from 2.
  EXPECT_EQ(encode::text("AAA"), "AAA");
  EXPECT_EQ(encode::text("AAAA"), bytes("41 12 43"));
  EXPECT_EQ(encode::text("xAAAAAy"), bytes("78 41 12 44 79"));
  EXPECT_EQ(encode::text("éé"), bytes("19 42 65 12 41"));  // 5 bytes instead of 6
  EXPECT_EQ(encode::text("££"), bytes("19 23 19 23"));
  EXPECT_EQ(encode::text("£££"), bytes("19 23 12 42"));
  EXPECT_EQ(encode::text("èé"), bytes("19 41 65 19 42 65"));  // different letters: no run
  EXPECT_EQ(encode::text("    "), bytes("20 12 43"));
}

TEST(EncoderText, LongRunsTakeSeveralReps) {
  EXPECT_EQ(encode::text(std::string(64, '-')), bytes("2D 12 7F"));
  EXPECT_EQ(encode::text(std::string(65, '-')), bytes("2D 12 7F 2D"));
  EXPECT_EQ(encode::text(std::string(66, '-')), bytes("2D 12 7F 2D 2D"));
  EXPECT_EQ(encode::text(std::string(67, '-')), bytes("2D 12 7F 12 43"));
  EXPECT_EQ(encode::text(std::string(200, ' ')), bytes("20 12 7F 12 7F 12 7F 12 4A"));
}

TEST(EncoderRepeat, CountIsTheTotalNumberOfCopies) {
  EXPECT_EQ(encode::repeat("A", 0), "");
  EXPECT_EQ(encode::repeat("A", -4), "");
  EXPECT_EQ(encode::repeat("", 9), "");
  EXPECT_EQ(encode::repeat("A", 1), "A");
  EXPECT_EQ(encode::repeat("A", 3), "AAA");
  EXPECT_EQ(encode::repeat("A", 4), bytes("41 12 43"));
  EXPECT_EQ(encode::repeat("A", 100), bytes("41 12 7F 12 64"));
  EXPECT_EQ(encode::repeat(bytes("19 42 65"), 2), bytes("19 42 65 12 41"));
  EXPECT_EQ(encode::repeat(encode::mosaic(63), 8), bytes("7F 12 47"));  // vdt-format.md §5.3
}

TEST(EncoderCompress, ParametersOfSequencesAreNotPartOfRuns) {
  // ESC 41 (red) then four A: the colour byte must not be counted.
  EXPECT_EQ(encode::compress(bytes("1B 41 41 41 41 41")), bytes("1B 41 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("1B 41 41 41 41")), bytes("1B 41 41 41 41"));
  // US 41 41 then four A.
  EXPECT_EQ(encode::compress(bytes("1F 41 41 41 41 41 41")), bytes("1F 41 41 41 12 43"));
  // REP, SEP, SS3 parameters.
  EXPECT_EQ(encode::compress(bytes("12 41 41 41 41 41")), bytes("12 41 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("13 41 41 41 41 41")), bytes("13 41 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("1D 41 41 41 41 41")), bytes("1D 41 41 12 43"));
  // ESC 35 x (ignored, 3 bytes).
  EXPECT_EQ(encode::compress(bytes("1B 35 41 41 41 41 41")), bytes("1B 35 41 41 12 43"));
}

TEST(EncoderCompress, ProtocolSequencesAreKept) {
  EXPECT_EQ(encode::compress(bytes("1B 3B 61 41 41 41 41 41")), bytes("1B 3B 61 41 41 41 41 41"));
  EXPECT_EQ(encode::compress(bytes("1B 3A 69 43 43 43 43")), bytes("1B 3A 69 43 43 43 43"));
  EXPECT_EQ(encode::compress(bytes("1B 3A 69 43 43 43 43 43")), bytes("1B 3A 69 43 43 12 43"));
  EXPECT_EQ(encode::compress(bytes("1B 39 7B 7B 7B 7B 7B")), bytes("1B 39 7B 7B 12 43"));
  // PRO2 TRANSPARENCE: the next n bytes are not interpreted.
  EXPECT_EQ(encode::compress(bytes("1B 3A 66 05 41 41 41 41 41 42 42 42 42")),
            bytes("1B 3A 66 05 41 41 41 41 41 42 12 43"));
  // A protocol sequence inside US addressing is lifted out; the US parameters follow it (§2 rule 3).
  EXPECT_EQ(encode::compress(bytes("1F 1B 39 7B 45 41 41 41 41 41")), bytes("1F 1B 39 7B 45 41 41 12 43"));
}

TEST(EncoderCompress, NulInsideASequenceDoesNotEndIt) {
  EXPECT_EQ(encode::compress(bytes("1B 00 41 41 41 41 41")), bytes("1B 00 41 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("1F 41 00 41 41 41 41 41")), bytes("1F 41 00 41 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("19 00 42 65 19 42 65")), bytes("19 00 42 65 19 42 65"));
}

TEST(EncoderCompress, CsiAndIso2022AreKept) {
  EXPECT_EQ(encode::compress(bytes("1B 5B 33 33 33 33 43")), bytes("1B 5B 33 33 33 33 43"));
  EXPECT_EQ(encode::compress(bytes("1B 5B 31 32 3B 30 35 48 48 48 48 48")),
            bytes("1B 5B 31 32 3B 30 35 48 48 12 43"));
  EXPECT_EQ(encode::compress(bytes("1B 23 20 58 58 58 58 58")), bytes("1B 23 20 58 58 12 43"));
  EXPECT_EQ(encode::compress(bytes("1B 28 20 42 42 42 42 42")), bytes("1B 28 20 42 42 12 43"));
}

TEST(EncoderCompress, ScreenTransparencyIsKept) {
  EXPECT_EQ(encode::compress(bytes("1B 25 41 41 41 41 41 1B 25 40 42 42 42 42")),
            bytes("1B 25 41 41 41 41 41 1B 25 40 42 12 43"));
}

TEST(EncoderCompress, DrcsPatternsAreKept) {
  const std::string drcs = bytes("1F 23 20 20 20 42 49 1F 23 21 30 40 40 40 40 40 40 40 40 40 40 40 40 40 40 30");
  EXPECT_EQ(encode::compress(drcs + bytes("1F 41 41 43 43 43 43")), drcs + bytes("1F 41 41 43 12 43"));
}

TEST(EncoderCompress, DrcsHeaderAndDefinitionEndWhereTheTerminalEndsThem) {
  // The header takes 5 parameters, then characters are displayed again.
  EXPECT_EQ(encode::compress(bytes("1F 23 20 20 20 42 49 41 41 41 41")), bytes("1F 23 20 20 20 42 49 41 12 43"));
  // A definition's pattern bytes run up to the next control (here CR).
  EXPECT_EQ(encode::compress(bytes("1F 23 21 30 41 41 41 41 0D 41 41 41 41")),
            bytes("1F 23 21 30 41 41 41 41 0D 41 12 43"));
}

TEST(EncoderCompress, EscapeFollowedByEscapeIsDropped) {
  // The first ESC is dropped; the second opens PRO3 with 3 arguments; four A remain.
  EXPECT_EQ(encode::compress(bytes("1B 1B 3B 41 41 41 41 41 41 41")), bytes("1B 1B 3B 41 41 41 41 12 43"));
}

TEST(EncoderCompress, ControlInsideASequenceAbortsIt) {
  // US dropped, CR executed, then four displayed A (rule 4).
  EXPECT_EQ(encode::compress(bytes("1F 0D 41 41 41 41")), bytes("1F 0D 41 12 43"));
  // An accent whose letter never comes: the sequence is dropped.
  EXPECT_EQ(encode::compress(bytes("19 42 0D 65 65 65 65")), bytes("19 42 0D 65 12 43"));
}

TEST(EncoderCompress, Ss2CharactersAreOneCharacter) {
  EXPECT_EQ(encode::compress(bytes("19 42 65 19 42 65 19 42 65")), bytes("19 42 65 12 42"));
  EXPECT_EQ(encode::compress(bytes("19 23 19 23 19 23")), bytes("19 23 12 42"));
  EXPECT_EQ(encode::compress(bytes("65 19 42 65 19 42 65")), bytes("65 19 42 65 12 41"));
}

TEST(EncoderCompress, Ss2InMosaicModeIsNotRepeated) {
  // A Minitel ignores SS2 in G1 (the MiniPavi emulator does not): either way the bytes must stay.
  const std::string g1 = bytes("0E 19 42 65 19 42 65 19 42 65");
  EXPECT_EQ(encode::compress(g1), g1);
  EXPECT_EQ(encode::compress(bytes("0E 0F 19 42 65 19 42 65")), bytes("0E 0F 19 42 65 12 41"));
  EXPECT_EQ(encode::compress(bytes("0E 1F 41 41 19 42 65 19 42 65")), bytes("0E 1F 41 41 19 42 65 12 41"));
  // US 30 30 is not an address (row 0 is only reached with US 40 c), so G1 stays; US 30 35 is row 5.
  const std::string old_form_row0 = bytes("0E 1F 30 30 19 42 65 19 42 65");
  EXPECT_EQ(encode::compress(old_form_row0), old_form_row0);
  EXPECT_EQ(encode::compress(bytes("0E 1F 30 35 19 42 65 19 42 65")), bytes("0E 1F 30 35 19 42 65 12 41"));
  // Row 0 entered from G1: LF returns to G1.
  const std::string row0 = bytes("0E 1F 40 41 0A 19 42 65 19 42 65");
  EXPECT_EQ(encode::compress(row0), row0);
}

TEST(EncoderCompress, MosaicsDelAndHighBitBytes) {
  EXPECT_EQ(encode::compress(bytes("0E 7F 7F 7F 7F 0F")), bytes("0E 7F 12 43 0F"));
  EXPECT_EQ(encode::compress(bytes("7F 7F 7F 7F 7F")), bytes("7F 12 44"));
  EXPECT_EQ(encode::compress(bytes("C1 C1 C1 C1")), bytes("C1 12 43"));
}

TEST(EncoderCompress, ExistingRepsAndControlsBreakRuns) {
  EXPECT_EQ(encode::compress(bytes("41 12 43 41 41 41 41")), bytes("41 12 43 41 12 43"));
  EXPECT_EQ(encode::compress(bytes("41 41 41 00 41 41 41")), bytes("41 41 41 00 41 41 41"));
  EXPECT_EQ(encode::compress(bytes("41 41 41 41 0D 41 41 41 41")), bytes("41 12 43 0D 41 12 43"));
}

TEST(EncoderCompress, CompressedStreamsAreStable) {
  const std::string once =
      encode::compress(bytes("0C 1F 41 41 1B 41 41 41 41 41 41 19 42 65 19 42 65 0E 7F 7F 7F 7F 7F"));
  EXPECT_EQ(once, bytes("0C 1F 41 41 1B 41 41 12 44 19 42 65 12 41 0E 7F 12 44"));
  EXPECT_EQ(encode::compress(once), once);
}

TEST(EncoderPage, HelpersCompose) {
  const std::string page = encode::Page()
                               .clear()
                               .cursor(false)
                               .at(1, 1)
                               .fg(Colour::red)
                               .text("Hé")
                               .clear_eol()
                               .at(2, 3)
                               .mosaics()
                               .mosaic(63)
                               .alpha()
                               .cursor(true)
                               .str();
  EXPECT_EQ(page, bytes(R"(0C 14 1F 41 41 1B 41 "H" 19 42 65 18 1F 42 43 0E 7F 0F 11)"));
}

// vdt-format.md §5.3: the worked example, built with the helpers, is byte for byte the documented stream.
TEST(EncoderPage, BuildsTheWorkedExampleOfTheDumpFormat) {
  const std::string page = encode::Page()
                               .clear()
                               .cursor(false)
                               .at(0, 1)
                               .text("MINIPAVI")
                               .raw("\n")
                               .at(1, 1)
                               .fg(Colour::blue)
                               .text("Café")
                               .at(2, 1)
                               .mosaics()
                               .fg(Colour::red)
                               .repeat(encode::mosaic(63), 8)
                               .mosaic(1 | 2)
                               .alpha()
                               .at(3, 1)
                               .bg(Colour::blue)
                               .text(" Hello")
                               .bg(Colour::black)
                               .text(" !")
                               .at(5, 5)
                               .size(CharSize::double_width)
                               .text("AB")
                               .str();
  EXPECT_EQ(page, bytes(R"(0C 14 1F 40 41 4D 49 4E 49 50 41 56 49 0A 1F 41 41 1B 44 43 61 66 19 42 65
                          1F 42 41 0E 1B 41 7F 12 47 23 0F 1F 43 41 1B 54 20 48 65 6C 6C 6F 1B 50 20 21
                          1F 45 45 1B 4E 41 42)"));
}

}  // namespace
}  // namespace pavi::videotex
