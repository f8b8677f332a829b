// A map under a mutex: lookups are rare (push messages, simulated input, shutdown) next to session traffic.
#include "gateway/server/session_registry.hpp"

namespace pavi::gateway {

void SessionRegistry::add(const std::string& unique_id, std::weak_ptr<LiveSession> session) {
  std::lock_guard lock(mutex_);
  sessions_[unique_id] = std::move(session);
}

void SessionRegistry::remove(const std::string& unique_id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(unique_id);
}

std::shared_ptr<LiveSession> SessionRegistry::find(const std::string& unique_id) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(unique_id);
  return it == sessions_.end() ? nullptr : it->second.lock();
}

std::vector<std::shared_ptr<LiveSession>> SessionRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<LiveSession>> live;
  for (const auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace pavi::gateway
