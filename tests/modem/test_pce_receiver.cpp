// The terminal side of the PCE block layer driven by hand (pce.md §4): delivery, classification, NACK, the
// resynchronisation hunt and every way it can fail, the 1120 ms repetition, and the upstream direction.
#include <gtest/gtest.h>

#include <ostream>

#include "modem/pce_block.hpp"
#include "modem/pce_receiver.hpp"
#include "tests/modem/test_pce_helpers.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using namespace pce::test;
using pavi::modem::SimTime;
using pavi::test::bytes;

namespace {

std::string line_blocks(std::string_view data) {
  std::string out;
  for (const auto& block : pce::frame_message(
           std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()))) {
    out.append(block.begin(), block.end());
  }
  return out;
}

const std::string kBonjour = line_blocks("Bonjour Minitel");
const std::string kSecond = line_blocks("second block!!!");
const std::string kThird = line_blocks("third");

std::string damaged(std::string block, std::size_t index, std::uint8_t mask) {
  block[index] = static_cast<char>(static_cast<std::uint8_t>(block[index]) ^ mask);
  return block;
}

pce::Receiver active_receiver(SimTime& t, pce::ReceiverConfig config = {}) {
  pce::Receiver receiver(config);
  receiver.activate(t);
  return receiver;
}

}  // namespace

TEST(PceReceiver, DeliversBlocksInOrderAndIgnoresNulsBetweenThem) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, bytes("00 00") + kBonjour + bytes("00") + kSecond, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitelsecond block!!!");
  EXPECT_EQ(rx.expected_block(), 2);
  EXPECT_EQ(rx.stats().blocks_correct, 2U);
  EXPECT_FALSE(rx.has_upstream());
}

TEST(PceReceiver, BlockCounterWrapsModulo16) {
  SimTime t{};
  auto rx = active_receiver(t);
  for (int i = 0; i < 17; ++i) feed(rx, kBonjour, t);
  EXPECT_EQ(rx.expected_block(), 1);
}

TEST(PceReceiver, Example1SingleErrorIsCorrectedWithoutRepetition) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(kBonjour, 4, 0x08), t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
  EXPECT_EQ(rx.stats().blocks_corrected, 1U);
  EXPECT_FALSE(rx.has_upstream());
}

TEST(PceReceiver, BadBlockAsksForItsNumberAndIgnoresWhatFollowsUntilResynchronised) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, kBonjour, t);
  feed(rx, damaged(kSecond, 6, 0x03), t);  // two flips in one character: CRC error
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 41"));
  EXPECT_EQ(rx.state(), pce::ReceiverState::hunting);
  feed(rx, kThird + kSecond, t);  // blocks sent before the gateway saw the NACK
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
  feed(rx, line_form(bytes("16 16 41")) + kSecond + kThird, t);
  EXPECT_EQ(rx.take_data(), "second block!!!third");
  EXPECT_EQ(rx.stats().resyncs, 1U);
  EXPECT_EQ(rx.expected_block(), 3);
}

TEST(PceReceiver, Character17OtherThanNulAsksForRepetition) {
  SimTime t{};
  auto rx = active_receiver(t);
  std::string block = kBonjour;
  block[16] = '\x30';
  feed(rx, block, t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiver, StrayByteBeforeBlock0IsCaughtAsMiniPaviCausedIt) {
  // pce.md §8: MiniPavi's '0' before block 0 pushes the CRC into position 17.
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, "0" + kBonjour, t);
  EXPECT_EQ(rx.take_data(), "");
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
  feed(rx, line_form(bytes("16 16 40")) + kBonjour, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
}

TEST(PceReceiver, LostCharacterIsCaughtWhenTheKeepAliveNulCompletesTheBlock) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, kBonjour.substr(0, 7) + kBonjour.substr(8), t);  // 16 characters
  EXPECT_FALSE(rx.has_upstream());
  feed(rx, bytes("00"), t);  // the 134 ms keep-alive
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiver, FlippedKeepAliveFollowedByNulsIsNotTakenForAnEmptyBlock) {
  // 01 then 16 NULs would be "corrected" into an all-NUL block by the STUM rules, shifting the numbering.
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, bytes("01") + std::string(16, '\0'), t);
  EXPECT_EQ(rx.expected_block(), 0);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiverHunt, SynFollowedByAnotherCharacterRestartsTheHuntQuietly) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(kBonjour, 0, 0x41), t);
  drain_upstream(rx, t);
  feed(rx, line_form(bytes("16 41")), t);
  EXPECT_FALSE(rx.has_upstream());
  feed(rx, line_form(bytes("16 16 40")) + kBonjour, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
}

