// Decoder, G2 via SS2 (videotex-terminal.md §5.2; vdt-format.md §5.1): symbols, accents combining with the next
// letter, unknown codes shown as '_', accents on letters without an accented form, SS2 + C0, SS2 in G1, REP.
#include <gtest/gtest.h>

#include <sstream>
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

std::string token(const Screen& screen, int row, int col) {
  std::istringstream lines(attribute_dump(screen));
  std::string line;
  for (int r = 0; r <= row; ++r) std::getline(lines, line);
  const std::size_t at = 4 + static_cast<std::size_t>(col - 1) * 6;
  return line.size() >= at + 5 ? line.substr(at, 5) : "<missing>";
}

struct Expected {
  const char* bytes;
  const char* text;
};

// §5.2 table (VGP5 glyphs) and vdt-format.md §5.1 (G2 7B -> β).
TEST(DecoderG2, Symbols) {
  const Expected cases[] = {
      {"19 23", "£"}, {"19 24", "$"}, {"19 26", "#"}, {"19 27", "§"}, {"19 2C", "←"}, {"19 2D", "↑"},
      {"19 2E", "→"}, {"19 2F", "↓"}, {"19 30", "°"}, {"19 31", "±"}, {"19 38", "÷"}, {"19 3C", "¼"},
      {"19 3D", "½"}, {"19 3E", "¾"}, {"19 6A", "Œ"}, {"19 7A", "œ"}, {"19 7B", "β"},
  };
  for (const Expected& c : cases) {
    const Decoder decoder = decoded(c.bytes);
    EXPECT_EQ(text(decoder.screen(), 1), c.text) << c.bytes;
    EXPECT_EQ(decoder.screen().at(1, 1).kind, CellKind::alpha) << c.bytes;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << c.bytes;
  }
}

// §5.2: the five diacritics combine with the next letter into one cell (the VGP5 repertoire).
TEST(DecoderG2, AccentedLetters) {
  const Expected cases[] = {
      {"19 41 61", "à"}, {"19 43 61", "â"}, {"19 48 61", "ä"}, {"19 42 65", "é"}, {"19 41 65", "è"},
      {"19 43 65", "ê"}, {"19 48 65", "ë"}, {"19 43 69", "î"}, {"19 48 69", "ï"}, {"19 48 6F", "ö"},
      {"19 43 6F", "ô"}, {"19 41 75", "ù"}, {"19 43 75", "û"}, {"19 48 75", "ü"}, {"19 4B 63", "ç"},
  };
  for (const Expected& c : cases) {
    const Decoder decoder = decoded(c.bytes);
    EXPECT_EQ(text(decoder.screen(), 1), c.text) << c.bytes;
    EXPECT_EQ(decoder.screen().at(1, 1).set, CharSet::G2) << c.bytes;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << c.bytes;
  }
}

// §5.2: the accent itself does not advance the cursor; the combined character is one cell.
TEST(DecoderG2, AccentWaitsForItsLetter) {
  Decoder decoder = decoded(R"("Caf" 19 42)");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 4}));
  EXPECT_EQ(text(decoder.screen(), 1), "Caf");
  decoder.feed(bytes(R"(65 "!")"));
  EXPECT_EQ(text(decoder.screen(), 1), "Café!");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 6}));
}

// §5.2: a G2 code outside the repertoire displays a low horizontal bar.
TEST(DecoderG2, UnknownCodeShowsLowBar) {
  for (const char* code : {"19 25", "19 28", "19 50", "19 7E"}) {
    const Decoder decoder = decoded(code);
    EXPECT_EQ(text(decoder.screen(), 1), "_") << code;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << code;
  }
}

// §5.2: an accent followed by a letter with no accented form displays the letter alone (no accented capitals).
TEST(DecoderG2, AccentOnLetterWithoutAccentedForm) {
  const Expected cases[] = {{"19 42 61", "a"}, {"19 41 41", "A"}, {"19 42 45", "E"}, {"19 4B 65", "e"}};
  for (const Expected& c : cases) {
    const Decoder decoder = decoded(c.bytes);
    EXPECT_EQ(text(decoder.screen(), 1), c.text) << c.bytes;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << c.bytes;
  }
}

// §2.4, §5.2: SS2 followed by a C0 control: the control is executed, SS2 is dropped.
TEST(DecoderG2, Ss2FollowedByControl) {
  const Decoder decoder = decoded(R"("AB" 19 0D "C")");
  EXPECT_EQ(text(decoder.screen(), 1), "CB");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
  const Decoder line_feed = decoded(R"("AB" 19 0A "C")");
  EXPECT_EQ(text(line_feed.screen(), 2), "  C");
}

// §2.4: an accent waiting for its letter is dropped by a C0 control as well.
TEST(DecoderG2, AccentFollowedByControl) {
  const Decoder decoder = decoded(R"("AB" 19 42 0D "e")");
  EXPECT_EQ(text(decoder.screen(), 1), "eB");
}

// §3, §5.2: SS2 is ignored in G1 mode; the next byte is an ordinary mosaic.
TEST(DecoderG2, Ss2IgnoredInG1) {
  const Decoder decoder = decoded("0E 19 23");
  EXPECT_EQ(decoder.screen().at(1, 1).kind, CellKind::mosaic);
  EXPECT_EQ(text(decoder.screen(), 1), "\U0001FB02");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §3 REP, §5.2: the combined character is what REP repeats.
TEST(DecoderG2, RepOfAccentedCharacter) {
  const Decoder decoder = decoded("19 42 65 12 42");
  EXPECT_EQ(text(decoder.screen(), 1), "ééé");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 4}));
  const Decoder symbol = decoded("19 23 12 41");
  EXPECT_EQ(text(symbol.screen(), 1), "££");
}

// §2.2: NUL inside an SS2 sequence does not break it.
TEST(DecoderG2, NulInsideSs2) {
  EXPECT_EQ(text(decoded("19 00 42 00 65").screen(), 1), "é");
  EXPECT_EQ(text(decoded("19 00 23").screen(), 1), "£");
}

// §8: G2 characters take the current parallel attributes.
TEST(DecoderG2, AccentedCharacterTakesCurrentAttributes) {
  const Decoder decoder = decoded("1B 41 1B 5D 19 42 65");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "102n1");
}

}  // namespace
