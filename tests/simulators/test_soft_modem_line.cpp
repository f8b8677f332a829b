// ModemLine without threads or sockets: the soft modem's side of a call is transparent (no PCE of its own, bytes
// held until the link is up, damaged characters dropped, 7-bit values up), the Minitel's PCE front end answers
// the gateway's START, and the outbound call carries a server's bytes both ways. Simulated time only.
#include <gtest/gtest.h>

#include <string>

#include "modem/pce_sender.hpp"
#include "simulators/asterisk/modem_line.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using modem::EndpointState;
using test::bytes;

// Steps until `done` or `limit_s` simulated seconds; returns done().
template <typename Done>
bool run_until(ModemLine& line, Done done, double limit_s) {
  const double end = line.seconds() + limit_s;
  while (!done() && line.seconds() < end) line.step();
  return done();
}

void settle(ModemLine& line, double seconds) {
  const double end = line.seconds() + seconds;
  while (line.seconds() < end) line.step();
}

TEST(SoftModemLine, InboundCallSetsUpAndTheHeaderIsDueBeforeTheLinkIsUp) {
  ModemLine line(ModemLineConfig::for_inbound());
  EXPECT_TRUE(line.setting_up());
  EXPECT_FALSE(line.header_due());
  // The answer tone (3 s) and the 75 ms gap come first (v23-modem.md §8).
  settle(line, 2.9);
  EXPECT_FALSE(line.header_due());
  EXPECT_EQ(line.status().soft_modem, EndpointState::answer_tone);
  ASSERT_TRUE(run_until(line, [&] { return line.header_due(); }, 1.0));
  EXPECT_FALSE(line.status().connected);
  ASSERT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 5.0));
  const ModemLineStatus status = line.status();
  EXPECT_TRUE(status.connected);
  EXPECT_LT(status.seconds, 4.6);
  EXPECT_FALSE(status.released);
}

TEST(SoftModemLine, GatewayBytesWaitForTheLinkThenReachTheMinitelUnchanged) {
  ModemLine line(ModemLineConfig::for_inbound());
  const std::string page = bytes("0C 1F 41 41 \"BONJOUR\" 0A 0D \"Minitel 1B\"");
  line.from_gateway(page);  // written before the carrier is up: waits in the socket
  settle(line, 3.0);
  EXPECT_EQ(line.take_for_far_end(), "");
  EXPECT_FALSE(line.drained_to_far_end());
  ASSERT_TRUE(run_until(line, [&] { return line.drained_to_far_end(); }, 10.0));
  settle(line, 0.1);
  EXPECT_EQ(line.take_for_far_end(), page);
  EXPECT_EQ(line.status().bytes_to_far_end, page.size());
}

TEST(SoftModemLine, KeysGoUpAsSevenBitBytes) {
  ModemLine line(ModemLineConfig::for_inbound());
  ASSERT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 10.0));
  line.from_far_end(bytes("\"42\" 13 41"));
  EXPECT_FALSE(line.drained_to_soft_modem());
  ASSERT_TRUE(run_until(line, [&] { return line.drained_to_soft_modem(); }, 5.0));
  settle(line, 0.3);
  EXPECT_EQ(line.take_for_gateway(), bytes("\"42\" 13 41"));
}

// The soft modem has no PCE of its own: the gateway's START reaches the Minitel, which switches PCE on and
// answers the status (pce.md §2.1), and the blocks the gateway then sends are undone by the Minitel alone. The
// gateway's side is played here by a pce::Sender fed from the line in simulated time.
TEST(SoftModemLine, PceIsBetweenTheGatewayAndTheMinitelOnly) {
  ModemLine line(ModemLineConfig::for_inbound());
  ASSERT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 10.0));
  modem::pce::Sender gateway;  // 7-bit in and out, as on the gateway's TCP socket
  std::string upstream;
  const auto gateway_step = [&] {
    for (const char c : line.take_for_gateway()) {
      upstream.push_back(c);
      gateway.receive(static_cast<std::uint8_t>(c), line.now());
    }
    // Hands bytes over at line pace, as a gateway must (the socket is the modem's only queue).
    if (line.drained_to_far_end()) {
      for (int i = 0; i < 3; ++i) {
        const auto byte = gateway.pull(line.now());
        if (!byte) break;
        line.from_gateway(std::string(1, static_cast<char>(*byte)));
      }
    }
    line.step();
  };
  gateway.start(line.now());
  const double limit = line.seconds() + 5.0;
  while (gateway.mode() != modem::pce::SenderMode::active && line.seconds() < limit) gateway_step();
  ASSERT_EQ(gateway.mode(), modem::pce::SenderMode::active);
  EXPECT_TRUE(line.status().pce_active);
  EXPECT_NE(upstream.find(bytes("1B 3A 73 44")), std::string::npos);
  const std::string page = bytes("0C \"PCE 10 16 00 OK\" 10 16 15 00 0A 0D \"fin de page\"");
  gateway.send(page, line.now());
  std::string screen;
  const double end = line.seconds() + 10.0;
  while (screen.size() < page.size() && line.seconds() < end) {
    gateway_step();
    screen += line.take_for_far_end();
  }
  EXPECT_EQ(screen, page);  // START consumed by the terminal's front end, blocks undone
  EXPECT_GE(line.status().pce_receiver.blocks_correct, 1u);
  EXPECT_EQ(gateway.stats().upstream_parity_errors, 0u);
}

