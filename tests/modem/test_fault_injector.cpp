// The byte fault channel: each kind of fault at its configured rate, deterministic for a seed, and nothing else.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "modem/fault_injector.hpp"
#include "modem/fault_random.hpp"
#include "modem/pce_time.hpp"

using namespace std::chrono_literals;
using pavi::modem::char_slot;
using pavi::modem::FaultConfig;
using pavi::modem::FaultInjector;
using pavi::modem::FaultRandom;
using pavi::modem::parse_fault_config;
using pavi::modem::SimTime;

namespace {

FaultConfig config_of(const char* text) {
  auto parsed = parse_fault_config(text);
  EXPECT_TRUE(parsed.config) << parsed.error;
  return parsed.config.value_or(FaultConfig{});
}

std::string random_bytes(std::size_t size, std::uint64_t seed) {
  FaultRandom random(seed);
  std::string out(size, '\0');
  for (auto& c : out) c = static_cast<char>(random.byte());
  return out;
}

// Sends `data` at 120 characters per second through a fresh injector.
std::string pass(const char* config, const std::string& data, FaultInjector* keep = nullptr) {
  FaultInjector local(config_of(config));
  FaultInjector& injector = keep != nullptr ? *keep : local;
  std::string out;
  for (std::size_t i = 0; i < data.size(); ++i) {
    injector.transmit(static_cast<std::uint8_t>(data[i]), char_slot(static_cast<std::int64_t>(i), 1200), out);
  }
  return out;
}

int bit_differences(const std::string& a, const std::string& b) {
  int n = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    n += std::popcount(static_cast<unsigned>(static_cast<std::uint8_t>(a[i] ^ b[i])));
  return n;
}

// |observed - expected| within 5 standard deviations of a Poisson count.
void expect_poisson(double observed, double expected) {
  EXPECT_NEAR(observed, expected, 5.0 * std::sqrt(expected)) << "expected about " << expected;
}

const std::string kData = random_bytes(1'000'000, 99);

}  // namespace

TEST(FaultInjector, CleanChannelChangesNothing) { EXPECT_EQ(pass("none", kData), kData); }

TEST(FaultInjector, SameSeedSameFaultsOtherSeedOtherFaults) {
  const char* a = "ber=1e-3,burst=8@2000,drop=1e-4,garbage=1e-4,seed=7";
  const char* b = "ber=1e-3,burst=8@2000,drop=1e-4,garbage=1e-4,seed=8";
  EXPECT_EQ(pass(a, kData), pass(a, kData));
  EXPECT_NE(pass(a, kData), pass(b, kData));
}

TEST(FaultInjector, BitFlipsHappenAtTheConfiguredRate) {
  FaultInjector injector(config_of("ber=1e-3,seed=3"));
  const std::string out = pass("", kData, &injector);
  ASSERT_EQ(out.size(), kData.size());
  const int flipped = bit_differences(out, kData);
  EXPECT_EQ(static_cast<std::uint64_t>(flipped), injector.stats().bits_flipped);
  expect_poisson(flipped, 8e6 * 1e-3);
}

TEST(FaultInjector, BurstsReplaceRunsOfBytes) {
  FaultInjector injector(config_of("burst=8@2000,seed=4"));
  const std::string out = pass("", kData, &injector);
  ASSERT_EQ(out.size(), kData.size());
  const auto& stats = injector.stats();
  expect_poisson(static_cast<double>(stats.bursts), 1e6 / 2000.0);
  EXPECT_LE(stats.burst_bytes, stats.bursts * 8);
  EXPECT_GE(stats.burst_bytes, (stats.bursts - 1) * 8);
  // Damaged bytes come in clusters of at most 8 (two bursts may rarely touch), one cluster per burst.
  std::size_t damaged = 0;
  std::size_t clusters = 0;
  std::size_t short_clusters = 0;
  std::size_t first = 0;
  std::size_t last = 0;
  for (std::size_t i = 0; i <= out.size(); ++i) {
    const bool hit = i < out.size() && out[i] != kData[i];
    if (hit) ++damaged;
    if ((hit && damaged > 1 && i - last >= 8) || (i == out.size() && damaged > 0)) {
      ++clusters;
      if (last - first < 8) ++short_clusters;
      first = i;
    }
    if (hit && damaged == 1) first = i;
    if (hit) last = i;
  }
  EXPECT_LE(clusters, stats.bursts);
  EXPECT_GE(clusters, stats.bursts * 95 / 100);
  EXPECT_GE(short_clusters, clusters * 95 / 100);
  EXPECT_LE(damaged, stats.burst_bytes);
  EXPECT_GT(damaged, stats.burst_bytes * 9 / 10) << "a random byte rarely equals the original";
}

