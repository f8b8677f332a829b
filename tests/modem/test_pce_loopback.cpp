// PCE end to end: the gateway's sender and a terminal over the in-memory byte link, in simulated time, through
// specific faults: the session start of pce.md §8, a lost acknowledgement (§2.2 rule 4), STOP, corrected and
// repeated blocks, lost and inserted bytes, a lost NACK, dropouts, and the keep-alive's reason to exist.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "modem/pce_loopback.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using namespace std::chrono_literals;
using pavi::modem::FaultConfig;
using pavi::modem::LinkEnd;
using pavi::modem::parse_fault_config;
using pavi::modem::SimTime;
using pavi::test::bytes;

namespace {

FaultConfig faults(const char* text) {
  auto parsed = parse_fault_config(text);
  EXPECT_TRUE(parsed.config) << parsed.error;
  return parsed.config.value_or(FaultConfig{});
}

std::string text(std::size_t size) {
  std::string out;
  for (std::size_t i = 0; out.size() < size; ++i) out += "PaviKit " + std::to_string(i) + " \x10\x16\x15 ";
  out.resize(size);
  return out;
}

bool start(pce::Loopback& loop) {
  loop.gateway().start(loop.now());
  return loop.run_until([&] { return loop.gateway().mode() == pce::SenderMode::active; }, loop.now() + 30s);
}

// Sends `data` once PCE is on and waits until the terminal has delivered that many bytes.
bool deliver(pce::Loopback& loop, const std::string& data, std::chrono::seconds limit = 120s) {
  const std::size_t target = loop.delivered().size() + data.size();
  loop.gateway().send(data, loop.now());
  return loop.run_until([&] { return loop.delivered().size() >= target; }, loop.now() + limit);
}

}  // namespace

TEST(PceLoopback, CleanLinkCarries15Of17CharactersAtLineRate) {
  pce::Loopback loop;
  ASSERT_TRUE(start(loop));
  const SimTime begin = loop.now();
  const std::string data = text(1500);
  ASSERT_TRUE(deliver(loop, data));
  EXPECT_EQ(loop.delivered(), data);
  const auto blocks = loop.gateway().stats().new_blocks;
  const double seconds = std::chrono::duration<double>(loop.now() - begin).count();
  EXPECT_NEAR(seconds, static_cast<double>(blocks) * 17.0 / 120.0, 0.05) << "blocks back to back";
  EXPECT_EQ(loop.gateway().stats().nacks, 0U);
  EXPECT_EQ(loop.terminal().receiver().stats().blocks_bad, 0U);
}

TEST(PceLoopback, SessionStartOfTheSpec) {
  // pce.md §8: START before anything else, the Minitel's 13 53 connection notice, the acknowledgement, blocks.
  pce::Loopback loop;
  loop.terminal().send(bytes("13 53"));
  ASSERT_TRUE(start(loop));
  EXPECT_EQ(loop.sent_down().substr(0, 4), bytes("1B 3A 69 44"));
  EXPECT_EQ(loop.sent_up(), bytes("93 53 1B 3A F3 44"));
  ASSERT_TRUE(deliver(loop, "Bonjour Minitel"));
  EXPECT_EQ(loop.delivered(), "Bonjour Minitel");
  EXPECT_EQ(loop.received_upstream(), bytes("13 53")) << "kept, where MiniPavi dropped it";
  EXPECT_EQ(loop.sent_down().substr(4, 17), bytes("42 6F EE 6A 6F F5 72 A0 4D 69 EE 69 74 65 6C DD 00"));
}

TEST(PceLoopback, LostAcknowledgementIsRecoveredThroughNack40) {
  // The terminal is in PCE mode, its status was lost: it reads the repeated STARTs as block 0 and asks for it.
  pce::LoopbackConfig config;
  config.link.b_to_a.faults = faults("dropout_at=0s:1s");
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  EXPECT_EQ(loop.gateway().stats().start_commands, 6U) << "accepted at the 5th repetition";
  ASSERT_TRUE(deliver(loop, "after the implicit acknowledgement"));
  EXPECT_EQ(loop.delivered(), "after the implicit acknowledgement");
  EXPECT_EQ(loop.gateway().stats().resync_headers, 1U) << "block 0 behind SYN SYN 40";
}

