// Request log (see request_log.hpp).
#include "simulators/fake_service/request_log.hpp"

#include <cctype>

namespace pavi::sim {

std::string RecordedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(key[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return value;
  }
  return {};
}

std::size_t RequestLog::add(RecordedRequest request) {
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    index = next_index_++;
    request.index = index;
    requests_.push_back(std::move(request));
  }
  changed_.notify_all();
  return index;
}

std::vector<RecordedRequest> RequestLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::optional<RecordedRequest> RequestLog::at(std::size_t index) const {
  std::lock_guard lock(mutex_);
  for (const auto& request : requests_) {
    if (request.index == index) return request;
  }
  return std::nullopt;
}

std::optional<RecordedRequest> RequestLog::last() const {
  std::lock_guard lock(mutex_);
  if (requests_.empty()) return std::nullopt;
  return requests_.back();
}

std::size_t RequestLog::size() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
}

bool RequestLog::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
}

}  // namespace pavi::sim
