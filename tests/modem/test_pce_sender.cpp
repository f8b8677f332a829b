// The gateway side of PCE driven by hand in simulated time: START/STOP and their timers (pce.md §2.2), blocks,
// the repeatable domain and every NACK path (§5), the keep-alive, and the fixes of MiniPavi's defects (§6.5).
#include <gtest/gtest.h>

#include "modem/pce_block.hpp"
#include "modem/pce_sender.hpp"
#include "tests/modem/test_pce_helpers.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using namespace pce::test;
using pavi::modem::SimTime;
using pavi::test::bytes;

namespace {

std::string blocks_of(std::string_view data) {
  std::string out;
  const auto blocks = pce::frame_message(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
  for (const auto& block : blocks) {
    const auto seven = pce::seven_bit_form(block);
    out.append(seven.begin(), seven.end());
  }
  return out;
}

const std::string kAck = bytes("1B 3A 73 44");
const std::string kExample2 = bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 16 4F 4B");

// A sender that has completed the START exchange.
pce::Sender active_sender(SimTime& t, pce::SenderConfig config = {}) {
  pce::Sender sender(config);
  sender.start(t);
  drain(sender, t);
  feed(sender, config.input == pce::CharForm::line ? line_form(kAck) : kAck, t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::active);
  return sender;
}

}  // namespace

TEST(PceSenderCharacterMode, BytesGoOutUnchanged) {
  pce::Sender sender;
  SimTime t{};
  sender.send(bytes("0C 41 C1 00"), t);
  EXPECT_EQ(drain(sender, t), bytes("0C 41 C1 00"));
  feed(sender, "ab", t);
  EXPECT_EQ(sender.take_received(), "ab");
}

TEST(PceSenderStart, SendsStartThenHoldsOutputUntilAcknowledged) {
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  EXPECT_EQ(drain(sender, t), bytes("1B 3A 69 44"));
  sender.send("Hello", t);
  t += 100ms;
  EXPECT_EQ(drain(sender, t), "");
  EXPECT_EQ(sender.mode(), pce::SenderMode::starting);
}

TEST(PceSenderStart, AcknowledgementActivatesAndBlock0ComesFirstWithNoStrayByte) {
  // MiniPavi wrote a '0' (30) before block 0, which made the terminal reject it (pce.md §6.5 b, §8).
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  sender.send("Hello", t);
  feed(sender, kAck, t);
  ASSERT_EQ(sender.mode(), pce::SenderMode::active);
  const std::string out = drain(sender, t);
  EXPECT_EQ(out, blocks_of("Hello"));
  EXPECT_NE(out.front(), '0');
}

TEST(PceSenderStart, OtherBytesBeforeTheAcknowledgementArePassedUp) {
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  // The connection notice, a key, then the acknowledgement with a false start inside.
  feed(sender, bytes("13 53 41 1B 3A 1B 3A 73 44"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::active);
  EXPECT_EQ(sender.take_received(), bytes("13 53 41 1B 3A"));
}

TEST(PceSenderStart, StatusWithoutThePcBitDoesNotActivate) {
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  feed(sender, bytes("1B 3A 73 40"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::starting);
}

TEST(PceSenderStart, RepeatedEvery1400msAtMost8TimesThenGivesUp) {
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  for (int repetition = 1; repetition <= 8; ++repetition) {
    t += 1390ms;
    EXPECT_EQ(drain(sender, t), "") << "too early, repetition " << repetition;
    t += 10ms;
    EXPECT_EQ(drain(sender, t), bytes("1B 3A 69 44")) << "repetition " << repetition;
  }
  EXPECT_EQ(sender.stats().start_commands, 9U);
  t += 1400ms;
  drain(sender, t);
  EXPECT_TRUE(sender.disconnect_requested());
  EXPECT_EQ(sender.mode(), pce::SenderMode::failed);
}

TEST(PceSenderStart, Nack40IsAnImplicitAcknowledgementFromThe5thRepetition) {
  // The terminal took the acknowledged START as on, lost its answer, and reads our repetitions as block 0.
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  for (int repetition = 1; repetition <= 4; ++repetition) {
    t += 1400ms;
    drain(sender, t);
  }
  feed(sender, bytes("15 40"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::starting) << "only from the 5th repetition";
  t += 1400ms;
  drain(sender, t);
  feed(sender, bytes("15 41"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::starting) << "only NACK 40 counts";
  feed(sender, bytes("15 40"), t);
  ASSERT_EQ(sender.mode(), pce::SenderMode::active);
  sender.send("Hi", t);
  t += 20ms;
  EXPECT_EQ(drain(sender, t), bytes("16 16 40") + blocks_of("Hi"));
}

TEST(PceSenderStart, MiniPaviTimingsRepeatAfter2sForeverAndTakeAnyNack40AtOnce) {
  pce::Sender sender(pce::SenderConfig::minipavi_like());
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  t += 1900ms;
  EXPECT_EQ(drain(sender, t), "");
  t += 100ms;
  EXPECT_EQ(drain(sender, t), bytes("1B 3A 69 44"));
  for (int i = 0; i < 20; ++i) {
    t += 2000ms;
    drain(sender, t);
  }
  EXPECT_FALSE(sender.disconnect_requested());
  feed(sender, bytes("15 40"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::active);
}

TEST(PceSenderBlocks, WorkedExamples1And2AreSentAsInTheSpec) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Bonjour Minitel", t);
  EXPECT_EQ(drain(sender, t), bytes("42 6F 6E 6A 6F 75 72 20 4D 69 6E 69 74 65 6C 5D 00"));
  sender.send(kExample2, t);
  t += 20ms;
  EXPECT_EQ(drain(sender, t), bytes("0C 1F 41 41 4D 49 4E 49 54 45 4C 20 31 42 00 23 00"
                                    "10 16 4F 4B 00 00 00 00 00 00 00 00 00 00 00 29 00"));
}

TEST(PceSenderBlocks, LineOutputCarriesTheParityBits) {
  SimTime t{};
  pce::SenderConfig config;
  config.output = pce::CharForm::line;
  auto sender = active_sender(t, config);
  sender.send("Bonjour Minitel", t);
  EXPECT_EQ(drain(sender, t), bytes("42 6F EE 6A 6F F5 72 A0 4D 69 EE 69 74 65 6C DD 00"));
}

TEST(PceSenderBlocks, PartialBlockIsPaddedAfter16msWithoutNewCharacters) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("AB", t);
  t += 10ms;
  sender.send("C", t);
  t += 10ms;
  EXPECT_EQ(drain(sender, t), "") << "the 16 ms timer restarts on each character";
  t += 6ms;
  EXPECT_EQ(drain(sender, t), blocks_of("ABC"));
}

TEST(PceSenderBlocks, MiniPaviPadsEachWriteAtOnce) {
  SimTime t{};
  auto sender = active_sender(t, pce::SenderConfig::minipavi_like());
  sender.send("AB", t);
  sender.send("C", t);
  EXPECT_EQ(drain(sender, t), blocks_of("AB") + blocks_of("C"));
}

TEST(PceSenderBlocks, BytesAbove7FBecomeSpaces) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send(bytes("41 C1 FF"), t);
  t += 20ms;
  EXPECT_EQ(drain(sender, t), blocks_of("A  "));
}

TEST(PceSenderKeepAlive, SixteenNulsAfterEach134msOfIdle) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Bonjour Minitel", t);
  drain(sender, t);
  const SimTime block_end = t - kDownChar;  // when the last character was pulled
  t = block_end + 133ms;
  EXPECT_EQ(sender.pull(t), std::nullopt);
  t = block_end + 134ms;
  EXPECT_EQ(drain(sender, t), std::string(16, '\0')) << "enough to complete any damaged block";
  const SimTime last = t - kDownChar;
  t = last + 133ms;
  EXPECT_EQ(sender.pull(t), std::nullopt);
  t = last + 134ms;
  EXPECT_EQ(drain(sender, t), std::string(16, '\0'));
  EXPECT_EQ(sender.stats().keepalive_nuls, 32U);
}

TEST(PceSenderKeepAlive, ANewBlockCutsTheBurstShort) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Bonjour Minitel", t);
  drain(sender, t);
  t += 134ms;
  EXPECT_EQ(drain(sender, t, 3), std::string(3, '\0'));
  sender.send("Second block...", t);
  EXPECT_EQ(drain(sender, t), blocks_of("Second block..."));
}

TEST(PceSenderKeepAlive, SpecMinimumIsOneNulEvery134ms) {
  SimTime t{};
  pce::SenderConfig config;
  config.keepalive_burst = 1;
  auto sender = active_sender(t, config);
  sender.send("Bonjour Minitel", t);
  drain(sender, t);
  t += 134ms;
  EXPECT_EQ(drain(sender, t), std::string(1, '\0'));
  t += 134ms;
  EXPECT_EQ(drain(sender, t), std::string(1, '\0'));
}

TEST(PceSenderKeepAlive, NothingIsSentBeforeTheFirstBlock) {
  SimTime t{};
  auto sender = active_sender(t);
  t += 5s;
  EXPECT_EQ(drain(sender, t), "");
}

TEST(PceSenderKeepAlive, CanBeTurnedOff) {
  SimTime t{};
  pce::SenderConfig config;
  config.keepalive = pavi::modem::SimDuration{0};
  auto sender = active_sender(t, config);
  sender.send("Bonjour Minitel", t);
  drain(sender, t);
  t += 5s;
  EXPECT_EQ(drain(sender, t), "");
}

TEST(PceSenderNack, Example3RepeatsFromTheNamedBlock) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Bonjour Minitel", t);
  sender.send(kExample2, t);
  t += 20ms;
  drain(sender, t);  // blocks 0, 1, 2
  feed(sender, bytes("15 41"), t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 41") + blocks_of(kExample2));
  EXPECT_EQ(sender.stats().repeats_in_domain, 1U);
}

TEST(PceSenderNack, Example3NumberNeverSentResynchronisesOnTheNextBlock) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Bonjour Minitel", t);
  sender.send(kExample2, t);
  t += 20ms;
  drain(sender, t);
  feed(sender, bytes("15 4F"), t);
  sender.send("X", t);  // nothing was waiting: the request applies to this block (number 3)
  t += 20ms;
  EXPECT_EQ(drain(sender, t), bytes("16 16 43 58 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0C 00"));
  EXPECT_EQ(sender.stats().numbers_outside_domain, 1U);
}

