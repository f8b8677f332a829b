// BackgroundCall entries with simulate=false (service-protocol.md §5.6, C-063, C-064): due calls are made one
// after another, as the original's single background process makes them, with up to 5 attempts; only a
// PushServiceMsg in a reply has an effect. Thread-safe: commands arrive from every session.
#pragma once

#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "gateway/server/service_caller.hpp"
#include "gateway/service_protocol/commands.hpp"

namespace pavi::gateway {

class BackgroundCalls {
 public:
  using PushDelivery = std::function<void(const service::PushServiceMsg&)>;
  BackgroundCalls(ServiceCaller caller, PushDelivery deliver_push);

  // An entry with time <= 0 never runs (as in the original), and is not kept either.
  void add(std::time_t when, std::string url, std::string unique_id);
  // Starts the due calls; the host calls it about every second.
  void tick(std::time_t now);
  std::size_t pending() const;

 private:
  struct Entry {
    std::time_t when = 0;
    std::string url;
    std::string unique_id;
    int attempts = 0;
  };
  std::optional<Entry> take_due(std::time_t now);  // with mutex_ held; marks a call as running
  void launch(Entry entry);
  void finished(Entry entry, const ServiceResult& result);

  static constexpr int kMaxAttempts = 5;
  ServiceCaller caller_;
  PushDelivery deliver_push_;
  mutable std::mutex mutex_;
  std::deque<Entry> entries_;
  bool running_ = false;
  std::time_t last_tick_ = 0;
};

}  // namespace pavi::gateway
