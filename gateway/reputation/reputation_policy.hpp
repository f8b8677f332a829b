// The reputation rules of gateway-behaviour.md §1 step 3 and visuweb-stats-recordings.md §1 as values: where a
// score came from, and which score closes which listener's connections. Header-only: constants and one-liners.
#pragma once

#include <string>
#include <string_view>

namespace pavi::gateway::reputation {

// A blacklisted address scores 100, a whitelisted one 0, as in the original (C-089).
inline constexpr int kBlacklistScore = 100;
inline constexpr int kWhitelistScore = 0;
// Users are refused above 30; VisuWeb connections are closed above 50.
inline constexpr int kUserMaxScore = 30;
inline constexpr int kVisuWebMaxScore = 50;

enum class Audience { user, visuweb };

constexpr int max_score(Audience audience) { return audience == Audience::user ? kUserMaxScore : kVisuWebMaxScore; }
constexpr bool refused(int score, Audience audience) { return score > max_score(audience); }

enum class ScoreSource {
  blacklist,      // the ipblacklist file lists the address (read again at each check)
  whitelist,      // the ipwhitelist file lists it: no lookup
  no_lookup,      // no ipdbkey (or no lookup wired): 0, as the original
  cache,          // an earlier lookup's answer, still fresh
  lookup,         // a lookup made for this check (or joined while under way)
  lookup_failed,  // the lookup failed (or its failure is cached): 0, the user is not punished for it
  timeout,        // the lookup did not answer within the wait limit: 0, it goes on filling the cache
};

struct ReputationDecision {
  int score = 0;
  ScoreSource source = ScoreSource::no_lookup;
  std::string detail;  // why a lookup failed ("timeout", "connect", "http_429", "bad_reply", ...), else ""
};

constexpr std::string_view source_name(ScoreSource source) {
  switch (source) {
    case ScoreSource::blacklist: return "blacklist";
    case ScoreSource::whitelist: return "whitelist";
    case ScoreSource::no_lookup: return "no_lookup";
    case ScoreSource::cache: return "cache";
    case ScoreSource::lookup: return "lookup";
    case ScoreSource::lookup_failed: return "lookup_failed";
    case ScoreSource::timeout: return "timeout";
  }
  return "";
}

}  // namespace pavi::gateway::reputation