TEST(PceSenderNack, AfterTwentyBlocksTheNextNumberDoesNotResendStaleBlocks) {
  // MiniPavi answered NACK 44 after 20 blocks with SYN SYN 44 and the 16-block-old contents of slot 4, then
  // blocks 5..19 (pce.md §6.5 a). Block 4 has left the domain and block 20 was never sent.
  SimTime t{};
  auto sender = active_sender(t);
  for (char c = 'a'; c < 'a' + 20; ++c) sender.send(std::string(15, c), t);
  ASSERT_EQ(drain(sender, t).size(), 20U * 17U);
  feed(sender, bytes("15 44"), t);
  const std::string idle = drain(sender, t);
  EXPECT_EQ(idle.find_first_not_of('\0'), std::string::npos) << "only keep-alive NULs, no stale block";
  sender.send(std::string(15, 'Z'), t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 44") + blocks_of(std::string(15, 'Z')));
}

TEST(PceSenderNack, OldestBlockOfTheDomainResendsFifteenBlocks) {
  SimTime t{};
  auto sender = active_sender(t);
  std::string all;
  for (char c = 'a'; c < 'a' + 20; ++c) {
    sender.send(std::string(15, c), t);
    if (c >= 'a' + 5) all += std::string(15, c);
  }
  drain(sender, t);
  feed(sender, bytes("15 45"), t);  // block 5: the oldest of the 15 fully sent blocks 5..19
  EXPECT_EQ(drain(sender, t), bytes("16 16 45") + blocks_of(all));
  EXPECT_EQ(sender.stats().repeated_blocks, 15U);
}

TEST(PceSenderNack, InterruptsTheBlockInProgressAtOnce) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send(std::string(45, 'q'), t);  // blocks 0, 1, 2
  EXPECT_EQ(drain(sender, t, 17 + 5), blocks_of(std::string(15, 'q')) + "qqqqq");
  sender.receive(pce::NACK, t);
  EXPECT_EQ(sender.pull(t), std::nullopt) << "paused until the block number arrives";
  sender.receive(0x40, t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 40") + blocks_of(std::string(45, 'q')));
  EXPECT_EQ(sender.stats().interrupted_blocks, 1U);
}

TEST(PceSenderNack, GarbledNumberRestartsTheInterruptedBlockBehindSynSyn) {
  SimTime t{};
  pce::SenderConfig config;
  config.input = pce::CharForm::line;
  auto sender = active_sender(t, config);
  sender.send(std::string(30, 'r'), t);
  drain(sender, t, 17 + 3);  // block 0 and 3 characters of block 1
  sender.receive(0x95, t);   // NACK
  sender.receive(0xC1, t);   // 41 with a parity error
  EXPECT_EQ(drain(sender, t), bytes("16 16 41") + blocks_of(std::string(15, 'r')));
  EXPECT_EQ(sender.stats().numbers_garbled, 1U);
}

TEST(PceSenderNack, NumberOutsideColumn4IsGarbled) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send(std::string(30, 'r'), t);
  drain(sender, t, 17 + 3);
  feed(sender, bytes("15 58"), t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 41") + blocks_of(std::string(15, 'r')));
}

TEST(PceSenderNack, GarbledNumberWithABlockWaitingResynchronisesOnIt) {
  SimTime t{};
  pce::SenderConfig config;
  config.keepalive = pavi::modem::SimDuration{0};
  auto sender = active_sender(t, config);
  sender.send(std::string(15, 's'), t);
  drain(sender, t);
  sender.send("waiting", t);
  t += 20ms;  // block 1 is formed but not started
  feed(sender, bytes("15 7F"), t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 41") + blocks_of("waiting"));
}

TEST(PceSenderNack, MissingNumberCountsAsGarbledAfterTheWait) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send(std::string(30, 'u'), t);
  drain(sender, t, 17 + 2);
  sender.receive(pce::NACK, t);
  t += 399ms;
  EXPECT_EQ(sender.pull(t), std::nullopt);
  t += 1ms;
  EXPECT_EQ(drain(sender, t), bytes("16 16 41") + blocks_of(std::string(15, 'u')));
}

TEST(PceSenderNack, NackWithAParityErrorTriggersNothing) {
  SimTime t{};
  pce::SenderConfig config;
  config.input = pce::CharForm::line;
  auto sender = active_sender(t, config);
  sender.send(std::string(30, 'v'), t);
  drain(sender, t, 5);
  sender.receive(0x15, t);  // NACK with bit 7 wrong
  sender.receive(0x41, t);  // a correct 'A': just data
  EXPECT_EQ(sender.stats().nacks, 0U);
  EXPECT_EQ(sender.take_received(), "A");
  EXPECT_EQ(drain(sender, t).size(), 34U - 5U);
}

TEST(PceSenderNack, DleNackFromTheTerminalIsData) {
  SimTime t{};
  auto sender = active_sender(t);
  feed(sender, bytes("10 15 41 10 10 42"), t);
  EXPECT_EQ(sender.stats().nacks, 0U);
  EXPECT_EQ(sender.take_received(), bytes("15 41 10 42"));
}

TEST(PceSenderNack, BlockNumbersWrapModulo16) {
  SimTime t{};
  auto sender = active_sender(t);
  for (int i = 0; i < 17; ++i) sender.send(std::string(15, static_cast<char>('A' + i)), t);
  drain(sender, t);  // blocks 0..16: block 16 carries number 0
  EXPECT_EQ(sender.next_block_number(), 1);
  feed(sender, bytes("15 40"), t);  // the newest block numbered 0 is block 16
  EXPECT_EQ(drain(sender, t), bytes("16 16 40") + blocks_of(std::string(15, 'Q')));
}

TEST(PceSenderStop, StopIsTheLastInformationOfABlockThenCharacterModeOnTheAcknowledgement) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send("Hi", t);
  sender.stop(t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::stopping);
  EXPECT_EQ(drain(sender, t), blocks_of(bytes("48 69 1B 3A 6A 44")));
  sender.send("after", t);
  t += 1s;
  EXPECT_EQ(drain(sender, t).find_first_not_of('\0'), std::string::npos) << "nothing but keep-alives";
  feed(sender, bytes("1B 3A 73 40"), t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::character);
  EXPECT_EQ(drain(sender, t), "after");
  EXPECT_EQ(sender.take_received(), "");
}

