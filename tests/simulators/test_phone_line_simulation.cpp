// PhoneLineSimulation without threads: bytes both ways across the V.23 call, PCE switched by the service's PRO2
// sequences or by the option, a noisy line with and without PCE, and a dropout long enough to make the Minitel
// hang up. Everything runs in simulated time; the limits passed to run_until_idle() are simulated seconds.
#include <gtest/gtest.h>

#include <string>

#include "simulators/line/phone_line_simulation.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using modem::EndpointState;
using modem::pce::SenderMode;
using test::bytes;

// The project's own demo page, four times over (about 2 KB, 18 s at 1200 bit/s): long enough for the noise.
std::string long_page() {
  const std::string page = test::read_file(test::fixtures_dir() / "demo" / "demo.vdt");
  return page + page + page + page;
}

PhoneLineConfig noisy(std::string_view channel) {
  std::string error;
  PhoneLineConfig config = PhoneLineConfig::with_channel(channel, &error);
  EXPECT_EQ(error, "");
  return config;
}

// Connects (nothing written yet), then carries `down` and returns what the terminal received.
std::string carry(PhoneLineSimulation& line, const std::string& down) {
  EXPECT_TRUE(line.run_until_idle(30.0));
  EXPECT_TRUE(line.status().connected);
  line.send_to_terminal(down);
  EXPECT_TRUE(line.run_until_idle(600.0));
  return line.take_for_terminal();
}

TEST(PhoneLineSimulation, CallIsSetUpBeforeTheLineGoesIdle) {
  PhoneLineSimulation line(PhoneLineConfig{});
  EXPECT_TRUE(line.busy());
  ASSERT_TRUE(line.run_until_idle(30.0));
  const PhoneLineStatus status = line.status();
  EXPECT_TRUE(status.connected);
  EXPECT_EQ(status.terminal_modem, EndpointState::data);
  EXPECT_EQ(status.service_modem, EndpointState::data);
  EXPECT_GT(status.seconds, 3.0);  // 3 s of answer tone before the carrier (v23-modem.md §4)
  EXPECT_FALSE(status.pce_active);
}

TEST(PhoneLineSimulation, CleanLineCarriesBytesBothWaysExactly) {
  PhoneLineSimulation line(PhoneLineConfig{});
  const std::string page = long_page();
  EXPECT_EQ(carry(line, page), page);
  line.send_to_service(bytes("\"1\" 13 41"));  // 1 ENVOI
  ASSERT_TRUE(line.run_until_idle(60.0));
  EXPECT_EQ(line.take_for_service(), bytes("\"1\" 13 41"));
  const PhoneLineStatus status = line.status();
  EXPECT_EQ(status.terminal_modem_rx.parity_errors, 0u);
  EXPECT_EQ(status.bytes_to_terminal, page.size());
}

TEST(PhoneLineSimulation, PageTakesItsLineTime) {
  PhoneLineSimulation line(PhoneLineConfig{});
  ASSERT_TRUE(line.run_until_idle(30.0));
  const double before = line.seconds();
  const std::string page(1200, 'A');  // 10 s at 120 characters per second
  line.send_to_terminal(page);
  ASSERT_TRUE(line.run_until_idle(60.0));
  EXPECT_EQ(line.take_for_terminal(), page);
  EXPECT_GE(line.seconds() - before, 10.0);
  EXPECT_LE(line.seconds() - before, 10.0 + line.config().linger_s + 0.5);  // + line and modem delays
}

// pce.md §2.1: the service writes PRO2 START 44; the sender runs the START procedure, the terminal's front end
// consumes the command and acknowledges with its status; STOP 44 goes back to character mode.
TEST(PhoneLineSimulation, ServiceStartAndStopSwitchPce) {
  PhoneLineSimulation line(PhoneLineConfig{});
  const std::string page = long_page();
  EXPECT_EQ(carry(line, bytes("1B 3A 69 44") + page), page);
  PhoneLineStatus status = line.status();
  EXPECT_TRUE(status.pce_active);
  EXPECT_EQ(status.sender_mode, SenderMode::active);
  EXPECT_GT(status.pce_receiver.blocks_correct, page.size() / 15 - 1);
  EXPECT_EQ(status.pce_sender.start_commands, 1u);
  EXPECT_EQ(line.take_for_service(), "");  // the acknowledgement is PCE's business, not the service's

  line.send_to_terminal(bytes("1B 3A 6A 44") + "AFTER");
  ASSERT_TRUE(line.run_until_idle(60.0));
  // The sender keeps the line alive with NULs until the terminal's acknowledgement arrives; by then the terminal
  // has left block mode, so they reach the decoder, which ignores NUL as a Minitel does.
  std::string after = line.take_for_terminal();
  const std::size_t nuls = after.find_first_not_of('\0');
  ASSERT_NE(nuls, std::string::npos);
  EXPECT_EQ(after.substr(nuls), "AFTER");
  status = line.status();
  EXPECT_FALSE(status.pce_active);
  EXPECT_EQ(status.sender_mode, SenderMode::character);
}

