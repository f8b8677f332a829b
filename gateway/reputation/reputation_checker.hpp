// The asynchronous reputation check made at each accept (gateway-behaviour.md §1 step 3), in the original's order:
// the black list (score 100), the white list (0, no lookup), no lookup configured (0), then the AbuseIPDB score,
// cached. Unlike the original, whose synchronous lookup held up every accept for up to 8 s, a lookup never makes
// a connection wait longer than `wait_limit`: past it the connection is scored 0 and the lookup goes on filling
// the cache. Concurrent checks of one address share one lookup. The lookup and the timer are injected.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "gateway/reputation/reputation_policy.hpp"

namespace pavi::gateway::reputation {

struct LookupOutcome {
  std::optional<int> score;  // 0..100 when the lookup succeeded
  std::string error;         // otherwise why: "timeout", "connect", "http_429", "bad_reply", ...
};
using LookupDone = std::function<void(LookupOutcome)>;
// Starts a lookup of `address`; `done` runs once, on any thread, later or at once.
using Lookup = std::function<void(const std::string& address, LookupDone done)>;
// Runs `task` once after `delay`, on any thread (the server gives an Asio timer).
using Scheduler = std::function<void(std::chrono::milliseconds delay, std::function<void()> task)>;
using Now = std::function<std::chrono::steady_clock::time_point()>;

struct CheckerSettings {
  std::string blacklist_file;  // ipblacklist: "" = none
  std::string whitelist_file;  // ipwhitelist: "" = none
  std::chrono::milliseconds wait_limit{2000};       // the longest a check waits for a lookup
  std::chrono::seconds score_ttl{24 * 3600};        // as the original
  std::chrono::seconds failure_ttl{60};             // a failed lookup is not repeated before this
  std::chrono::seconds stale_lookup{60};            // a lookup that has not answered by then is started again
  std::size_t max_cached = 100000;
};

class ReputationChecker {
 public:
  using Done = std::function<void(ReputationDecision)>;

  // Without `lookup` every address that no list names scores 0 (no ipdbkey). Without `scheduler` a check waits
  // for its lookup however long it takes (the lookup's own timeout then bounds it).
  explicit ReputationChecker(CheckerSettings settings, Lookup lookup = {}, Scheduler scheduler = {}, Now now = {});
  // Once it returns, no callback runs any more; checks still waiting are dropped without an answer.
  // Not from inside a Done.
  ~ReputationChecker();
  ReputationChecker(const ReputationChecker&) = delete;
  ReputationChecker& operator=(const ReputationChecker&) = delete;

  // `done` runs once: at once on this thread when a list, the cache or the absence of lookup decides; else on the
  // lookup's or the scheduler's thread. Keep it short (post the rest to your own executor). Thread-safe.
  void check(const std::string& address, Done done);

  bool lookups_enabled() const;
  std::size_t lookups_started() const;  // HTTP lookups asked of the Lookup so far
  std::size_t cached() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace pavi::gateway::reputation
