// The asynchronous check with a hand-driven lookup, timer and clock: list precedence, one lookup per address,
// the wait limit, failures, the cache and its expiry, and no answer after the checker is gone.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>
#include <vector>

#include "gateway/reputation/reputation_checker.hpp"

namespace pavi::gateway::reputation {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Harness {
  std::vector<std::pair<std::string, LookupDone>> lookups;
  std::vector<std::pair<std::chrono::milliseconds, std::function<void()>>> timers;
  Clock::time_point now{};

  CheckerSettings settings;
  Lookup lookup() {
    return [this](const std::string& address, LookupDone done) { lookups.emplace_back(address, std::move(done)); };
  }
  Scheduler scheduler() {
    return [this](std::chrono::milliseconds delay, std::function<void()> task) {
      timers.emplace_back(delay, std::move(task));
    };
  }
  Now clock() {
    return [this] { return now; };
  }
  std::unique_ptr<ReputationChecker> checker(bool with_lookup = true) {
    return std::make_unique<ReputationChecker>(settings, with_lookup ? lookup() : Lookup{}, scheduler(), clock());
  }
  void fire_timers() {
    auto due = std::move(timers);
    timers.clear();
    for (auto& [delay, task] : due) task();
  }
};

struct Answers {
  std::vector<ReputationDecision> seen;
  ReputationChecker::Done collect() {
    return [this](ReputationDecision decision) { seen.push_back(std::move(decision)); };
  }
};

std::filesystem::path list_file(std::string_view name, std::string_view content) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("pavikit-" + std::string(name) + "-" + std::to_string(::getpid()));
  std::ofstream(file) << content;
  return file;
}

TEST(ReputationChecker, TheBlacklistIsCheckedBeforeTheWhitelist) {  // config.md ipblacklist, C-089
  Harness h;
  h.settings.blacklist_file = list_file("black", "10.0.0.9\n").string();
  h.settings.whitelist_file = list_file("white", "10.0.0.9\n10.0.0.1\n").string();
  auto checker = h.checker();
  Answers answers;
  checker->check("10.0.0.9", answers.collect());
  checker->check("10.0.0.1", answers.collect());
  ASSERT_EQ(answers.seen.size(), 2u);
  EXPECT_EQ(answers.seen[0].score, 100);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::blacklist);
  EXPECT_EQ(answers.seen[1].score, 0);
  EXPECT_EQ(answers.seen[1].source, ScoreSource::whitelist);
  EXPECT_TRUE(h.lookups.empty());  // the whitelisted address skips AbuseIPDB
  std::filesystem::remove(h.settings.blacklist_file);
  std::filesystem::remove(h.settings.whitelist_file);
}

TEST(ReputationChecker, TheListsAreReadAgainAtEachCheck) {  // config.md: "read again at each connection"
  Harness h;
  const auto black = list_file("black-again", "");
  h.settings.blacklist_file = black.string();
  auto checker = h.checker(false);
  Answers answers;
  checker->check("10.0.0.3", answers.collect());
  std::ofstream(black) << "10.0.0.3\n";
  checker->check("10.0.0.3", answers.collect());
  ASSERT_EQ(answers.seen.size(), 2u);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::no_lookup);
  EXPECT_EQ(answers.seen[1].source, ScoreSource::blacklist);
  std::filesystem::remove(black);
}

TEST(ReputationChecker, WithoutALookupEveryoneScoresZero) {  // gateway-behaviour.md §1: no API key (0)
  Harness h;
  auto checker = h.checker(false);
  Answers answers;
  checker->check("10.0.0.1", answers.collect());
  ASSERT_EQ(answers.seen.size(), 1u);
  EXPECT_EQ(answers.seen[0].score, 0);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::no_lookup);
  EXPECT_FALSE(checker->lookups_enabled());
  EXPECT_TRUE(h.timers.empty());
}

TEST(ReputationChecker, ALookupAnswersAndTheNextCheckIsACacheHit) {
  Harness h;
  auto checker = h.checker();
  Answers answers;
  checker->check("192.0.2.31", answers.collect());
  EXPECT_TRUE(answers.seen.empty());  // waiting for the lookup
  ASSERT_EQ(h.lookups.size(), 1u);
  EXPECT_EQ(h.lookups[0].first, "192.0.2.31");
  h.lookups[0].second({31, {}});
  ASSERT_EQ(answers.seen.size(), 1u);
  EXPECT_EQ(answers.seen[0].score, 31);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::lookup);
  h.now += 23h;
  checker->check("192.0.2.31", answers.collect());
  ASSERT_EQ(answers.seen.size(), 2u);
  EXPECT_EQ(answers.seen[1].score, 31);
  EXPECT_EQ(answers.seen[1].source, ScoreSource::cache);
  EXPECT_EQ(checker->lookups_started(), 1u);
  h.fire_timers();  // the first check's wait limit passes after its answer: nothing more happens
  EXPECT_EQ(answers.seen.size(), 2u);
}

