// The live sessions of the gateway by uniqueId, so that one session's commands can reach others
// (PushServiceMsg, simulated input) and the gateway can stop them all. Thread-safe; holds no session alive.
#pragma once

#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pavi::gateway {

// What other threads may ask of a live session. Implementations hand the request to the session's own
// executor; none of these runs the session inline.
class LiveSession {
 public:
  virtual ~LiveSession() = default;
  virtual void push_message(std::string message) = 0;
  virtual void simulate_input(std::time_t when, std::string data) = 0;
  virtual void shut_down() = 0;
};

class SessionRegistry {
 public:
  void add(const std::string& unique_id, std::weak_ptr<LiveSession> session);
  void remove(const std::string& unique_id);
  std::shared_ptr<LiveSession> find(const std::string& unique_id) const;
  std::vector<std::shared_ptr<LiveSession>> all() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::weak_ptr<LiveSession>> sessions_;
};

}  // namespace pavi::gateway
