// Private to gateway/server: outgoing modem calls (connectToExt, ami.md §3 and §6). A session that starts a
// call registers a rendezvous id (the PID of the Originate) here; when Asterisk's soft modem opens the modem
// leg on astport with `CALLTO <n>` / `PID <id>`, the astport connection hands itself over to that session as
// its ModemLeg. Everything crosses strands, so each side posts to its own.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/config/gateway_config.hpp"
#include "gateway/server/detail/bridge_link.hpp"
#include "gateway/service_protocol/commands.hpp"

namespace pavi::gateway::detail {

// The modem leg as the calling session sees it. Thread-safe (posts to the leg's strand).
class ModemLeg {
 public:
  virtual ~ModemLeg() = default;
  virtual void send(std::string bytes) = 0;
  virtual void close() = 0;  // the soft modem then ends and the dialplan hangs up
};

// What the leg reports to the calling session. Thread-safe (they post to the session's strand).
struct ModemLegEvents {
  std::function<void(std::string bytes)> data;
  std::function<void()> closed;
};

class PhoneRendezvous {
 public:
  // Called on the leg's strand when the leg arrives; returns where the leg reports to.
  using Attach = std::function<ModemLegEvents(std::shared_ptr<ModemLeg> leg)>;

  void open(const std::string& pid, Attach attach) {
    std::lock_guard lock(mutex_);
    waiting_[pid] = std::move(attach);
  }
  void cancel(const std::string& pid) {
    std::lock_guard lock(mutex_);
    waiting_.erase(pid);
  }
  bool waiting(const std::string& pid) const {
    std::lock_guard lock(mutex_);
    return waiting_.count(pid) != 0;
  }
  // The leg for `pid` arrived: nullopt when no session waits for it (any more); a pid is used once.
  std::optional<ModemLegEvents> attach(const std::string& pid, std::shared_ptr<ModemLeg> leg) {
    Attach attach;
    {
      std::lock_guard lock(mutex_);
      const auto it = waiting_.find(pid);
      if (it == waiting_.end()) return std::nullopt;
      attach = std::move(it->second);
      waiting_.erase(it);
    }
    return attach(std::move(leg));
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Attach> waiting_;
};

// A connectToExt in progress: a bridge whose user side is fed by the connection itself, since the session host
// only relays connectToWs/Tln bridges.
class PhoneBridge : public BridgeLink {
 public:
  virtual void from_terminal(std::string_view bytes) = 0;
};

struct PhoneBridgeEvents {
  std::function<void(std::string bytes)> to_terminal;
  std::function<void(service::Fctn result)> ended;  // DIRECTCALLFAILED or DIRECTCALLENDED, once
  std::function<void(const std::string& infos)> infos;  // for the operators' table
};

struct PhoneCallSetup {
  service::ConnectToExt command;
  std::string client_ip;  // the #*#GETIP*#* answer
  bool pce_user = false;  // the user's own link is a PCE modem link: server bytes are flushed after 50 ms
};

struct ServerShared;
std::shared_ptr<PhoneBridge> open_phone_bridge(ServerShared& shared, boost::asio::any_io_executor strand,
                                               PhoneCallSetup setup, PhoneBridgeEvents events);

}  // namespace pavi::gateway::detail