TEST(PceLoopback, StopReturnsBothEndsToCharacterMode) {
  pce::Loopback loop;
  ASSERT_TRUE(start(loop));
  loop.gateway().send("page", loop.now());
  loop.gateway().stop(loop.now());
  loop.gateway().send(" then clear", loop.now());
  // Keep-alive NULs that follow the STOP block reach the terminal in character mode, where a Videotex
  // decoder ignores them.
  const auto without_nuls = [&] {
    std::string out = loop.delivered();
    std::erase(out, '\0');
    return out;
  };
  ASSERT_TRUE(loop.run_until([&] { return without_nuls() == "page then clear"; }, loop.now() + 10s));
  EXPECT_EQ(loop.gateway().mode(), pce::SenderMode::character);
  EXPECT_FALSE(loop.terminal().pce_active());
  std::string tail = loop.sent_down().substr(loop.sent_down().size() - 11);
  for (auto& c : tail) c = static_cast<char>(c & 0x7F);
  EXPECT_EQ(tail, " then clear") << "sent in clear, not in a block";
}

TEST(PceLoopback, SingleBitErrorsAreCorrectedWithoutRepetition) {
  pce::LoopbackConfig config;
  config.link.a_to_b.faults = faults("ber=2e-4,seed=21");
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  const std::string data = text(20'000);
  ASSERT_TRUE(deliver(loop, data, 600s));
  EXPECT_EQ(loop.delivered(), data);
  const auto& rx = loop.terminal().receiver().stats();
  EXPECT_GE(rx.blocks_corrected, 10U);
  // A flip in character 17 or in the CRC's parity bit still costs a repetition (2 in 17 of the flips).
  EXPECT_LE(rx.blocks_bad, rx.blocks_corrected / 4) << "most damaged blocks cost no repetition";
}

struct FaultCase {
  const char* name;
  const char* down;
  const char* up;
};

void PrintTo(const FaultCase& fault, std::ostream* os) { *os << fault.name; }

class PceLoopbackFaults : public ::testing::TestWithParam<FaultCase> {};

TEST_P(PceLoopbackFaults, EveryByteArrivesOnceAndInOrder) {
  pce::LoopbackConfig config;
  config.link.a_to_b.faults = faults(GetParam().down);
  config.link.b_to_a.faults = faults(GetParam().up);
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  const std::string data = text(12'000);
  ASSERT_TRUE(deliver(loop, data, 900s));
  loop.run_for(3s);
  EXPECT_EQ(loop.delivered(), data);
  EXPECT_GE(loop.terminal().receiver().stats().resyncs, 1U) << "the faults did force repetitions";
}

INSTANTIATE_TEST_SUITE_P(Faults, PceLoopbackFaults,
                         ::testing::Values(FaultCase{"bursts", "burst=6@2000,seed=1", "none"},
                                           FaultCase{"lost_bytes", "drop=1e-3,seed=2", "none"},
                                           FaultCase{"inserted_bytes", "garbage=1e-3,seed=3", "none"},
                                           FaultCase{"one_second_dropout", "dropout_at=5s:1s", "none"},
                                           FaultCase{"dropouts_both_ways", "dropout_at=4s:1s,dropout_at=40s:700ms",
                                                     "dropout_at=20s:1s"},
                                           FaultCase{"noisy_return_channel", "ber=1e-3,seed=4", "ber=1e-3,seed=5"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(PceLoopback, LostNackIsRepeatedAfter1120ms) {
  pce::LoopbackConfig config;
  config.link.a_to_b.faults = faults("dropout_at=2s:50ms");   // a block loses 6 characters
  config.link.b_to_a.faults = faults("dropout_at=2s:700ms");  // and the first NACK is lost
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  const std::string data = text(3000);
  ASSERT_TRUE(deliver(loop, data));
  EXPECT_EQ(loop.delivered(), data);
  EXPECT_GE(loop.terminal().receiver().stats().nack_timer_repeats, 1U);
  EXPECT_EQ(loop.gateway().stats().nacks, loop.terminal().receiver().stats().nacks_sent - 1);
}

TEST(PceLoopback, UpstreamReservedCodesReachTheGatewayAsData) {
  pce::Loopback loop;
  ASSERT_TRUE(start(loop));
  loop.terminal().send(bytes("41 10 15 16 00 42"));
  loop.run_for(2s);
  EXPECT_EQ(loop.received_upstream(), bytes("41 10 15 16 00 42"));
  EXPECT_EQ(loop.gateway().stats().nacks, 0U);
}

TEST(PceLoopback, SevenBitSoftModemPathAsWithMiniPavi) {
  // The gateway writes 7-bit values and the modem adds parity; here the terminal rebuilds the parity and
  // detects errors without locating them.
  pce::LoopbackConfig config;
  config.sender = pce::SenderConfig::minipavi_like();
  config.terminal.receiver.input = pce::CharForm::seven_bit;
  config.terminal.receiver.upstream = pce::CharForm::seven_bit;
  config.link.a_to_b.faults = faults("ber=3e-4,seed=8");
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  const std::string data = text(5000);
  ASSERT_TRUE(deliver(loop, data));
  EXPECT_EQ(loop.delivered(), data);
  EXPECT_EQ(loop.terminal().receiver().stats().blocks_corrected, 0U);
  EXPECT_GE(loop.terminal().receiver().stats().blocks_bad, 1U);
}

namespace {

// When the terminal received the 4th-from-last character of a message on a clean link.
SimTime tail_time(const std::string& message) {
  pce::Loopback clean;
  EXPECT_TRUE(start(clean));
  std::vector<SimTime> times;
  clean.on_terminal_byte = [&](std::uint8_t, SimTime t) { times.push_back(t); };
  EXPECT_TRUE(deliver(clean, message));
  // 15 blocks of 17 characters: the last block's characters 14..17 are the last 4 received.
  return times.at(times.size() - 4);
}

}  // namespace

TEST(PceLoopbackKeepAlive, DropoutAtTheEndOfAPageIsRepairedThanksToTheKeepAliveNul) {
  const std::string page(15 * 15, 'p');
  const SimTime hit = tail_time(page);
  pce::LoopbackConfig config;
  config.link.a_to_b.faults.dropouts_at.push_back({hit - 1ms, 300ms});
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  ASSERT_TRUE(deliver(loop, page, 10s));
  EXPECT_EQ(loop.delivered(), page);
  EXPECT_GE(loop.gateway().stats().keepalive_nuls, 1U);
}

TEST(PceLoopbackKeepAlive, WithoutItTheLastBlockWaitsForTheNextPage) {
  // MiniPavi never sent its keep-alive (pce.md §6.5 b): the damaged last block stays incomplete.
  const std::string page(15 * 15, 'p');
  const SimTime hit = tail_time(page);
  pce::LoopbackConfig config;
  config.sender.keepalive = pavi::modem::SimDuration{0};
  config.link.a_to_b.faults.dropouts_at.push_back({hit - 1ms, 300ms});
  pce::Loopback loop(config);
  ASSERT_TRUE(start(loop));
  EXPECT_FALSE(deliver(loop, page, 10s));
  EXPECT_EQ(loop.delivered().size(), page.size() - 15);
  loop.gateway().send("next page", loop.now());
  EXPECT_TRUE(loop.run_until([&] { return loop.delivered() == page + "next page"; }, loop.now() + 10s));
}
