// Runs a ServerScript over any Transport (TCP, WebSocket, in-memory) and records the traffic in a ConnectionLog.
// ScriptedConnection is the building block of the fake servers; ScriptedPeer is the same thing for one in-memory
// link, so the terminal can be tested against a scripted peer without sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "simulators/net/timer.hpp"
#include "simulators/net/transport.hpp"
#include "simulators/servers/connection_log.hpp"
#include "simulators/servers/script.hpp"

namespace pavi::sim {

class IoRunner;

class ScriptedConnection {
 public:
  // `runner` drives the script's pauses and must outlive this object.
  ScriptedConnection(IoRunner& runner, std::unique_ptr<Transport> transport, ServerScript script,
                     std::shared_ptr<ConnectionLog> log, std::size_t index);
  ~ScriptedConnection();  // closes the transport
  ScriptedConnection(const ScriptedConnection&) = delete;
  ScriptedConnection& operator=(const ScriptedConnection&) = delete;

  void start();
  // Programmatic control, beside the script.
  void send(std::string bytes);
  void close();

 private:
  void apply(std::vector<ScriptAction> actions);  // with mutex_ held
  void on_data(std::string_view bytes);
  void on_closed(const CloseInfo& info);

  std::mutex mutex_;
  ScriptRunner script_;
  std::shared_ptr<ConnectionLog> log_;
  std::size_t index_;
  bool closed_ = false;
  // Destroyed first (declared last): after their destructors no callback can reach this object.
  Timer timer_;
  std::unique_ptr<Transport> transport_;
};

class ScriptedPeer {
 public:
  // Plays `script` on `transport` (e.g. MemoryLink::b). Pauses use `runner`, or a runner of its own when null.
  ScriptedPeer(std::unique_ptr<Transport> transport, ServerScript script, IoRunner* runner = nullptr);
  ~ScriptedPeer();
  ScriptedPeer(const ScriptedPeer&) = delete;
  ScriptedPeer& operator=(const ScriptedPeer&) = delete;

  ConnectionRecord record() const;
  std::string received() const;
  bool wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout) const;
  bool wait_for_closed(std::chrono::milliseconds timeout) const;
  void send(std::string bytes);
  void close();

 private:
  std::unique_ptr<IoRunner> own_runner_;
  std::shared_ptr<ConnectionLog> log_;
  std::unique_ptr<ScriptedConnection> connection_;
};

}  // namespace pavi::sim
