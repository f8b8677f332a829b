// The G2 set in both directions: what a VGP5 Minitel shows for SS2 sequences (videotex-terminal.md §5.2), what
// services send for Unicode text, and how MiniPavi turns typed bytes into `content` (service-protocol.md §2.4).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/g2.hpp"
#include "videotex/utf8.hpp"

namespace pavi::videotex {
namespace {

using test::bytes;

struct SymbolCase {
  std::uint8_t code;
  char32_t glyph;
};
// videotex-terminal.md §5.2 table.
const std::vector<SymbolCase> kSpecSymbols = {
    {0x23, U'£'}, {0x24, U'$'}, {0x26, U'#'}, {0x27, U'§'}, {0x2C, U'←'}, {0x2D, U'↑'},
    {0x2E, U'→'}, {0x2F, U'↓'}, {0x30, U'°'}, {0x31, U'±'}, {0x38, U'÷'}, {0x3C, U'¼'},
    {0x3D, U'½'}, {0x3E, U'¾'}, {0x6A, U'Œ'}, {0x7A, U'œ'}, {0x7B, U'β'}};

struct AccentCase {
  std::uint8_t accent;
  char letter;
  char32_t glyph;
};
// The combinations VGP5 supports: à â ä é è ê ë î ï ö ô ù û ü ç.
const std::vector<AccentCase> kVgp5Letters = {
    {0x41, 'a', U'à'}, {0x43, 'a', U'â'}, {0x48, 'a', U'ä'}, {0x42, 'e', U'é'}, {0x41, 'e', U'è'},
    {0x43, 'e', U'ê'}, {0x48, 'e', U'ë'}, {0x43, 'i', U'î'}, {0x48, 'i', U'ï'}, {0x48, 'o', U'ö'},
    {0x43, 'o', U'ô'}, {0x41, 'u', U'ù'}, {0x43, 'u', U'û'}, {0x48, 'u', U'ü'}, {0x4B, 'c', U'ç'}};

std::string ss2(std::uint8_t code) { return {'\x19', static_cast<char>(code)}; }

TEST(G2Display, SymbolsOfTheRepertoire) {
  for (const auto& s : kSpecSymbols) EXPECT_EQ(g2::symbol(s.code), s.glyph) << std::hex << int{s.code};
}

TEST(G2Display, CodesOutsideTheRepertoireHaveNoGlyph) {
  int outside = 0;
  for (int code = 0x20; code < 0x80; ++code) {
    bool listed = false;
    for (const auto& s : kSpecSymbols) listed = listed || s.code == code;
    if (listed || g2::is_accent(static_cast<std::uint8_t>(code))) continue;
    EXPECT_FALSE(g2::symbol(static_cast<std::uint8_t>(code)).has_value()) << std::hex << code;
    ++outside;
  }
  EXPECT_EQ(outside, 96 - 17 - 5);
}

TEST(G2Display, FiveAccents) {
  for (std::uint8_t code : {0x41, 0x42, 0x43, 0x48, 0x4B}) EXPECT_TRUE(g2::is_accent(code)) << int{code};
  for (std::uint8_t code : {0x40, 0x44, 0x45, 0x49, 0x4A, 0x4C, 0x23, 0x65}) EXPECT_FALSE(g2::is_accent(code));
}

TEST(G2Display, AccentedLettersOfVgp5) {
  for (const auto& a : kVgp5Letters) {
    EXPECT_EQ(g2::combine(a.accent, static_cast<std::uint8_t>(a.letter)), a.glyph) << utf8::encode(a.glyph);
  }
}

TEST(G2Display, WithoutAnAccentedFormTheLetterIsShownAlone) {
  EXPECT_EQ(g2::combine(g2::ACUTE, 'E'), U'E');  // STUM 1B: no accented capitals
  EXPECT_EQ(g2::combine(g2::GRAVE, 'A'), U'A');
  EXPECT_EQ(g2::combine(g2::ACUTE, 'a'), U'a');  // á is not in VGP5
  EXPECT_EQ(g2::combine(g2::CEDILLA, 'e'), U'e');
  EXPECT_EQ(g2::combine(g2::GRAVE, 'x'), U'x');
  EXPECT_EQ(g2::combine(g2::DIAERESIS, '1'), U'1');
}

TEST(G2Encode, AsciiIsItself) {
  for (char32_t ch = 0x20; ch < 0x7F; ++ch) EXPECT_EQ(g2::encode_char(ch), std::string(1, static_cast<char>(ch)));
}

TEST(G2Encode, ControlsGiveNothing) {
  for (char32_t ch : {U'\0', U'\n', U'\r', U'\x1B', U'\x7F', U'\x19'}) EXPECT_EQ(g2::encode_char(ch), "");
}

TEST(G2Encode, EveryVgp5LetterIsAccentPlusLetterAndDisplaysAsItself) {
  for (const auto& a : kVgp5Letters) {
    const std::string encoded = g2::encode_char(a.glyph);
    ASSERT_EQ(encoded, ss2(a.accent) + a.letter) << utf8::encode(a.glyph);
    EXPECT_EQ(g2::combine(static_cast<std::uint8_t>(encoded[1]), static_cast<std::uint8_t>(encoded[2])), a.glyph);
  }
}

TEST(G2Encode, EverySymbolMapsBackToItsCode) {
  for (const auto& s : kSpecSymbols) {
    const std::string expected = s.code == 0x24 ? "$" : s.code == 0x26 ? "#" : ss2(s.code);  // $ and # are G0
    EXPECT_EQ(g2::encode_char(s.glyph), expected) << std::hex << int{s.code};
  }
  EXPECT_EQ(g2::encode_char(U'ß'), ss2(0x7B));  // MiniPavi uses β for ß
}

TEST(G2Encode, LettersOutsideVgp5StillSendAccentAndLetter) {
  EXPECT_EQ(g2::encode_char(U'É'), bytes("19 42 45"));
  EXPECT_EQ(g2::encode_char(U'À'), bytes("19 41 41"));
  EXPECT_EQ(g2::encode_char(U'á'), bytes("19 42 61"));
  EXPECT_EQ(g2::encode_char(U'Ç'), bytes("19 4B 63"));  // service-protocol.md §2.4: Ç goes out as ç
}

TEST(G2Encode, TypographyHasAsciiStandIns) {
  EXPECT_EQ(g2::encode_char(U'’'), "'");
  EXPECT_EQ(g2::encode_char(U'«'), "\"");
  EXPECT_EQ(g2::encode_char(U'—'), "-");
  EXPECT_EQ(g2::encode_char(U'…'), "...");
  EXPECT_EQ(g2::encode_char(U'€'), "EUR");
  EXPECT_EQ(g2::encode_char(U'\u00A0'), " ");
  EXPECT_EQ(g2::encode_char(U'漢'), "?");
  EXPECT_EQ(g2::encode_char(U'\U0001F600'), "?");
}

TEST(G2Encode, Strings) {
  EXPECT_EQ(g2::encode("Noël à 5 £"), bytes(R"("No" 19 48 65 "l " 19 41 61 " 5 " 19 23)"));
  EXPECT_EQ(g2::encode("a\xC3" "b"), "a?b");  // truncated UTF-8
  EXPECT_EQ(g2::encode(""), "");
}

// service-protocol.md §2.4, every entry of MiniPavi's table.
struct ContentCase {
  const char* typed;
  const char* text;
};
const std::vector<ContentCase> kContentTable = {
    {"19 42 65", "é"}, {"19 41 65", "è"}, {"19 41 61", "à"}, {"19 4B 63", "ç"}, {"19 43 65", "ê"},
    {"19 42 45", "É"}, {"19 41 45", "È"}, {"19 41 41", "À"}, {"19 43 45", "Ê"}, {"19 7B", "β"},
    {"19 7A", "œ"},    {"19 6A", "Œ"},    {"19 48 75", "ü"}, {"19 43 75", "û"}, {"19 42 75", "ú"},
    {"19 41 75", "ù"}, {"19 48 6F", "ö"}, {"19 43 6F", "ô"}, {"19 42 6F", "ó"}, {"19 41 6F", "ò"},
    {"19 43 69", "î"}, {"19 42 69", "í"}, {"19 41 69", "ì"}, {"19 48 65", "ë"}, {"19 48 61", "ä"},
    {"19 43 61", "â"}, {"19 42 61", "á"}, {"19 23", "£"},    {"19 30", "°"},    {"19 31", "±"},
    {"19 2C", "←"},    {"19 2D", "↑"},    {"19 2E", "→"},    {"19 3C", "¼"},    {"19 3D", "½"},
    {"19 3E", "¾"},    {"19 43 41", "Â"}};

TEST(G2Content, EveryEntryOfTheTable) {
  for (const auto& c : kContentTable) {
    EXPECT_EQ(g2::decode_content(bytes(c.typed)), c.text) << c.typed;
    EXPECT_EQ(g2::decode_content(bytes(c.typed), g2::ContentTable::corrected), c.text) << c.typed;
    // Inside text too.
    EXPECT_EQ(g2::decode_content("x" + bytes(c.typed) + "y"), std::string("x") + c.text + "y") << c.typed;
  }
}

TEST(G2Content, TypedAccentsBecomeUnicode) {  // C-020
  EXPECT_EQ(g2::decode_content(bytes("19 42 65")), "é");
  EXPECT_EQ(g2::decode_content(bytes("19 4B 63")), "ç");
  EXPECT_EQ(g2::decode_content(bytes(R"("Caf" 19 42 65 " cr" 19 41 65 "me")")), "Café crème");
  EXPECT_EQ(g2::decode_content("plain ASCII 123"), "plain ASCII 123");
  EXPECT_EQ(g2::decode_content(""), "");
}

TEST(G2Content, MinipaviQuirks) {  // C-021 (Q)
  EXPECT_EQ(g2::decode_content(bytes("19 48 69")), "î");             // should be ï
  EXPECT_EQ(g2::decode_content(bytes("19 2F")), bytes("19 2F"));     // ↓ is not decoded: raw bytes stay
  EXPECT_EQ(g2::decode_content(bytes(R"("na" 19 48 69 "f")")), "naîf");
}

TEST(G2Content, CorrectedTableFixesDiaeresisIAndDownArrow) {  // C-021 fixed
  EXPECT_EQ(g2::decode_content(bytes("19 48 69"), g2::ContentTable::corrected), "ï");
  EXPECT_EQ(g2::decode_content(bytes("19 2F"), g2::ContentTable::corrected), "↓");
  EXPECT_EQ(g2::decode_content(bytes(R"("na" 19 48 69 "f " 19 2F)"), g2::ContentTable::corrected), "naïf ↓");
}

TEST(G2Content, LeftoverAccentPairsAreDeleted) {
  for (const char* pair : {"19 41", "19 42", "19 43", "19 48", "19 4B"}) {
    EXPECT_EQ(g2::decode_content(bytes(pair)), "") << pair;
    EXPECT_EQ(g2::decode_content("a" + bytes(pair) + "b"), "ab") << pair;  // accent + letter not in the table
  }
  EXPECT_EQ(g2::decode_content(bytes(R"(19 48 "A")")), "A");  // Ä is not in the table: the accent goes
  EXPECT_EQ(g2::decode_content(bytes(R"(19 4B "e")")), "e");
  EXPECT_EQ(g2::decode_content(bytes(R"(19 41 19 42 65)")), "é");  // the pair before a complete sequence
}

TEST(G2Content, TrailingLoneSs2IsDeleted) {
  EXPECT_EQ(g2::decode_content(bytes("19")), "");
  EXPECT_EQ(g2::decode_content(bytes(R"("abc" 19)")), "abc");
  EXPECT_EQ(g2::decode_content(bytes(R"("abc" 19 42 65 19)")), "abcé");
}

TEST(G2Content, OtherG2CodesStayRaw) {
  // Only the table is converted; 19 24 ($) and 19 27 (§) are not in it.
  EXPECT_EQ(g2::decode_content(bytes("19 24")), bytes("19 24"));
  EXPECT_EQ(g2::decode_content(bytes("19 27")), bytes("19 27"));
}

TEST(G2Content, InvalidUtf8BecomesQuestionMark) {
  EXPECT_EQ(g2::decode_content("caf\xE9"), "caf?");  // Latin-1 é typed by a PC terminal
  EXPECT_EQ(g2::decode_content("\xFF\xFE"), "??");
  EXPECT_EQ(g2::decode_content("d\xC3\xA9j\xC3\xA0"), "déjà");  // already valid UTF-8 passes through
}

TEST(G2RoundTrip, ServiceTextComesBackAsTyped) {
  // What a service sends for the table's letters is what a Minitel user types, so it decodes back.
  for (std::string_view word : {"é", "è", "à", "ç", "ê", "ü", "û", "ù", "ö", "ô", "î", "ë", "ä", "â", "£", "°",
                                "±", "←", "↑", "→", "¼", "½", "¾", "Œ", "œ", "β", "Élève À Ê"}) {
    EXPECT_EQ(g2::decode_content(g2::encode(word)), word) << word;
  }
  EXPECT_EQ(g2::decode_content(g2::encode("ï")), "î");                                    // C-021
  EXPECT_EQ(g2::decode_content(g2::encode("ï"), g2::ContentTable::corrected), "ï");
  EXPECT_EQ(g2::decode_content(g2::encode("Ç")), "ç");                                    // §2.4 note
}

}  // namespace
}  // namespace pavi::videotex
