// Fake third-party Minitel servers, the remote ends of a gateway's bridges (gateway-behaviour.md §10):
// FakeTelnetServer (raw TCP, as MiniPavi's connectToTln expects) and FakeWebSocketServer (ws://, or wss:// with a
// certificate). Each connection plays the server's ServerScript and is recorded. They bind 127.0.0.1 on a free
// port by default, run on an IoRunner thread, and stop in their destructor.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/servers/connection_log.hpp"
#include "simulators/servers/script.hpp"

namespace pavi::sim {

class IoRunner;

struct FakeServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;    // 0: any free port (see port())
  IoRunner* runner = nullptr;  // share a runner (it must outlive the server); by default the server has its own
  // WebSocket only.
  bool binary_frames = false;        // frames the server sends (MiniPavi and most Minitel servers send text)
  std::string tls_certificate_pem;   // with tls_key_pem: serve wss:// (see make_test_certificates)
  std::string tls_key_pem;
  std::chrono::milliseconds handshake_timeout{5000};
};

class FakeServer {
 public:
  virtual ~FakeServer();  // stop()
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::uint16_t port() const;
  const std::string& host() const;
  // "telnet://127.0.0.1:40123", "ws://127.0.0.1:40123/", "wss://localhost:40123/" (TLS uses the name "localhost"
  // unless the host is not 127.0.0.1), with `target` as path for WebSocket servers.
  std::string url(std::string_view target = "/") const;

  // The script for connections accepted from now on.
  void set_script(ServerScript script);

  std::vector<ConnectionRecord> connections() const;
  std::optional<ConnectionRecord> connection(std::size_t index) const;
  std::size_t connection_count() const;
  // Everything connection `index` received (empty if there is no such connection).
  std::string received(std::size_t index = 0) const;

  bool wait_for_connections(std::size_t count, std::chrono::milliseconds timeout) const;
  // Until `bytes` appears in what connection `index` (any connection when nullopt) received.
  bool wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout,
                         std::optional<std::size_t> index = std::nullopt) const;
  bool wait_for_closed(std::size_t index, std::chrono::milliseconds timeout) const;

  // Programmatic control of a live connection, beside its script.
  void send(std::size_t index, std::string bytes);
  void close(std::size_t index);

  // Stops listening and closes every connection. Idempotent.
  void stop();

 protected:
  enum class Kind : std::uint8_t { telnet, websocket };
  // Throws std::runtime_error when it cannot listen (or the TLS certificate/key is unusable).
  FakeServer(Kind kind, ServerScript script, FakeServerOptions options);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

class FakeTelnetServer : public FakeServer {
 public:
  explicit FakeTelnetServer(ServerScript script = {}, FakeServerOptions options = {})
      : FakeServer(Kind::telnet, std::move(script), std::move(options)) {}
};

class FakeWebSocketServer : public FakeServer {
 public:
  explicit FakeWebSocketServer(ServerScript script = {}, FakeServerOptions options = {})
      : FakeServer(Kind::websocket, std::move(script), std::move(options)) {}
};

}  // namespace pavi::sim
