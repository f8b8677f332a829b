// The score cache: expiry, replacement, and its size bound.
#include <gtest/gtest.h>

#include "gateway/reputation/reputation_cache.hpp"

namespace pavi::gateway::reputation {
namespace {

using namespace std::chrono_literals;
using Clock = ReputationCache::Clock;

ReputationCache::Entry score(int value, Clock::time_point expires) { return {value, false, {}, expires}; }

TEST(ReputationCache, AnEntryLivesUntilItExpires) {
  const Clock::time_point t0{};
  ReputationCache cache;
  cache.store("10.0.0.1", score(42, t0 + 24h));
  ASSERT_TRUE(cache.find("10.0.0.1", t0 + 23h).has_value());
  EXPECT_EQ(cache.find("10.0.0.1", t0 + 23h)->score, 42);
  EXPECT_FALSE(cache.find("10.0.0.2", t0).has_value());
  EXPECT_FALSE(cache.find("10.0.0.1", t0 + 24h).has_value());
  EXPECT_EQ(cache.size(), 0u);  // the expired entry went when it was looked at
}

TEST(ReputationCache, StoringAgainReplaces) {
  const Clock::time_point t0{};
  ReputationCache cache;
  cache.store("10.0.0.1", {0, true, "timeout", t0 + 60s});
  cache.store("10.0.0.1", score(7, t0 + 24h));
  EXPECT_EQ(cache.size(), 1u);
  const auto entry = cache.find("10.0.0.1", t0 + 2min);
  ASSERT_TRUE(entry.has_value());
  EXPECT_FALSE(entry->failed);
  EXPECT_EQ(entry->score, 7);
}

TEST(ReputationCache, PastItsBoundTheEntryClosestToExpiryGoes) {
  const Clock::time_point t0{};
  ReputationCache cache(3);
  cache.store("a", score(1, t0 + 3h));
  cache.store("b", score(2, t0 + 1h));
  cache.store("c", score(3, t0 + 2h));
  cache.store("d", score(4, t0 + 4h));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find("b", t0).has_value());
  EXPECT_TRUE(cache.find("a", t0).has_value());
  EXPECT_TRUE(cache.find("c", t0).has_value());
  EXPECT_TRUE(cache.find("d", t0).has_value());
  for (int i = 0; i < 1000; ++i) cache.store("x" + std::to_string(i), score(i % 100, t0 + 5h));
  EXPECT_EQ(cache.size(), 3u);
}

}  // namespace
}  // namespace pavi::gateway::reputation
