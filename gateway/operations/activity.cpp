// The live connection table and the history of finished sessions, with the history's retention rules.
#include "gateway/operations/activity.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <utility>

namespace pavi::gateway {

namespace {
constexpr int kDefaultMaxHisto = 30;    // config.md: a negative maxhisto means this
constexpr std::time_t kMinimumKept = 10;  // seconds between connection and last action to stay in the history

bool kept_in_history(const ConnectionEntry& entry) {
  if (entry.direction == Direction::replay) return false;
  return entry.last_action != 0 && entry.last_action - entry.connected_at >= kMinimumKept;
}
}  // namespace

std::string_view direction_text(Direction direction) {
  switch (direction) {
    case Direction::in: return "IN";
    case Direction::out: return "OUT";
    case Direction::replay: return "--";
    case Direction::pending: break;
  }
  return "";
}

Activity::Activity(int maxhisto, std::time_t started_at)
    : maxhisto_(maxhisto < 0 ? kDefaultMaxHisto : maxhisto), started_at_(started_at) {}

std::uint64_t Activity::opened(ConnectionEntry entry) {
  std::lock_guard lock(mutex_);
  entry.serial = next_serial_++;
  entry.ended_at = 0;
  live_.push_back(std::move(entry));
  return live_.back().serial;
}

void Activity::update(std::uint64_t serial, const std::function<void(ConnectionEntry&)>& change) {
  std::lock_guard lock(mutex_);
  const auto it = std::find_if(live_.begin(), live_.end(), [&](const auto& e) { return e.serial == serial; });
  if (it == live_.end()) return;
  change(*it);
  it->serial = serial;  // the serial is the entry's identity: a change cannot move it
}

void Activity::closed(std::uint64_t serial, std::time_t when) {
  std::vector<ConnectionEntry> forgotten;
  ForgetHandler forget;
  {
    std::lock_guard lock(mutex_);
    const auto it = std::find_if(live_.begin(), live_.end(), [&](const auto& e) { return e.serial == serial; });
    if (it == live_.end()) return;
    ConnectionEntry entry = std::move(*it);
    live_.erase(it);
    entry.ended_at = when;
    if (kept_in_history(entry)) {
      history_.push_back(std::move(entry));
    } else {
      forgotten.push_back(std::move(entry));
    }
    const auto limit = static_cast<std::size_t>(maxhisto_);
    if (history_.size() > limit) {
      const auto excess = static_cast<std::ptrdiff_t>(history_.size() - limit);
      std::move(history_.begin(), history_.begin() + excess, std::back_inserter(forgotten));
      history_.erase(history_.begin(), history_.begin() + excess);
    }
    forget = forget_;
  }
  if (forget) {
    for (const auto& entry : forgotten) forget(entry);
  }
}

ActivitySnapshot Activity::snapshot() const {
  std::lock_guard lock(mutex_);
  ActivitySnapshot snapshot;
  snapshot.started_at = started_at_;
  snapshot.live = live_;
  snapshot.history.assign(history_.rbegin(), history_.rend());
  return snapshot;
}

void Activity::on_forget(ForgetHandler handler) {
  std::lock_guard lock(mutex_);
  forget_ = std::move(handler);
}

std::optional<ConnectionEntry> Activity::live_entry(std::uint64_t serial) const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : live_) {
    if (entry.serial == serial) return entry;
  }
  return std::nullopt;
}

std::size_t Activity::live_count() const {
  std::lock_guard lock(mutex_);
  return live_.size();
}

}  // namespace pavi::gateway