TEST(PceReceiverHunt, FirstSynWithAParityErrorIsNotASyn) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(kBonjour, 0, 0x41), t);
  drain_upstream(rx, t);
  feed(rx, bytes("16 96 96 C0") + kBonjour, t);  // 16 has bad parity; the real header follows
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
  EXPECT_EQ(rx.stats().resync_failures, 0U);
}

struct BadHeader {
  const char* name;
  std::string header;
};

void PrintTo(const BadHeader& header, std::ostream* os) { *os << header.name; }

class PceReceiverBadHeader : public ::testing::TestWithParam<BadHeader> {};

TEST_P(PceReceiverBadHeader, TriggersAnImmediateNewNack) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, kBonjour, t);
  feed(rx, damaged(kSecond, 2, 0x11), t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 41"));
  feed(rx, GetParam().header, t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 41"));
  EXPECT_EQ(rx.stats().resync_failures, 1U);
  feed(rx, line_form(bytes("16 16 41")) + kSecond, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitelsecond block!!!");
}

INSTANTIATE_TEST_SUITE_P(Paths, PceReceiverBadHeader,
                         ::testing::Values(BadHeader{"second_syn_parity_error", bytes("96 16")},
                                           BadHeader{"wrong_block_number", bytes("96 96 C2")},
                                           BadHeader{"number_parity_error", bytes("96 96 C1")},
                                           BadHeader{"not_column_4", bytes("96 96 D8")},
                                           BadHeader{"third_syn", bytes("96 96 96")}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(PceReceiverHunt, FramingErrorInTheHeaderTriggersANewNack) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(kBonjour, 3, 0x06), t);
  drain_upstream(rx, t);
  rx.receive(0x96, t);
  rx.receive(0x96, t);
  rx.receive(0xC0, t, /*framing_error=*/true);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiverHunt, NackIsRepeatedEvery1120msUntilResynchronised) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(kBonjour, 3, 0x06), t);
  ASSERT_EQ(rx.pull_upstream(t), std::uint8_t{0x15});
  const SimTime number_sent = t;
  ASSERT_EQ(rx.pull_upstream(t), std::uint8_t{0x40});
  EXPECT_EQ(rx.pull_upstream(number_sent + 1119ms), std::nullopt);
  EXPECT_EQ(rx.pull_upstream(number_sent + 1120ms), std::uint8_t{0x15});
  t = number_sent + 1120ms + kUpChar;
  EXPECT_EQ(rx.pull_upstream(t), std::uint8_t{0x40});
  EXPECT_EQ(rx.stats().nack_timer_repeats, 1U);
  feed(rx, line_form(bytes("16 16 40")), t);
  t += 5s;
  EXPECT_EQ(drain_upstream(rx, t), "") << "no repetition once resynchronised";
}

TEST(PceReceiverEarly, SecondParityErrorTriggersTheNackBeforeTheBlockEnds) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, damaged(damaged(kBonjour, 1, 0x01), 2, 0x01).substr(0, 3), t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
  feed(rx, kBonjour.substr(3), t);  // the rest of the bad block is ignored
  EXPECT_EQ(rx.take_data(), "");
  EXPECT_EQ(rx.stats().blocks_bad, 1U);
}