TEST(PceSenderStop, RepeatedAfter1550msAtMost8TimesThenGivesUp) {
  SimTime t{};
  pce::SenderConfig config;
  config.keepalive = pavi::modem::SimDuration{0};
  auto sender = active_sender(t, config);
  sender.stop(t);
  drain(sender, t);
  for (int repetition = 1; repetition <= 8; ++repetition) {
    t += 1540ms;
    EXPECT_EQ(drain(sender, t), "");
    t += 10ms;
    EXPECT_EQ(drain(sender, t), blocks_of(bytes("1B 3A 6A 44"))) << repetition;
  }
  t += 1550ms;
  drain(sender, t);
  EXPECT_TRUE(sender.disconnect_requested());
}

TEST(PceSenderStop, RepetitionsAreStillServedWhileStopping) {
  SimTime t{};
  auto sender = active_sender(t);
  sender.send(std::string(15, 'w'), t);
  sender.stop(t);
  drain(sender, t);
  feed(sender, bytes("15 40"), t);
  EXPECT_EQ(drain(sender, t), bytes("16 16 40") + blocks_of(std::string(15, 'w') + bytes("1B 3A 6A 44")));
}

TEST(PceSenderStop, StopAskedDuringStartIsAppliedOnActivation) {
  pce::Sender sender;
  SimTime t{};
  sender.start(t);
  drain(sender, t);
  sender.stop(t);
  feed(sender, kAck, t);
  EXPECT_EQ(sender.mode(), pce::SenderMode::stopping);
  EXPECT_EQ(drain(sender, t), blocks_of(bytes("1B 3A 6A 44")));
}
