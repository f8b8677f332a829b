// Banners, PINs and uniqueIds of new connections (C-012, C-013, C-097..C-099, C-112).
#include <gtest/gtest.h>

#include "gateway/session/connection_banner.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;

TEST(ConnectionBanner, WebSocketAndTelnet) {  // C-097, C-098
  EXPECT_EQ(connection_banner(ConnectionKind::ws, "22/11/2026 13:33", "6654"),
            bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6WS 22/11/2026 13:33" 18 1B 40 14 "PIN:6654" 14 0A)"));
  EXPECT_EQ(connection_banner(ConnectionKind::wss, "22/11/2026 13:33", "6654"),
            bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6WSS 22/11/2026 13:33" 18 1B 40 14 "PIN:6654" 14 0A)"));
  // The exact bytes of service-protocol.md §8 example A.
  EXPECT_EQ(connection_banner(ConnectionKind::telnet, "22/11/2026 13:33", "6654"),
            bytes(R"(1B 39 7B 0C 1F 40 41 "MiniPAVI 1.6TELN 22/11/2026 13:33" 18 1B 40 14 "PIN:6654" 14 0A)"));
}

TEST(ConnectionBanner, ModemUsersGetNoAcknowledgements) {  // C-099
  const std::string expected_start = bytes("1B 39 7B 1B 3A 64 51 1B 3A 64 50 1B 3A 64 52 1B 3A 64 53 0C 0E 1F 40 41");
  const std::string rtc = connection_banner(ConnectionKind::asterisk, "01/01/2026 00:00", "2000");
  EXPECT_EQ(rtc.substr(0, expected_start.size()), expected_start);
  EXPECT_NE(rtc.find("MiniPAVI 1.6RTC 01/01/2026 00:00"), std::string::npos);
  EXPECT_NE(connection_banner(ConnectionKind::asterisk_pce, "01/01/2026 00:00", "2000").find("MiniPAVI 1.6PCE "),
            std::string::npos);
  EXPECT_EQ(typesocket_of(ConnectionKind::asterisk_pce), "AST");
  EXPECT_EQ(typesocket_of(ConnectionKind::telnet), "TELN");
}

TEST(ConnectionBanner, TimeIsDayMonthYearHourMinute) {
  const std::string text = banner_time(1795354383);
  ASSERT_EQ(text.size(), 16u);
  EXPECT_EQ(text[2], '/');
  EXPECT_EQ(text[5], '/');
  EXPECT_EQ(text.substr(6, 4), "2026");
  EXPECT_EQ(text[13], ':');
}

TEST(ConnectionBanner, InactivityMessage) {  // C-112
  EXPECT_EQ(inactivity_message(), bytes(R"(1F 40 41 "Deconnexion pour inactivit" 19 42 65 "..." 18)"));
}

TEST(PinAllocator, LivePinsAreUniqueAndInRange) {  // C-012, C-013
  PinAllocator pins(42);
  std::set<std::string> seen;
  for (int i = 0; i < 8000; ++i) {
    const std::string pin = pins.acquire();
    ASSERT_EQ(pin.size(), 4u);
    ASSERT_GE(std::stoi(pin), 2000);
    ASSERT_LE(std::stoi(pin), 9999);
    ASSERT_TRUE(seen.insert(pin).second) << "duplicate live PIN " << pin << " after " << i;
  }
  EXPECT_EQ(pins.live(), 8000u);
  pins.release("4321");
  EXPECT_EQ(pins.acquire(), "4321");  // the only free one
  EXPECT_EQ(pins.acquire().size(), 4u);  // all taken: shared rather than refused
  EXPECT_EQ(unique_id(1795354383, "6654"), "17953543836654");
}

}  // namespace
}  // namespace pavi::gateway
