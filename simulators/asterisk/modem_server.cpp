// The scripted V.23 server (see modem_server.hpp): one ScriptedConnection per answered call, on a runner of its
// own for the scripts' pauses.
#include "simulators/asterisk/modem_server.hpp"

#include <utility>

#include "simulators/net/io_runner.hpp"
#include "simulators/servers/scripted_connection.hpp"

namespace pavi::sim {

ModemServer::ModemServer(ServerScript script)
    : script_(std::move(script)), log_(std::make_shared<ConnectionLog>()), runner_(std::make_unique<IoRunner>()) {}

ModemServer::~ModemServer() {
  std::vector<std::unique_ptr<ScriptedConnection>> connections;
  {
    std::lock_guard lock(mutex_);
    connections = std::move(connections_);
  }
  connections.clear();  // each closes its line end
  runner_->stop();
}

void ModemServer::set_script(ServerScript script) {
  std::lock_guard lock(mutex_);
  script_ = std::move(script);
}

void ModemServer::answer(std::unique_ptr<Transport> line_end, std::string caller) {
  if (!line_end) return;
  std::lock_guard lock(mutex_);
  ConnectionRecord record;
  record.peer = std::move(caller);
  const std::size_t index = log_->add(std::move(record));
  auto connection = std::make_unique<ScriptedConnection>(*runner_, std::move(line_end), script_, log_, index);
  connection->start();
  connections_.push_back(std::move(connection));
}

std::size_t ModemServer::call_count() const { return log_->size(); }
std::vector<ConnectionRecord> ModemServer::calls() const { return log_->snapshot(); }
std::optional<ConnectionRecord> ModemServer::call(std::size_t index) const { return log_->at(index); }

std::string ModemServer::received(std::size_t index) const {
  const auto record = log_->at(index);
  return record ? record->received : std::string();
}

bool ModemServer::wait_for_calls(std::size_t count, std::chrono::milliseconds timeout) const {
  return log_->wait([count](const std::vector<ConnectionRecord>& records) { return records.size() >= count; },
                    timeout);
}

bool ModemServer::wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout,
                                    std::optional<std::size_t> index) const {
  const std::string wanted(bytes);
  return log_->wait(
      [&](const std::vector<ConnectionRecord>& records) {
        for (const ConnectionRecord& record : records) {
          if (index && record.index != *index) continue;
          if (record.received.find(wanted) != std::string::npos) return true;
        }
        return false;
      },
      timeout);
}

bool ModemServer::wait_for_closed(std::size_t index, std::chrono::milliseconds timeout) const {
  return log_->wait(
      [index](const std::vector<ConnectionRecord>& records) { return index < records.size() && !records[index].open; },
      timeout);
}

void ModemServer::send(std::size_t index, std::string bytes) {
  std::lock_guard lock(mutex_);
  if (index < connections_.size()) connections_[index]->send(std::move(bytes));
}

void ModemServer::hang_up(std::size_t index) {
  std::lock_guard lock(mutex_);
  if (index < connections_.size()) connections_[index]->close();
}

}  // namespace pavi::sim
