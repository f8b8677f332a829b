// ScriptedConnection: transport events -> ScriptRunner -> transport actions, all under one mutex (transport
// handlers never run inside send/close, so holding it while sending cannot deadlock).
#include "simulators/servers/scripted_connection.hpp"

#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

ScriptedConnection::ScriptedConnection(IoRunner& runner, std::unique_ptr<Transport> transport, ServerScript script,
                                       std::shared_ptr<ConnectionLog> log, std::size_t index)
    : script_(std::move(script)), log_(std::move(log)), index_(index), timer_(runner), transport_(std::move(transport)) {}

ScriptedConnection::~ScriptedConnection() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;  // a timer callback still to come finds nothing to do
  }
  transport_.reset();  // no more handlers after this, and the peer sees the end
  log_->mark_closed(index_, false, "closed by the server");
}

void ScriptedConnection::start() {
  // The first steps go out before any reception is processed (handlers wait for the lock).
  std::lock_guard lock(mutex_);
  apply(script_.start());
  transport_->start({[this](std::string_view bytes) { on_data(bytes); },
                     [this](const CloseInfo& info) { on_closed(info); }});
}

void ScriptedConnection::send(std::string bytes) {
  std::lock_guard lock(mutex_);
  if (closed_ || bytes.empty()) return;
  log_->add_sent(index_, bytes);
  transport_->send(std::move(bytes));
}

void ScriptedConnection::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  transport_->close();
}

void ScriptedConnection::on_data(std::string_view bytes) {
  log_->add_received(index_, bytes);
  std::lock_guard lock(mutex_);
  if (closed_) return;
  apply(script_.received(bytes));
}

void ScriptedConnection::on_closed(const CloseInfo& info) {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  timer_.cancel();
  log_->mark_closed(index_, info.by_peer, info.reason);
}

void ScriptedConnection::apply(std::vector<ScriptAction> actions) {
  for (auto& action : actions) {
    if (closed_) return;
    switch (action.kind) {
      case ScriptAction::Kind::send:
        log_->add_sent(index_, action.bytes);
        transport_->send(std::move(action.bytes));
        break;
      case ScriptAction::Kind::close:
        closed_ = true;
        transport_->close();
        break;
      case ScriptAction::Kind::wait:
        timer_.start(action.delay, [this] {
          std::lock_guard lock(mutex_);
          if (!closed_) apply(script_.resume());
        });
        break;
    }
  }
}

ScriptedPeer::ScriptedPeer(std::unique_ptr<Transport> transport, ServerScript script, IoRunner* runner)
    : log_(std::make_shared<ConnectionLog>()) {
  if (runner == nullptr) {
    own_runner_ = std::make_unique<IoRunner>();
    runner = own_runner_.get();
  }
  ConnectionRecord record;
  record.peer = transport->description();
  const std::size_t index = log_->add(std::move(record));
  connection_ = std::make_unique<ScriptedConnection>(*runner, std::move(transport), std::move(script), log_, index);
  connection_->start();
}

ScriptedPeer::~ScriptedPeer() {
  connection_.reset();
  own_runner_.reset();
}

ConnectionRecord ScriptedPeer::record() const { return log_->at(0).value_or(ConnectionRecord{}); }

std::string ScriptedPeer::received() const { return record().received; }

bool ScriptedPeer::wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout) const {
  return log_->wait([&](const auto& records) { return records[0].received.find(bytes) != std::string::npos; }, timeout);
}

bool ScriptedPeer::wait_for_closed(std::chrono::milliseconds timeout) const {
  return log_->wait([](const auto& records) { return !records[0].open; }, timeout);
}

void ScriptedPeer::send(std::string bytes) { connection_->send(std::move(bytes)); }

void ScriptedPeer::close() { connection_->close(); }

}  // namespace pavi::sim
