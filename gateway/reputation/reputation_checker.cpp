// The asynchronous check: lists, cache, one shared lookup per address, the wait limit (see reputation_checker.hpp).
// Callbacks from the lookup and the timer hold only a weak reference and pass a gate that the destructor closes,
// so that an answer arriving while the gateway shuts down never reaches a destroyed server.
#include "gateway/reputation/reputation_checker.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "gateway/reputation/address_list.hpp"
#include "gateway/reputation/reputation_cache.hpp"

namespace pavi::gateway::reputation {

using Clock = std::chrono::steady_clock;

struct ReputationChecker::State {
  State(CheckerSettings settings_in, Lookup lookup_in, Scheduler scheduler_in, Now now_in)
      : settings(std::move(settings_in)),
        lookup(std::move(lookup_in)),
        scheduler(std::move(scheduler_in)),
        now(now_in ? std::move(now_in) : Now([] { return Clock::now(); })),
        cache(settings.max_cached) {}

  struct Waiter {
    std::uint64_t id = 0;
    Done done;
  };
  struct Pending {
    Clock::time_point started;
    std::vector<Waiter> waiters;
  };

  const CheckerSettings settings;
  const Lookup lookup;
  const Scheduler scheduler;
  const Now now;

  std::shared_mutex gate;  // shared by running callbacks, exclusive for the destructor
  bool closed = false;     // under gate

  mutable std::mutex mutex;  // the rest
  ReputationCache cache;
  std::map<std::string, Pending> pending;
  std::uint64_t next_id = 1;
  std::size_t lookups = 0;

  static void answered(const std::weak_ptr<State>& weak, const std::string& address, LookupOutcome outcome) {
    const auto state = weak.lock();
    if (!state) return;
    std::shared_lock gate_lock(state->gate);
    if (state->closed) return;
    ReputationDecision decision;
    std::vector<Waiter> waiters;
    {
      std::lock_guard lock(state->mutex);
      ReputationCache::Entry entry;
      if (outcome.score) {
        entry.score = *outcome.score;
        entry.expires = state->now() + state->settings.score_ttl;
        decision = {*outcome.score, ScoreSource::lookup, {}};
      } else {
        entry.failed = true;
        entry.detail = outcome.error.empty() ? "failed" : outcome.error;
        entry.expires = state->now() + state->settings.failure_ttl;
        decision = {0, ScoreSource::lookup_failed, entry.detail};
      }
      state->cache.store(address, std::move(entry));
      if (auto it = state->pending.find(address); it != state->pending.end()) {
        waiters = std::move(it->second.waiters);
        state->pending.erase(it);
      }
    }
    for (auto& waiter : waiters) waiter.done(decision);
  }

  static void timed_out(const std::weak_ptr<State>& weak, const std::string& address, std::uint64_t id) {
    const auto state = weak.lock();
    if (!state) return;
    std::shared_lock gate_lock(state->gate);
    if (state->closed) return;
    Done done;
    {
      std::lock_guard lock(state->mutex);
      const auto it = state->pending.find(address);
      if (it == state->pending.end()) return;
      auto& waiters = it->second.waiters;
      for (auto waiter = waiters.begin(); waiter != waiters.end(); ++waiter) {
        if (waiter->id == id) {
          done = std::move(waiter->done);
          waiters.erase(waiter);
          break;
        }
      }
      // The entry stays while its lookup is under way: later checks join it instead of asking again.
    }
    if (done) done({0, ScoreSource::timeout, "timeout"});
  }
};

ReputationChecker::ReputationChecker(CheckerSettings settings, Lookup lookup, Scheduler scheduler, Now now)
    : state_(std::make_shared<State>(std::move(settings), std::move(lookup), std::move(scheduler), std::move(now))) {}

ReputationChecker::~ReputationChecker() {
  std::unique_lock gate_lock(state_->gate);
  state_->closed = true;
}

void ReputationChecker::check(const std::string& address, Done done) {
  State& state = *state_;
  // The black list first, then the white list (config.md: "Checked before the whitelist"; C-089).
  if (address_listed(state.settings.blacklist_file, address)) return done({kBlacklistScore, ScoreSource::blacklist, {}});
  if (address_listed(state.settings.whitelist_file, address)) return done({kWhitelistScore, ScoreSource::whitelist, {}});
  if (!state.lookup) return done({0, ScoreSource::no_lookup, {}});

  std::uint64_t id = 0;
  bool start = false;
  {
    std::lock_guard lock(state.mutex);
    const auto now = state.now();
    if (auto entry = state.cache.find(address, now)) {
      if (entry->failed) return done({0, ScoreSource::lookup_failed, entry->detail});
      return done({entry->score, ScoreSource::cache, {}});
    }
    auto [it, fresh] = state.pending.try_emplace(address);
    start = fresh || now - it->second.started >= state.settings.stale_lookup;
    if (start) {
      it->second.started = now;
      ++state.lookups;
    }
    id = state.next_id++;
    it->second.waiters.push_back({id, std::move(done)});
  }
  const std::weak_ptr<State> weak = state_;
  if (state.scheduler) {
    state.scheduler(state.settings.wait_limit, [weak, address, id] { State::timed_out(weak, address, id); });
  }
  if (start) {
    state.lookup(address, [weak, address](LookupOutcome outcome) { State::answered(weak, address, std::move(outcome)); });
  }
}

bool ReputationChecker::lookups_enabled() const { return static_cast<bool>(state_->lookup); }

std::size_t ReputationChecker::lookups_started() const {
  std::lock_guard lock(state_->mutex);
  return state_->lookups;
}

std::size_t ReputationChecker::cached() const {
  std::lock_guard lock(state_->mutex);
  return state_->cache.size();
}

}  // namespace pavi::gateway::reputation