TEST(PhoneLineSimulation, PceAtConnectOption) {
  PhoneLineConfig config;
  config.pce_at_connect = true;
  PhoneLineSimulation line(config);
  EXPECT_EQ(carry(line, "HELLO"), "HELLO");
  EXPECT_TRUE(line.status().pce_active);
  EXPECT_EQ(line.status().pce_receiver.blocks_correct, 1u);  // HELLO padded into one block
}

TEST(PhoneLineSimulation, NoisyLineWithPceDeliversTheExactPage) {
  PhoneLineConfig config = noisy("awgn=12dB,burst=50ms/2s");
  config.pce_at_connect = true;
  PhoneLineSimulation line(config);
  const std::string page = long_page();
  EXPECT_EQ(carry(line, page), page);
  const PhoneLineStatus status = line.status();
  EXPECT_TRUE(status.pce_active);
  // The noise did damage the line: blocks were rejected and sent again.
  EXPECT_GT(status.terminal_modem_rx.parity_errors + status.terminal_modem_rx.framing_errors, 0u);
  EXPECT_GT(status.pce_receiver.blocks_bad, 0u);
  EXPECT_GT(status.pce_sender.repeated_blocks, 0u);
}

TEST(PhoneLineSimulation, NoisyLineWithoutPceDamagesThePage) {
  PhoneLineSimulation line(noisy("awgn=12dB,burst=50ms/2s"));
  const std::string page = long_page();
  const std::string received = carry(line, page);
  EXPECT_NE(received, page);
  const PhoneLineStatus status = line.status();
  EXPECT_GT(status.terminal_modem_rx.parity_errors, 0u);
  // Damaged characters reach the decoder as SUB, the Minitel's error block.
  EXPECT_NE(received.find('\x1A'), std::string::npos);
}

TEST(PhoneLineSimulation, ErrorsCanBeLeftAsReceived) {
  PhoneLineConfig config = noisy("awgn=12dB,burst=50ms/2s");
  config.show_errors = false;
  PhoneLineSimulation line(config);
  const std::string received = carry(line, long_page());
  EXPECT_EQ(received.find('\x1A'), std::string::npos);
}

TEST(PhoneLineSimulation, OneSecondDropoutMakesTheMinitelHangUp) {
  PhoneLineSimulation line(noisy("dropout=1s@6s"));
  const std::string page(1200, 'A');
  line.send_to_terminal(page);
  EXPECT_TRUE(line.run_until_idle(60.0));
  EXPECT_TRUE(line.released());
  const PhoneLineStatus status = line.status();
  EXPECT_EQ(status.terminal_modem, EndpointState::released);
  EXPECT_NE(status.release_reason.find("terminal modem"), std::string::npos) << status.release_reason;
  EXPECT_LT(status.bytes_to_terminal, page.size());
  EXPECT_LT(line.seconds(), 8.0);  // 440 ms after the carrier went, not after the page
}

TEST(PhoneLineSimulation, CommandSplitAcrossWritesIsStillRecognised) {
  PhoneLineSimulation line(PhoneLineConfig{});
  ASSERT_TRUE(line.run_until_idle(30.0));
  line.send_to_terminal(bytes("1B 3A"));
  line.send_to_terminal(bytes("69 44") + "X");
  ASSERT_TRUE(line.run_until_idle(60.0));
  EXPECT_EQ(line.take_for_terminal(), "X");
  EXPECT_TRUE(line.status().pce_active);
}

// The line's own scanner lets a trailing ESC go once the line has nothing else to do (the terminal's PCE front end
// then holds it until the next byte, which cannot change what the decoder does with it).
TEST(PhoneLineSimulation, TrailingEscapeIsNotHeldBackByTheLine) {
  PhoneLineSimulation line(PhoneLineConfig{});
  ASSERT_TRUE(line.run_until_idle(30.0));
  line.send_to_terminal(bytes("\"AB\" 1B"));
  ASSERT_TRUE(line.run_until_idle(60.0));
  EXPECT_EQ(line.status().terminal_modem_rx.characters, 3u);
  line.send_to_terminal("C");
  ASSERT_TRUE(line.run_until_idle(60.0));
  EXPECT_EQ(line.take_for_terminal(), bytes("\"AB\" 1B \"C\""));
  EXPECT_FALSE(line.status().pce_active);
}

}  // namespace
}  // namespace pavi::sim
