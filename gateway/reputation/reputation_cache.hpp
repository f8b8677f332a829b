// Scores already known, per address, until they expire: 24 h for an AbuseIPDB answer as in the original, a short
// while for a failed lookup (so that a dead endpoint costs one lookup per address per minute, not one per
// connection). Bounded: past max_entries the entry closest to expiry goes, so a flood of distinct addresses
// cannot grow memory. Not thread-safe (the checker holds its lock); time is passed in, for the tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace pavi::gateway::reputation {

class ReputationCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Entry {
    int score = 0;
    bool failed = false;      // a failed lookup, remembered so as not to ask again at once
    std::string detail;       // why it failed
    Clock::time_point expires;
  };

  explicit ReputationCache(std::size_t max_entries = 100000);

  void store(const std::string& address, Entry entry);
  // The entry while now < expires; an expired one is dropped.
  std::optional<Entry> find(const std::string& address, Clock::time_point now);
  std::size_t size() const;

 private:
  void erase(std::map<std::string, Entry>::iterator entry);

  std::size_t max_entries_;
  std::map<std::string, Entry> entries_;
  std::multimap<Clock::time_point, std::string> by_expiry_;
};

}  // namespace pavi::gateway::reputation
