// The score cache with expiry and a size bound (see reputation_cache.hpp).
#include "gateway/reputation/reputation_cache.hpp"

#include <algorithm>

namespace pavi::gateway::reputation {

ReputationCache::ReputationCache(std::size_t max_entries) : max_entries_(std::max<std::size_t>(max_entries, 1)) {}

void ReputationCache::erase(std::map<std::string, Entry>::iterator entry) {
  auto [first, last] = by_expiry_.equal_range(entry->second.expires);
  for (auto it = first; it != last; ++it) {
    if (it->second == entry->first) {
      by_expiry_.erase(it);
      break;
    }
  }
  entries_.erase(entry);
}

void ReputationCache::store(const std::string& address, Entry entry) {
  if (auto old = entries_.find(address); old != entries_.end()) erase(old);
  while (entries_.size() >= max_entries_ && !by_expiry_.empty()) erase(entries_.find(by_expiry_.begin()->second));
  by_expiry_.emplace(entry.expires, address);
  entries_.emplace(address, std::move(entry));
}

std::optional<ReputationCache::Entry> ReputationCache::find(const std::string& address, Clock::time_point now) {
  const auto it = entries_.find(address);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.expires) {
    erase(it);
    return std::nullopt;
  }
  return it->second;
}

std::size_t ReputationCache::size() const { return entries_.size(); }

}  // namespace pavi::gateway::reputation
