// FakeServer: a TcpListener whose accepted sockets become transports (raw TCP, or WebSocket after the upgrade)
// driven by ScriptedConnections. Accept callbacks hold the state weakly so that a late handshake finds it gone.
#include "simulators/servers/fake_server.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include "simulators/net/io_runner.hpp"
#include "simulators/net/listener.hpp"
#include "simulators/net/tcp_transport.hpp"
#include "simulators/net/tls.hpp"
#include "simulators/net/websocket_transport.hpp"
#include "simulators/servers/scripted_connection.hpp"

namespace pavi::sim {

struct FakeServer::State : std::enable_shared_from_this<FakeServer::State> {
  Kind kind = Kind::telnet;
  FakeServerOptions options;
  std::unique_ptr<IoRunner> own_runner;
  IoRunner* runner = nullptr;
  std::shared_ptr<ConnectionLog> log = std::make_shared<ConnectionLog>();
  WebSocketServerSettings websocket;
  std::unique_ptr<TcpListener> listener;
  std::uint16_t port = 0;

  std::mutex mutex;
  ServerScript script;
  bool stopped = false;
  std::map<std::size_t, std::unique_ptr<ScriptedConnection>> connections;

  void accepted(AcceptedSocket socket);
  void attach(std::unique_ptr<Transport> transport, ConnectionRecord record);
  ~State() {
    listener.reset();
    connections.clear();
    own_runner.reset();
  }
};

void FakeServer::State::accepted(AcceptedSocket socket) {
  if (kind == Kind::telnet) {
    ConnectionRecord record;
    record.peer = socket.peer();
    attach(make_tcp_transport(*runner, std::move(socket)), std::move(record));
    return;
  }
  accept_websocket(*runner, std::move(socket), websocket, [weak = weak_from_this()](WebSocketAccept result) {
    const auto self = weak.lock();
    if (!self) return;
    ConnectionRecord record;
    record.peer = std::move(result.request.peer);
    record.target = std::move(result.request.target);
    record.headers = std::move(result.request.headers);
    if (!result.transport) {
      record.open = false;
      record.handshake_failed = true;
      record.close_reason = std::move(result.error);
      self->log->add(std::move(record));
      return;
    }
    self->attach(std::move(result.transport), std::move(record));
  });
}

void FakeServer::State::attach(std::unique_ptr<Transport> transport, ConnectionRecord record) {
  std::lock_guard lock(mutex);
  if (stopped) return;
  const std::size_t index = log->add(std::move(record));
  auto connection = std::make_unique<ScriptedConnection>(*runner, std::move(transport), script, log, index);
  connection->start();
  connections.emplace(index, std::move(connection));
}

FakeServer::FakeServer(Kind kind, ServerScript script, FakeServerOptions options) : state_(std::make_shared<State>()) {
  State& state = *state_;
  state.kind = kind;
  state.script = std::move(script);
  state.options = std::move(options);
  if (state.options.runner != nullptr) {
    state.runner = state.options.runner;
  } else {
    state.own_runner = std::make_unique<IoRunner>();
    state.runner = state.own_runner.get();
  }
  state.websocket.binary_frames = state.options.binary_frames;
  state.websocket.handshake_timeout = state.options.handshake_timeout;
  if (kind == Kind::websocket && !state.options.tls_certificate_pem.empty()) {
    std::string error;
    state.websocket.tls = make_tls_server_context(state.options.tls_certificate_pem, state.options.tls_key_pem, error);
    if (!state.websocket.tls) throw std::runtime_error("fake WebSocket server: " + error);
  }
  std::string error;
  state.listener = TcpListener::open(
      *state.runner, state.options.host, state.options.port,
      [weak = std::weak_ptr<State>(state_)](AcceptedSocket socket) {
        if (const auto self = weak.lock()) self->accepted(std::move(socket));
      },
      error);
  if (!state.listener) throw std::runtime_error(std::string(kind == Kind::telnet ? "fake telnet server: " : "fake WebSocket server: ") + error);
  state.port = state.listener->port();
}

FakeServer::~FakeServer() {
  stop();
  // Join our own thread here, so that the state is never released from it.
  if (state_->own_runner) state_->own_runner->stop();
}

void FakeServer::stop() {
  if (!state_) return;
  std::map<std::size_t, std::unique_ptr<ScriptedConnection>> connections;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopped) return;
    state_->stopped = true;
    connections.swap(state_->connections);
  }
  if (state_->listener) state_->listener->stop();
  connections.clear();  // outside the lock: their transports' handlers may be waiting for it
}

std::uint16_t FakeServer::port() const { return state_->port; }

const std::string& FakeServer::host() const { return state_->options.host; }

std::string FakeServer::url(std::string_view target) const {
  const std::string& host = state_->options.host;
  if (state_->kind == Kind::telnet) return "telnet://" + host + ":" + std::to_string(state_->port);
  const bool tls = static_cast<bool>(state_->websocket.tls);
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const std::string name = tls && host == "127.0.0.1" ? std::string("localhost") : shown;
  std::string path(target.empty() ? "/" : target);
  if (path.front() != '/') path.insert(0, 1, '/');
  return (tls ? "wss://" : "ws://") + name + ":" + std::to_string(state_->port) + path;
}

void FakeServer::set_script(ServerScript script) {
  std::lock_guard lock(state_->mutex);
  state_->script = std::move(script);
}

std::vector<ConnectionRecord> FakeServer::connections() const { return state_->log->snapshot(); }

std::optional<ConnectionRecord> FakeServer::connection(std::size_t index) const { return state_->log->at(index); }

std::size_t FakeServer::connection_count() const { return state_->log->size(); }

std::string FakeServer::received(std::size_t index) const {
  const auto record = state_->log->at(index);
  return record ? record->received : std::string{};
}

bool FakeServer::wait_for_connections(std::size_t count, std::chrono::milliseconds timeout) const {
  return state_->log->wait([count](const auto& records) { return records.size() >= count; }, timeout);
}

bool FakeServer::wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout,
                                   std::optional<std::size_t> index) const {
  return state_->log->wait(
      [&](const std::vector<ConnectionRecord>& records) {
        for (const auto& record : records) {
          if (index && record.index != *index) continue;
          if (record.received.find(bytes) != std::string::npos) return true;
        }
        return false;
      },
      timeout);
}

bool FakeServer::wait_for_closed(std::size_t index, std::chrono::milliseconds timeout) const {
  return state_->log->wait([index](const auto& records) { return index < records.size() && !records[index].open; },
                           timeout);
}

void FakeServer::send(std::size_t index, std::string bytes) {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->connections.find(index);
  if (found != state_->connections.end()) found->second->send(std::move(bytes));
}

void FakeServer::close(std::size_t index) {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->connections.find(index);
  if (found != state_->connections.end()) found->second->close();
}

}  // namespace pavi::sim
