// The session's timers on a virtual clock: inactivity, WebSocket ping and pong, screensaver pacing, the
// simulated input (checklist section L).
#include <gtest/gtest.h>

#include "gateway/session/session_clock.hpp"

namespace pavi::gateway {
namespace {

const SessionTime t0{};

SessionTime at(double secs) {
  return t0 + std::chrono::duration_cast<SessionTime::duration>(std::chrono::duration<double>(secs));
}

SessionClock telnet_clock(int timeout_s = 600, bool screensaver = true) {
  return SessionClock(t0, ClockSettings{seconds(timeout_s), screensaver, false});
}

TEST(SessionClock, InactivityExpiresAfterTheTimeout) {  // C-112
  SessionClock clock = telnet_clock(60);
  clock.set_terminal_type("EmU");
  EXPECT_EQ(clock.next_check(), at(60));
  EXPECT_FALSE(clock.check(at(59.9)).inactivity_expired);
  EXPECT_TRUE(clock.check(at(60)).inactivity_expired);
}

TEST(SessionClock, TypingDoesNotDelayItButAFunctionKeyDoes) {  // C-113
  SessionClock clock = telnet_clock(60);
  clock.set_terminal_type("EmU");
  clock.on_data_received(at(50));
  EXPECT_TRUE(clock.check(at(60)).inactivity_expired);
  SessionClock other = telnet_clock(60);
  other.set_terminal_type("EmU");
  other.on_action(at(50));
  EXPECT_FALSE(other.check(at(60)).inactivity_expired);
  EXPECT_EQ(other.next_check(), at(110));
}

TEST(SessionClock, SetParamTimeoutAndTheDefault) {  // C-148
  SessionClock clock = telnet_clock(0);
  EXPECT_EQ(clock.inactivity_limit(), seconds(600));
  clock.set_session_timeout_minutes(1);
  EXPECT_EQ(clock.inactivity_limit(), seconds(60));
  clock.set_session_timeout_minutes(31);  // out of range: back to the global value
  EXPECT_EQ(clock.inactivity_limit(), seconds(600));
}

TEST(SessionClock, NoInactivityNorScreensaverDuringABridge) {
  SessionClock clock = telnet_clock(60);
  clock.set_bridge_active(true);
  EXPECT_FALSE(clock.check(at(3600)).any());
  EXPECT_EQ(clock.next_check(), SessionTime::max());
}

TEST(SessionClock, WebSocketPingsAndLostPongs) {  // C-114, C-115
  SessionClock clock(t0, ClockSettings{seconds(600), false, true});
  EXPECT_EQ(clock.next_check(), at(3));
  EXPECT_TRUE(clock.check(at(3)).send_ping);
  EXPECT_FALSE(clock.check(at(10)).any());
  clock.on_pong(at(4));
  EXPECT_EQ(clock.next_check(), at(23));
  EXPECT_TRUE(clock.check(at(23)).send_ping);
  EXPECT_EQ(clock.next_check(), at(38));
  const DueActions lost = clock.check(at(38));
  EXPECT_TRUE(lost.ping_lost);
  EXPECT_FALSE(lost.send_ping);
}

TEST(SessionClock, TelnetHasNoPing) {
  SessionClock clock = telnet_clock();
  clock.set_terminal_type("EmU");
  EXPECT_FALSE(clock.check(at(100)).any());
}

TEST(SessionClock, ScreensaverAfterTwoMinutesThenEverySixSeconds) {  // C-117
  SessionClock clock = telnet_clock();
  EXPECT_EQ(clock.next_check(), at(120));  // "???" terminals get it too
  EXPECT_FALSE(clock.check(at(119)).screensaver_frame);
  EXPECT_TRUE(clock.check(at(120)).screensaver_frame);
  EXPECT_EQ(clock.next_check(), at(126));
  EXPECT_FALSE(clock.check(at(125)).screensaver_frame);
  EXPECT_TRUE(clock.check(at(126)).screensaver_frame);
  clock.on_data_received(at(130));  // a key wakes it up
  EXPECT_FALSE(clock.check(at(200)).screensaver_frame);
  EXPECT_TRUE(clock.check(at(250)).screensaver_frame);
}

TEST(SessionClock, ScreensaverOffForTheEmulatorTypeZeroAndTheConfigSwitch) {  // C-119
  SessionClock emulator = telnet_clock();
  emulator.set_terminal_type("EmU");
  EXPECT_FALSE(emulator.check(at(300)).screensaver_frame);
  SessionClock off = telnet_clock(600, false);
  EXPECT_FALSE(off.check(at(300)).screensaver_frame);
  SessionClock type0 = telnet_clock();
  type0.set_screensaver_type(0);
  EXPECT_FALSE(type0.check(at(300)).screensaver_frame);
}

TEST(SessionClock, SimulatedInputFiresOnceAndAFunctionKeyCancelsIt) {
  SessionClock clock = telnet_clock();
  clock.set_terminal_type("EmU");
  clock.schedule_simulated_input(at(30), "first");
  clock.schedule_simulated_input(at(40), "second");  // one pending input: the newer replaces it
  EXPECT_EQ(clock.next_check(), at(40));
  EXPECT_FALSE(clock.check(at(35)).simulated_input);
  const DueActions due = clock.check(at(40));
  ASSERT_TRUE(due.simulated_input);
  EXPECT_EQ(*due.simulated_input, "second");
  EXPECT_FALSE(clock.check(at(41)).simulated_input);
  clock.schedule_simulated_input(at(50), "third");
  clock.cancel_simulated_input();
  EXPECT_FALSE(clock.check(at(60)).simulated_input);
}

}  // namespace
}  // namespace pavi::gateway