TEST(PceReceiverEarly, FramingErrorTriggersTheNackAtOnce) {
  SimTime t{};
  auto rx = active_receiver(t);
  rx.receive(static_cast<std::uint8_t>(kBonjour[0]), t);
  rx.receive(static_cast<std::uint8_t>(kBonjour[1]), t, /*framing_error=*/true);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiverEarly, CanWaitForTheEndOfTheBlock) {
  SimTime t{};
  pce::ReceiverConfig config;
  config.early_nack = false;
  auto rx = active_receiver(t, config);
  const std::string bad = damaged(damaged(kBonjour, 1, 0x01), 2, 0x01);
  feed(rx, bad.substr(0, 16), t);
  EXPECT_FALSE(rx.has_upstream());
  feed(rx, bad.substr(16), t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 40"));
}

TEST(PceReceiverForms, SevenBitInputDetectsErrorsButCannotCorrectThem) {
  SimTime t{};
  pce::ReceiverConfig config;
  config.input = pce::CharForm::seven_bit;
  auto rx = active_receiver(t, config);
  feed(rx, seven_bit_form(kBonjour), t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitel");
  feed(rx, seven_bit_form(damaged(kSecond, 4, 0x08)), t);
  EXPECT_EQ(rx.take_data(), "");
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 41"));
}

TEST(PceReceiverForms, LineUpstreamCarriesParity) {
  SimTime t{};
  pce::ReceiverConfig config;
  config.upstream = pce::CharForm::line;
  auto rx = active_receiver(t, config);
  feed(rx, damaged(kBonjour, 3, 0x06), t);
  EXPECT_EQ(drain_upstream(rx, t), bytes("95 C0"));
}

TEST(PceReceiverForms, InactiveReceiverPassesCharactersThrough) {
  SimTime t{};
  pce::Receiver rx;
  feed(rx, line_form("Hello") + bytes("00 10"), t);
  EXPECT_EQ(rx.take_data(), bytes("48 65 6C 6C 6F 00 10"));
}

TEST(PceReceiverUpstream, ReservedCodesAreEscapedOnlyWhilePceIsOn) {
  SimTime t{};
  pce::Receiver rx;
  rx.send(bytes("10 41"));
  EXPECT_EQ(drain_upstream(rx, t), bytes("10 41"));
  rx.activate(t);
  rx.send(bytes("10 41 00 15 16"));
  EXPECT_EQ(drain_upstream(rx, t), bytes("10 10 41 10 00 10 15 10 16"));
}

TEST(PceReceiverUpstream, NackGoesFirstButNeverInsideAnEscapePair) {
  SimTime t{};
  auto rx = active_receiver(t);
  rx.send(bytes("41 16 42"));
  EXPECT_EQ(rx.pull_upstream(t), std::uint8_t{0x41});
  EXPECT_EQ(rx.pull_upstream(t), std::uint8_t{pce::DLE});
  feed(rx, damaged(kBonjour, 3, 0x06), t);  // needs a NACK now
  EXPECT_EQ(drain_upstream(rx, t), bytes("16 15 40 42"));
}

TEST(PceReceiverSilence, OffByDefaultAsOnAMinitel) {
  SimTime t{};
  auto rx = active_receiver(t);
  feed(rx, kBonjour, t);
  t += 10s;
  feed(rx, kSecond, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitelsecond block!!!");
}

TEST(PceReceiverSilence, StrictReceiverResynchronisesAfterAGap) {
  // Blocks carry no number: after a dropout that swallowed whole blocks, the next one would be taken for the
  // expected one. The strict receiver asks again instead.
  SimTime t{};
  auto rx = active_receiver(t, pce::ReceiverConfig::strict());
  feed(rx, kBonjour, t);
  t += 250ms - kDownChar;  // feed() already moved one character past the last one
  feed(rx, kSecond, t);
  EXPECT_EQ(rx.take_data(), "Bonjour Minitelsecond block!!!") << "250 ms is not yet silence";
  t += 251ms - kDownChar;
  feed(rx, kThird, t);
  EXPECT_EQ(rx.take_data(), "");
  EXPECT_EQ(drain_upstream(rx, t), bytes("15 42"));
  EXPECT_EQ(rx.stats().silence_resyncs, 1U);
}

TEST(PceReceiverSilence, StrictReceiverRepeatsItsNackAfter500ms) {
  SimTime t{};
  auto rx = active_receiver(t, pce::ReceiverConfig::strict());
  feed(rx, damaged(kBonjour, 3, 0x06), t);
  drain_upstream(rx, t);
  const SimTime sent = t - kUpChar;
  EXPECT_EQ(rx.pull_upstream(sent + 499ms), std::nullopt);
  EXPECT_EQ(rx.pull_upstream(sent + 500ms), std::uint8_t{0x15});
}
