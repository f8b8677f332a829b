// One call at a time, in time order among the due ones; a failed call goes back to the queue until its fifth attempt.
#include "gateway/server/background_calls.hpp"

#include <algorithm>

#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/response.hpp"

namespace pavi::gateway {

BackgroundCalls::BackgroundCalls(ServiceCaller caller, PushDelivery deliver_push)
    : caller_(std::move(caller)), deliver_push_(std::move(deliver_push)) {}

void BackgroundCalls::add(std::time_t when, std::string url, std::string unique_id) {
  if (when <= 0) return;
  std::lock_guard lock(mutex_);
  entries_.push_back({when, std::move(url), std::move(unique_id), 0});
}

void BackgroundCalls::tick(std::time_t now) {
  std::optional<Entry> next;
  {
    std::lock_guard lock(mutex_);
    last_tick_ = now;
    if (!running_) next = take_due(now);
  }
  if (next) launch(std::move(*next));
}

std::size_t BackgroundCalls::pending() const {
  std::lock_guard lock(mutex_);
  return entries_.size() + (running_ ? 1 : 0);
}

std::optional<BackgroundCalls::Entry> BackgroundCalls::take_due(std::time_t now) {
  const auto due = std::min_element(entries_.begin(), entries_.end(),
                                    [](const Entry& a, const Entry& b) { return a.when < b.when; });
  if (due == entries_.end() || due->when > now) return std::nullopt;
  Entry entry = std::move(*due);
  entries_.erase(due);
  running_ = true;
  return entry;
}

// Outside the lock: the caller may answer on this very thread.
void BackgroundCalls::launch(Entry entry) {
  ++entry.attempts;
  ServiceCall call{entry.url, service::background_call_request(entry.unique_id, entry.url), false};
  caller_(std::move(call), [this, entry](ServiceResult result) { finished(entry, result); });
}

void BackgroundCalls::finished(Entry entry, const ServiceResult& result) {
  if (!result.failed) {
    const service::ResponseParse parse = service::parse_response(result.body);
    const service::ReplyPlan plan = service::plan_reply(parse);
    if (plan.command) {
      if (const auto* push = std::get_if<service::PushServiceMsg>(&*plan.command)) deliver_push_(*push);
    }
  }
  std::optional<Entry> next;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    if (result.failed && entry.attempts < kMaxAttempts) entries_.push_front(std::move(entry));
    next = take_due(last_tick_);
  }
  if (next) launch(std::move(*next));
}

}  // namespace pavi::gateway
