// What a fake server saw, per connection: the upgrade request (WebSocket), every byte received and sent, how it
// ended. Thread-safe; tests wait on it with timeouts instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavi::sim {

struct ConnectionRecord {
  std::size_t index = 0;  // order of arrival, from 0
  std::string peer;       // "127.0.0.1:53124"
  std::string target;     // WebSocket: request target ("/path?query")
  std::vector<std::pair<std::string, std::string>> headers;  // WebSocket: upgrade request headers, in order
  std::string received;   // every byte received, concatenated
  std::string sent;       // every byte sent
  bool open = true;
  bool handshake_failed = false;  // TLS or WebSocket upgrade failed (close_reason says why)
  bool closed_by_peer = false;
  std::string close_reason;

  // The value of a request header, case-insensitive; empty when absent.
  std::string header(std::string_view name) const;
};

class ConnectionLog {
 public:
  std::size_t add(ConnectionRecord record);  // returns the index given to it
  void add_received(std::size_t index, std::string_view bytes);
  void add_sent(std::size_t index, std::string_view bytes);
  void mark_closed(std::size_t index, bool by_peer, std::string reason);

  std::vector<ConnectionRecord> snapshot() const;
  std::optional<ConnectionRecord> at(std::size_t index) const;
  std::size_t size() const;

  // Waits until `condition(records)` holds; false on timeout.
  bool wait(const std::function<bool(const std::vector<ConnectionRecord>&)>& condition,
            std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<ConnectionRecord> records_;
};

}  // namespace pavi::sim