TEST(ReputationChecker, AScoreIsKeptForADay) {  // gateway-behaviour.md §1: cached 24 h
  Harness h;
  auto checker = h.checker();
  Answers answers;
  checker->check("192.0.2.5", answers.collect());
  h.lookups.back().second({5, {}});
  h.now += 24h;
  checker->check("192.0.2.5", answers.collect());
  EXPECT_EQ(h.lookups.size(), 2u);
}

TEST(ReputationChecker, AFloodFromOneAddressMakesOneLookup) {
  Harness h;
  auto checker = h.checker();
  Answers answers;
  for (int i = 0; i < 200; ++i) checker->check("198.51.100.7", answers.collect());
  checker->check("198.51.100.8", answers.collect());
  ASSERT_EQ(h.lookups.size(), 2u);
  h.lookups[0].second({90, {}});
  ASSERT_EQ(answers.seen.size(), 200u);
  for (const auto& decision : answers.seen) EXPECT_EQ(decision.score, 90);
  h.lookups[1].second({0, {}});
  EXPECT_EQ(answers.seen.size(), 201u);
  EXPECT_EQ(checker->lookups_started(), 2u);
}

TEST(ReputationChecker, PastTheWaitLimitTheCheckGoesAheadAndTheLateAnswerIsCached) {
  Harness h;
  h.settings.wait_limit = 700ms;
  auto checker = h.checker();
  Answers answers;
  checker->check("203.0.113.1", answers.collect());
  ASSERT_EQ(h.timers.size(), 1u);
  EXPECT_EQ(h.timers[0].first, 700ms);
  h.fire_timers();
  ASSERT_EQ(answers.seen.size(), 1u);
  EXPECT_EQ(answers.seen[0].score, 0);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::timeout);
  // Another connection while the lookup is still under way joins it rather than asking again.
  checker->check("203.0.113.1", answers.collect());
  EXPECT_EQ(h.lookups.size(), 1u);
  h.lookups[0].second({80, {}});
  ASSERT_EQ(answers.seen.size(), 2u);
  EXPECT_EQ(answers.seen[1].score, 80);
  checker->check("203.0.113.1", answers.collect());
  ASSERT_EQ(answers.seen.size(), 3u);
  EXPECT_EQ(answers.seen[2].source, ScoreSource::cache);
  EXPECT_EQ(answers.seen[2].score, 80);
}

TEST(ReputationChecker, AFailedLookupAdmitsAndIsNotRepeatedAtOnce) {
  Harness h;
  h.settings.failure_ttl = 60s;
  auto checker = h.checker();
  Answers answers;
  checker->check("203.0.113.2", answers.collect());
  h.lookups[0].second({std::nullopt, "connect"});
  ASSERT_EQ(answers.seen.size(), 1u);
  EXPECT_EQ(answers.seen[0].score, 0);
  EXPECT_EQ(answers.seen[0].source, ScoreSource::lookup_failed);
  EXPECT_EQ(answers.seen[0].detail, "connect");
  h.now += 59s;
  checker->check("203.0.113.2", answers.collect());
  EXPECT_EQ(h.lookups.size(), 1u);
  EXPECT_EQ(answers.seen.back().source, ScoreSource::lookup_failed);
  h.now += 1s;
  checker->check("203.0.113.2", answers.collect());
  EXPECT_EQ(h.lookups.size(), 2u);
}

TEST(ReputationChecker, ALookupThatNeverAnswersIsStartedAgainLater) {
  Harness h;
  h.settings.stale_lookup = 60s;
  auto checker = h.checker();
  Answers answers;
  checker->check("203.0.113.3", answers.collect());
  h.fire_timers();
  h.now += 30s;
  checker->check("203.0.113.3", answers.collect());
  EXPECT_EQ(h.lookups.size(), 1u);
  h.now += 30s;
  checker->check("203.0.113.3", answers.collect());
  EXPECT_EQ(h.lookups.size(), 2u);
  h.lookups[1].second({10, {}});
  EXPECT_EQ(answers.seen.size(), 3u);  // the timed-out one, then the two that waited
}

TEST(ReputationChecker, NothingIsAnsweredOnceTheCheckerIsGone) {
  Harness h;
  auto checker = h.checker();
  int answered = 0;
  checker->check("203.0.113.4", [&answered](ReputationDecision) { ++answered; });
  checker.reset();
  h.lookups[0].second({99, {}});
  h.fire_timers();
  EXPECT_EQ(answered, 0);
}

TEST(ReputationChecker, ALookupAnsweringAtOnceIsFine) {
  Harness h;
  auto checker = std::make_unique<ReputationChecker>(
      h.settings, [](const std::string&, LookupDone done) { done({12, {}}); }, h.scheduler(), h.clock());
  Answers answers;
  checker->check("203.0.113.5", answers.collect());
  ASSERT_EQ(answers.seen.size(), 1u);
  EXPECT_EQ(answers.seen[0].score, 12);
  h.fire_timers();
  EXPECT_EQ(answers.seen.size(), 1u);
}

}  // namespace
}  // namespace pavi::gateway::reputation
