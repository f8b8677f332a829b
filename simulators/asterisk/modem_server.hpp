// A simulated third-party V.23 server: a scripted Minitel service reached by phone (the far end of the gateway's
// connectToExt, ami.md §3). Each call it answers plays its ServerScript (simulators/servers/script.hpp, the same
// scripts as the fake telnet and WebSocket servers: send, expect, pause, close, rules, echo) on the server's side
// of the line, and is recorded like a fake server's connection. The modem itself (answer tone, 1200 bit/s
// carrier) is ModemLine's far end; this class is the service behind it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/net/transport.hpp"
#include "simulators/servers/connection_log.hpp"
#include "simulators/servers/script.hpp"

namespace pavi::sim {

class IoRunner;
class ScriptedConnection;

class ModemServer {
 public:
  explicit ModemServer(ServerScript script = {});
  ~ModemServer();  // hangs up every call
  ModemServer(const ModemServer&) = delete;
  ModemServer& operator=(const ModemServer&) = delete;

  // The script for calls answered from now on.
  void set_script(ServerScript script);

  // Answers a call: plays the script on `line_end` (SoftModemCall::far_end() of an outbound call). `caller`
  // names the call in the record ("phone:0358435150").
  void answer(std::unique_ptr<Transport> line_end, std::string caller = "phone");

  std::size_t call_count() const;
  std::vector<ConnectionRecord> calls() const;
  std::optional<ConnectionRecord> call(std::size_t index) const;
  // Everything call `index` received (empty if there is no such call).
  std::string received(std::size_t index = 0) const;
  bool wait_for_calls(std::size_t count, std::chrono::milliseconds timeout) const;
  // Until `bytes` appears in what call `index` (any call when nullopt) received.
  bool wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout,
                         std::optional<std::size_t> index = std::nullopt) const;
  bool wait_for_closed(std::size_t index, std::chrono::milliseconds timeout) const;

  // Programmatic control of a live call, beside its script.
  void send(std::size_t index, std::string bytes);
  void hang_up(std::size_t index);

 private:
  mutable std::mutex mutex_;
  ServerScript script_;
  std::shared_ptr<ConnectionLog> log_;
  std::unique_ptr<IoRunner> runner_;
  std::vector<std::unique_ptr<ScriptedConnection>> connections_;
};

}  // namespace pavi::sim
