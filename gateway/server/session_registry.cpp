// A map under a mutex: lookups are rare (push messages, simulated input, duplicateStream, shutdown) next to
// session traffic; a miss scans for the original's loose match.
#include "gateway/server/session_registry.hpp"

#include "gateway/service_protocol/commands.hpp"

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
  if (const auto it = sessions_.find(unique_id); it != sessions_.end()) return it->second.lock();
  for (const auto& [id, weak] : sessions_) {  // "017953543836654" names 17953543836654, as in PHP
    if (service::unique_id_matches(unique_id, id)) return weak.lock();
  }
  return nullptr;
}

std::vector<std::shared_ptr<LiveSession>> SessionRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<LiveSession>> live;
  for (const auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

std::shared_ptr<LiveSession> SessionRegistry::find_by_pin(const std::string& pin) const {
  std::lock_guard lock(mutex_);
  for (const auto& [id, weak] : sessions_) {
    if (pin.empty() || !id.ends_with(pin)) continue;
    if (auto session = weak.lock()) return session;
  }
  return nullptr;
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace pavi::gateway
