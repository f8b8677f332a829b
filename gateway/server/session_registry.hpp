// The live sessions of the gateway by uniqueId, so that one session's commands can reach others
// (PushServiceMsg, simulated input, duplicateStream) and the gateway can stop them all. Thread-safe; holds no session alive.
#pragma once

#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gateway/session/webmedia.hpp"

namespace pavi::gateway {

// A duplicateStream viewer as the watched session sees it. Called on the watched session's strand; an
// implementation hands the bytes to its own.
class StreamViewer {
 public:
  virtual ~StreamViewer() = default;
  virtual void mirrored(std::string bytes) = 0;  // a copy of one write to the watched terminal
  virtual void watched_ended() = 0;              // the watched session is gone; nothing follows
};

// What other threads may ask of a live session. Implementations hand the request to the session's own
// executor; none of these runs the session inline.
class LiveSession {
 public:
  virtual ~LiveSession() = default;
  virtual void push_message(std::string message) = 0;
  virtual void simulate_input(std::time_t when, std::string data) = 0;
  virtual void shut_down() = 0;
  // From now on, every write to this session's terminal is copied to `viewer` until it expires (§11).
  virtual void add_viewer(std::weak_ptr<StreamViewer> viewer) = 0;
  // The WebMedia page polled with this session's PIN (SessionHost::on_webmedia_poll). `reply` runs once, on the
  // session's executor: none when the session ended before it could answer.
  using WebMediaReply = std::function<void(std::optional<WebMediaPoll>)>;
  virtual void webmedia_poll(std::string /*last_event*/, WebMediaReply reply) { reply(std::nullopt); }
};

class SessionRegistry {
 public:
  void add(const std::string& unique_id, std::weak_ptr<LiveSession> session);
  void remove(const std::string& unique_id);
  // The session with this uniqueId, compared as the original does (PHP loose ==); null when none is live.
  std::shared_ptr<LiveSession> find(const std::string& unique_id) const;
  std::vector<std::shared_ptr<LiveSession>> all() const;
  // The first live session (in uniqueId order: accept time, then PIN) whose uniqueId ends with this WebMedia PIN.
  std::shared_ptr<LiveSession> find_by_pin(const std::string& pin) const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::weak_ptr<LiveSession>> sessions_;
};

}  // namespace pavi::gateway
