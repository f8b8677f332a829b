// Screensaver frames and the page restored on wake-up (C-068, C-117, C-118).
#include <gtest/gtest.h>

#include "gateway/session/screensaver.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace pavi::gateway {
namespace {

constexpr std::string_view kFrameStart = "\x14\x1f\x40\x41\x18\x0c";

std::string shown(std::string_view bytes) {
  videotex::Decoder decoder;
  decoder.feed(bytes);
  return videotex::text_dump(decoder.screen());
}

TEST(Screensaver, FramesOfEachType) {  // C-117
  ScreensaverRandom random(7);
  EXPECT_EQ(screensaver_frame(0, "", random), "");
  EXPECT_EQ(screensaver_frame(1, "", random), "\x01");
  const std::string smiley = screensaver_frame(2, "", random);
  EXPECT_EQ(smiley.substr(0, kFrameStart.size()), kFrameStart);
  EXPECT_NE(shown(smiley).find("Touche mon"), std::string::npos);
  EXPECT_NE(shown(smiley).find("clavier!"), std::string::npos);
  EXPECT_EQ(screensaver_frame(9, "", random), "");
}

TEST(Screensaver, TypeThreeShowsTheServicesTextAtARandomPlace) {  // C-068
  ScreensaverRandom random(1);
  const std::string first = screensaver_frame(3, "HELLO", random);
  EXPECT_EQ(first.substr(0, kFrameStart.size()), kFrameStart);
  EXPECT_NE(shown(first).find("HELLO"), std::string::npos);
  bool moved = false;
  for (int i = 0; i < 10 && !moved; ++i) moved = shown(screensaver_frame(3, "HELLO", random)) != shown(first);
  EXPECT_TRUE(moved);
  EXPECT_NE(shown(screensaver_frame(3, "", random)).find("Not set"), std::string::npos);
  const std::string long_text(40, 'x');
  EXPECT_EQ(shown(screensaver_frame(3, long_text, random)).find(std::string(31, 'x')), std::string::npos);
  EXPECT_NE(shown(screensaver_frame(3, "Réveil", random)).find("Réveil"), std::string::npos);
}

TEST(Screensaver, OnlyDrawingTypesHideThePage) {  // C-118
  EXPECT_FALSE(screensaver_hides_page(0));
  EXPECT_FALSE(screensaver_hides_page(1));
  EXPECT_TRUE(screensaver_hides_page(2));
  EXPECT_TRUE(screensaver_hides_page(3));
}

TEST(ScreenBuffer, KeepsWhatWasWrittenSinceTheLastClear) {  // C-118
  ScreenBuffer buffer;
  buffer.append("old page\x0c");
  buffer.append("\x1f\x41\x41Menu");
  buffer.append(" 1");
  EXPECT_EQ(buffer.contents(), "\x1f\x41\x41Menu 1");
  EXPECT_EQ(buffer.restore(), "\x0c\x1f\x41\x41Menu 1");
  buffer.append("x\x0cnew\x0cnewest");
  EXPECT_EQ(buffer.contents(), "newest");
}

}  // namespace
}  // namespace pavi::gateway