TEST(FaultInjector, DropsAndGarbageChangeTheLength) {
  FaultInjector dropping(config_of("drop=1e-3,seed=5"));
  const std::size_t after_drops = pass("", kData, &dropping).size();
  EXPECT_EQ(after_drops, kData.size() - dropping.stats().bytes_dropped);
  expect_poisson(static_cast<double>(dropping.stats().bytes_dropped), 1000.0);

  FaultInjector inserting(config_of("garbage=1e-3,seed=5"));
  const std::size_t after_garbage = pass("", kData, &inserting).size();
  EXPECT_EQ(after_garbage, kData.size() + inserting.stats().garbage_inserted);
  expect_poisson(static_cast<double>(inserting.stats().garbage_inserted), 1000.0);
}

TEST(FaultInjector, DroppedBytesLeaveTheOthersInOrder) {
  const std::string small = kData.substr(0, 20'000);
  const std::string out = pass("drop=1e-2,seed=6", small);
  std::size_t j = 0;
  for (std::size_t i = 0; i < small.size() && j < out.size(); ++i) {
    if (small[i] == out[j]) ++j;
  }
  EXPECT_EQ(j, out.size()) << "the output is a subsequence of the input";
}

TEST(FaultInjector, ScheduledDropoutLosesExactlyItsWindow) {
  FaultInjector injector(config_of("dropout_at=1s:500ms"));
  const std::string data = kData.substr(0, 360);  // 3 s at 120 characters per second
  const std::string out = pass("", data, &injector);
  EXPECT_EQ(injector.stats().dropout_bytes_lost, 60U);
  EXPECT_EQ(injector.stats().dropouts, 1U);
  EXPECT_EQ(out, data.substr(0, 120) + data.substr(180));
}

TEST(FaultInjector, RandomDropoutsCoverTheExpectedShareOfTime) {
  FaultInjector injector(config_of("dropout=1s@10s,seed=8"));
  pass("", kData, &injector);  // 8333 s of line time
  const double lost = static_cast<double>(injector.stats().dropout_bytes_lost) / 1e6;
  EXPECT_NEAR(lost, 1.0 / 11.0, 0.02);
  expect_poisson(static_cast<double>(injector.stats().dropouts), 8333.0 / 11.0);
}

TEST(FaultInjector, CutStopsEverythingAfterNBytes) {
  FaultInjector injector(config_of("cut=100"));
  const std::string out = pass("", kData.substr(0, 1000), &injector);
  EXPECT_EQ(out, kData.substr(0, 100));
  EXPECT_TRUE(injector.cut());
  EXPECT_EQ(injector.stats().cut_bytes_lost, 900U);
}

TEST(FaultInjector, BurstsDoNotMoveTheBitFlipsOfTheSameSeed) {
  FaultInjector ber_only(config_of("ber=1e-3,seed=11"));
  FaultInjector ber_and_bursts(config_of("ber=1e-3,burst=4@500,seed=11"));
  pass("", kData, &ber_only);
  pass("", kData, &ber_and_bursts);
  EXPECT_EQ(ber_only.stats().bits_flipped, ber_and_bursts.stats().bits_flipped);
}
