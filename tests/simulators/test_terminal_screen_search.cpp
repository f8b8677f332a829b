// Text and regex search on decoded screens, with positions in Minitel terms (row 0-24, column 1-40).
#include <gtest/gtest.h>

#include "simulators/terminal/screen_search.hpp"
#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"

namespace pavi::sim {
namespace {

using test::bytes;

ScreenRegex regex(std::string_view pattern) {
  std::string error;
  auto compiled = ScreenRegex::compile(pattern, error);
  EXPECT_TRUE(compiled) << error;
  return compiled.value_or(ScreenRegex{});
}

videotex::Screen decode(std::string_view spec) {
  videotex::Decoder decoder;
  decoder.feed(bytes(spec));
  return decoder.screen();
}

TEST(TerminalScreenSearch, FindsTextWhereUsPutIt) {
  const auto screen = decode(R"(0C 1F 43 45 "HELLO" 1F 4A 41 "WORLD")");
  EXPECT_EQ(find_text(screen, "HELLO"), (ScreenPosition{3, 5}));
  EXPECT_EQ(find_text(screen, "WORLD"), (ScreenPosition{10, 1}));
  EXPECT_FALSE(find_text(screen, "HELLO WORLD"));
}

TEST(TerminalScreenSearch, AccentedLettersCountAsOneColumn) {
  const auto screen = decode(R"(0C 1F 41 41 "caf" 19 42 65 " OK")");
  EXPECT_EQ(find_text(screen, "café"), (ScreenPosition{1, 1}));
  EXPECT_EQ(find_text(screen, "OK"), (ScreenPosition{1, 6}));
}

TEST(TerminalScreenSearch, TextWithNewlineSpansRows) {
  const auto screen = decode(R"(0C 1F 41 41 "TOP" 1F 42 41 "BOTTOM")");
  const std::string text = "TOP" + std::string(37, ' ') + "\nBOTTOM";
  EXPECT_EQ(find_text(screen, text), (ScreenPosition{1, 1}));
}

TEST(TerminalScreenSearch, RowZeroIsSearchedToo) {
  const auto screen = decode(R"(0C 1F 40 41 "STATUS" 0A)");
  EXPECT_EQ(find_text(screen, "STATUS"), (ScreenPosition{0, 1}));
}

TEST(TerminalScreenSearch, RegexAnywhereGivesPositionAndGroups) {
  const auto screen = decode(R"(0C 1F 45 4B "PIN:1234")");
  const auto match = find_regex(screen, regex("PIN:([0-9]{4})"));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->position, (ScreenPosition{5, 11}));
  ASSERT_EQ(match->groups.size(), 2u);
  EXPECT_EQ(match->groups[1], "1234");
}

TEST(TerminalScreenSearch, RegexAnchoredAtAPosition) {
  const auto screen = decode(R"(0C 1F 45 4B "PIN:1234")");
  EXPECT_TRUE(find_regex(screen, regex("PIN"), ScreenPosition{5, 11}));
  EXPECT_FALSE(find_regex(screen, regex("PIN"), ScreenPosition{5, 12}));
  EXPECT_FALSE(find_regex(screen, regex("PIN"), ScreenPosition{4, 11}));
  EXPECT_TRUE(find_regex(screen, regex("[0-9]+"), ScreenPosition{5, 0}));
  EXPECT_FALSE(find_regex(screen, regex("PIN"), ScreenPosition{25, 1}));
}

TEST(TerminalScreenSearch, InvalidRegexIsAnErrorNotAnException) {
  std::string error;
  EXPECT_FALSE(ScreenRegex::compile("([", error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(find_regex(decode("0C"), ScreenRegex{}));  // an empty pattern object matches nothing
}

}  // namespace
}  // namespace pavi::sim
