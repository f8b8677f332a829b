// What operators see of the gateway's connections: the live table and the history of finished sessions, as
// VisuWeb shows them (visuweb-stats-recordings.md §2.3-2.4). Connections report on their own strands; readers
// (the VisuWeb listener, metrics) take a snapshot from any thread. Thread-safe.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::gateway {

// "" while the handshake is not finished, "IN" a user, "OUT" the modem leg of an outgoing call, "--" a replay.
enum class Direction { pending, in, out, replay };
std::string_view direction_text(Direction direction);

struct ConnectionEntry {
  std::uint64_t serial = 0;  // accept order, from 1; VisuWeb shows it as the connection's `pid`
  std::string unique_id;
  Direction direction = Direction::pending;
  std::string typesocket;  // "WS", "WSS", "TELN", "AST"
  std::string ip;          // for AST: the Asterisk server's address
  std::string pin;
  std::time_t connected_at = 0;
  std::time_t last_action = 0;  // 0: none yet (gateway-behaviour.md §8.1)
  std::time_t ended_at = 0;     // 0: still live
  std::optional<std::string> url;  // the current service URL as last reported; none before the first report
  std::string infos;               // "CALLFROM <num>", "CALLTO <num> PID <id>", "WSTO <host> <path>", ...
};

struct ActivitySnapshot {
  std::time_t started_at = 0;            // when the gateway started
  std::vector<ConnectionEntry> live;     // in accept order
  std::vector<ConnectionEntry> history;  // finished sessions, newest first
};

class Activity {
 public:
  Activity(int maxhisto, std::time_t started_at);

  // A connection was accepted; returns its serial.
  std::uint64_t opened(ConnectionEntry entry);
  // Changes a live entry (direction, uniqueId, url, last action, infos...); nothing when it is gone.
  void update(std::uint64_t serial, const std::function<void(ConnectionEntry&)>& change);
  // The connection is gone: it moves to the history (or leaves, per the retention rules).
  void closed(std::uint64_t serial, std::time_t when);

  ActivitySnapshot snapshot() const;

  // Retention (visuweb-stats-recordings.md §3.2, with PaviKit's fixes): the history holds the last `maxhisto`
  // finished sessions (a negative value means the default 30); a session whose last action came less than 10 s
  // after it connected, or a replay, leaves at once. Live sessions are never in the history, so never dropped.
  // The handler runs, outside the lock, for each session that leaves (its recording can then be deleted).
  using ForgetHandler = std::function<void(const ConnectionEntry&)>;
  void on_forget(ForgetHandler handler);
  // The live entry of a serial, if it is still live.
  std::optional<ConnectionEntry> live_entry(std::uint64_t serial) const;
  std::size_t live_count() const;

 private:
  mutable std::mutex mutex_;
  const int maxhisto_;
  const std::time_t started_at_;
  std::uint64_t next_serial_ = 1;
  std::vector<ConnectionEntry> live_;
  std::vector<ConnectionEntry> history_;  // oldest first
  ForgetHandler forget_;
};

}  // namespace pavi::gateway
