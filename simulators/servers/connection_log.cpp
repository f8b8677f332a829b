// ConnectionLog: a vector of records under a mutex, with a condition variable for the waits.
#include "simulators/servers/connection_log.hpp"

#include <algorithm>
#include <cctype>

namespace pavi::sim {

std::string ConnectionRecord::header(std::string_view name) const {
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const auto& [key, value] : headers) {
    if (same(key, name)) return value;
  }
  return {};
}

std::size_t ConnectionLog::add(ConnectionRecord record) {
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    index = records_.size();
    record.index = index;
    records_.push_back(std::move(record));
  }
  changed_.notify_all();
  return index;
}

void ConnectionLog::add_received(std::size_t index, std::string_view bytes) {
  {
    std::lock_guard lock(mutex_);
    if (index >= records_.size()) return;
    records_[index].received.append(bytes);
  }
  changed_.notify_all();
}

void ConnectionLog::add_sent(std::size_t index, std::string_view bytes) {
  {
    std::lock_guard lock(mutex_);
    if (index >= records_.size()) return;
    records_[index].sent.append(bytes);
  }
  changed_.notify_all();
}

void ConnectionLog::mark_closed(std::size_t index, bool by_peer, std::string reason) {
  {
    std::lock_guard lock(mutex_);
    if (index >= records_.size() || !records_[index].open) return;
    records_[index].open = false;
    records_[index].closed_by_peer = by_peer;
    records_[index].close_reason = std::move(reason);
  }
  changed_.notify_all();
}

std::vector<ConnectionRecord> ConnectionLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return records_;
}

std::optional<ConnectionRecord> ConnectionLog::at(std::size_t index) const {
  std::lock_guard lock(mutex_);
  if (index >= records_.size()) return std::nullopt;
  return records_[index];
}

std::size_t ConnectionLog::size() const {
  std::lock_guard lock(mutex_);
  return records_.size();
}

bool ConnectionLog::wait(const std::function<bool(const std::vector<ConnectionRecord>&)>& condition,
                         std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return condition(records_); });
}

}  // namespace pavi::sim