// MiniPavi's app drops what it receives with a parity or framing error (v23-modem.md §3): a noisy 75 bit/s
// channel loses keys instead of sending wrong ones.
TEST(SoftModemLine, DamagedCharactersAreDroppedOnTheWayToTheGateway) {
  ModemLineConfig config = ModemLineConfig::for_inbound();
  std::string error;
  ASSERT_TRUE(config.set_channel("awgn=4dB", &error)) << error;
  config.to_far_end = {};  // only the keys' direction is noisy
  ModemLine line(config);
  ASSERT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 20.0));
  const std::string keys(200, 'U');
  line.from_far_end(keys);
  ASSERT_TRUE(run_until(line, [&] { return line.drained_to_soft_modem(); }, 60.0));
  settle(line, 0.3);
  const std::string up = line.take_for_gateway();
  const ModemLineStatus status = line.status();
  EXPECT_GT(status.dropped_characters, 0u);
  EXPECT_LT(up.size(), keys.size() + 1);
  for (const char c : up) EXPECT_EQ(static_cast<unsigned char>(c) & 0x80, 0);
  EXPECT_EQ(status.bytes_to_gateway, up.size());
}

TEST(SoftModemLine, OutboundCallCarriesTheServerAndTheUser) {
  ModemLine line(ModemLineConfig::for_outbound(-35, -18));
  // The soft modem calls: its 75 bit/s carrier is up at once, the header is due at once (v23-modem.md §4.3).
  EXPECT_TRUE(line.header_due());
  EXPECT_TRUE(line.setting_up());
  const std::string page = bytes("0C \"SERVEUR V23\" 0A 0D \"Tapez un code\"");
  line.from_far_end(page);
  line.from_gateway("ABC");
  ASSERT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 10.0));
  EXPECT_GT(line.seconds(), 3.0);  // the server's answer tone came first
  ASSERT_TRUE(run_until(line, [&] { return line.drained_to_far_end() && line.drained_to_soft_modem(); }, 10.0));
  settle(line, 0.3);
  EXPECT_EQ(line.take_for_gateway(), page);
  EXPECT_EQ(line.take_for_far_end(), "ABC");
  EXPECT_FALSE(line.status().pce_active);
}

TEST(SoftModemLine, ABadChannelDescriptionIsRefused) {
  ModemLineConfig config = ModemLineConfig::for_inbound();
  std::string error;
  EXPECT_FALSE(config.set_channel("awgn=12", &error));
  EXPECT_NE(error, "");
  EXPECT_TRUE(config.set_channel("ebn0=18dB,burst=50ms/5s,seed=3", &error));
  EXPECT_EQ(error, "");
  EXPECT_EQ(config.to_soft_modem.seed, config.to_far_end.seed + 1);
}

// MiniPavi's 75 bit/s receiver (spandsp's asynchronous FSK) takes noise on a long idle mark for start bits: on a
// line noisy in both directions the Minitel's first keys arrive damaged, with stray characters before them. PCE
// cannot help (it protects the other direction). A noisy line with a clean keys' direction carries them intact.
TEST(SoftModemLine, KeysCrossACleanDirectionOfANoisyLineIntact) {
  const std::string rom_answer = bytes("01 43 75 3B 04");
  const auto keys_after_set_up = [&](const ModemLineConfig& config) {
    ModemLine line(config);
    EXPECT_TRUE(run_until(line, [&] { return !line.setting_up(); }, 20.0));
    line.from_far_end(rom_answer);
    EXPECT_TRUE(run_until(line, [&] { return line.drained_to_soft_modem(); }, 5.0));
    settle(line, 0.3);
    return line.take_for_gateway();
  };
  ModemLineConfig noisy = ModemLineConfig::for_inbound();
  std::string error;
  ASSERT_TRUE(noisy.set_channel("ebn0=18dB,seed=1", &error)) << error;
  EXPECT_NE(keys_after_set_up(noisy), rom_answer);  // this seed damages them (deterministic: simulated time only)

  ModemLineConfig clean_keys = noisy;
  ASSERT_TRUE(clean_keys.set_channel_to_soft_modem("", &error)) << error;
  EXPECT_EQ(clean_keys.to_far_end, noisy.to_far_end);  // the pages' direction keeps its noise
  EXPECT_EQ(keys_after_set_up(clean_keys), rom_answer);
  EXPECT_FALSE(clean_keys.set_channel_to_soft_modem("ebn0=loud", &error));
  EXPECT_NE(error, "");
}

}  // namespace
}  // namespace pavi::sim
