// Random-fault soak of PCE end to end (slow label): 10^6 application bytes per case from the gateway's sender
// to the terminal, through BER 1e-3 plus bursts, lost bytes, inserted garbage and 1 s dropouts on the 1200 bit/s
// direction and a noisy return channel. Every byte must arrive exactly once and in order.
//
// The heavy cases use the strict receiver (no single-bit correction, resynchronisation after silence, 500 ms
// NACK repetition). With STUM's own rules exactness cannot be guaranteed at BER 1e-3: some 3-bit errors and
// random bursts are "corrected" into wrong data, and a dropout ending on a block boundary loses whole blocks
// unnoticed (docs/PCE.md, "Limits of the procedure"; test_pce_limits.cpp). STUM's receiver is soaked at 1e-4.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>

#include "modem/fault_random.hpp"
#include "modem/pce_loopback.hpp"

namespace pce = pavi::modem::pce;
using pavi::modem::FaultRandom;
using pavi::modem::LinkEnd;
using pavi::modem::parse_fault_config;
using pavi::modem::SimDuration;
using pavi::modem::SimTime;

namespace {

// Any 7-bit value, control codes included, except that ESC is never followed by ':' so the data cannot
// contain the PRO2 START/STOP commands the terminal would act upon.
std::string soak_data(std::size_t size, std::uint64_t seed) {
  FaultRandom random(seed);
  std::string data(size, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    auto v = static_cast<char>(random.byte() & 0x7F);
    if (i > 0 && data[i - 1] == 0x1B && v == 0x3A) v = 0x3B;
    data[i] = v;
  }
  data.back() = 'Z';
  return data;
}

struct SoakCase {
  const char* name;
  const char* down;
  const char* up;
  std::uint64_t seed;
  bool strict;
};

void PrintTo(const SoakCase& soak, std::ostream* os) { *os << soak.name; }

class PceSoak : public ::testing::TestWithParam<SoakCase> {};

TEST_P(PceSoak, MillionBytesArriveExactlyOnceAndInOrder) {
  const SoakCase& param = GetParam();
  pce::LoopbackConfig config;
  config.record = false;
  if (param.strict) {
    config.terminal.receiver = pce::ReceiverConfig::strict();
    config.terminal.receiver.upstream = pce::CharForm::line;
  }
  auto down = parse_fault_config(param.down);
  auto up = parse_fault_config(param.up);
  ASSERT_TRUE(down.config) << down.error;
  ASSERT_TRUE(up.config) << up.error;
  down.config->seed = param.seed;
  up.config->seed = param.seed + 1;
  config.link.a_to_b.faults = *down.config;
  config.link.b_to_a.faults = *up.config;
  pce::Loopback loop(config);

  const std::string data = soak_data(1'000'000, param.seed * 7919);
  FaultRandom pacing(param.seed * 104729);
  std::size_t fed = 0;
  SimTime next_feed{};
  loop.gateway().start(loop.now());
  // The START exchange itself is in clear: a corrupted START reaches the display as text and is repeated.
  ASSERT_TRUE(loop.run_until([&] { return loop.gateway().mode() == pce::SenderMode::active; },
                             SimTime{std::chrono::seconds{60}}));
  const std::size_t before_pce = loop.delivered().size();
  // Writes of 1..600 bytes, mostly back to back, sometimes after up to 3 s of silence (keep-alives, idle NACKs).
  const SimTime deadline = SimTime{std::chrono::seconds{60'000}};
  while (loop.delivered().size() - before_pce < data.size() && loop.now() < deadline) {
    if (fed < data.size() && loop.now() >= next_feed && !loop.gateway().has_pending_output()) {
      const std::size_t chunk = std::min<std::size_t>(1 + pacing.next() % 600, data.size() - fed);
      loop.gateway().send(std::string_view(data).substr(fed, chunk), loop.now());
      fed += chunk;
      next_feed = loop.now();
      if (pacing.next() % 10 == 0) next_feed += SimDuration{static_cast<std::int64_t>(pacing.next() % 3'000'000)};
    }
    loop.step();
  }
  loop.run_for(std::chrono::seconds{5});  // anything extra would show up now

  const std::string got = loop.delivered().substr(before_pce);
  ASSERT_EQ(got.size(), data.size()) << "at " << loop.now().time_since_epoch().count() / 1e6 << " s";
  if (got != data) {
    std::size_t first = 0;
    while (got[first] == data[first]) ++first;
    FAIL() << "first difference at byte " << first;
  }

  const auto& rx = loop.terminal().receiver().stats();
  const auto& tx = loop.gateway().stats();
  const auto& faults = loop.link().fault_stats(LinkEnd::a);
  // The faults really happened and every recovery path was exercised.
  EXPECT_GT(faults.bits_flipped, 500U);
  EXPECT_GT(rx.blocks_bad, 50U);
  EXPECT_GT(rx.resyncs, 50U);
  EXPECT_GT(tx.repeats_in_domain, 50U);
  EXPECT_GT(tx.keepalive_nuls, 0U);
  if (param.strict) {
    EXPECT_GT(faults.bursts, 10U);
  } else {
    EXPECT_GT(rx.blocks_corrected, 500U);
  }
  RecordProperty("simulated_seconds", std::to_string(loop.now().time_since_epoch().count() / 1'000'000));
  std::printf(
      "[ soak ] %s: %.0f s simulated, blocks new %llu repeated %llu, corrected %llu, bad %llu, "
      "NACKs %llu (timer %llu), resyncs %llu, outside domain %llu, garbled %llu\n",
      param.name, static_cast<double>(loop.now().time_since_epoch().count()) / 1e6,
      static_cast<unsigned long long>(tx.new_blocks), static_cast<unsigned long long>(tx.repeated_blocks),
      static_cast<unsigned long long>(rx.blocks_corrected), static_cast<unsigned long long>(rx.blocks_bad),
      static_cast<unsigned long long>(rx.nacks_sent), static_cast<unsigned long long>(rx.nack_timer_repeats),
      static_cast<unsigned long long>(rx.resyncs), static_cast<unsigned long long>(tx.numbers_outside_domain),
      static_cast<unsigned long long>(tx.numbers_garbled));
}

constexpr const char* kHeavy = "ber=1e-3,burst=8@20000,drop=1e-5,garbage=1e-5,dropout=1s@600s";

INSTANTIATE_TEST_SUITE_P(
    Faults, PceSoak,
    ::testing::Values(SoakCase{"strict_ber1e3_bursts_seed7", kHeavy, "ber=1e-5", 7, true},
                      SoakCase{"strict_ber1e3_bursts_seed8", kHeavy, "ber=1e-5", 8, true},
                      SoakCase{"strict_ber1e3_bursts_seed9", kHeavy, "ber=1e-5", 9, true},
                      SoakCase{"strict_ber1e3_bursts_noisy_return", kHeavy, "ber=1e-4,drop=1e-4", 10, true},
                      SoakCase{"strict_ber3e3_long_bursts_short_dropouts",
                               "ber=3e-3,burst=16@5000,drop=1e-4,garbage=1e-4,dropout=300ms@20s", "ber=1e-5", 11, true},
                      SoakCase{"stum_ber1e4_drops_garbage", "ber=1e-4,drop=1e-5,garbage=1e-5", "ber=1e-5", 12, false},
                      SoakCase{"stum_ber1e4_drops_garbage_seed13", "ber=1e-4,drop=1e-5,garbage=1e-5", "ber=1e-5", 13,
                               false}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
