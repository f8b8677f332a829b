// Private to gateway/server: the other end of a bridge: the outgoing connection to a third-party Minitel server
// (connectToTln, connectToWs), or the session a duplicateStream viewer watches. Its events run on the session's strand, so they can go straight to the SessionHost.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string>

#include "gateway/server/session_registry.hpp"
#include "gateway/session/session_host.hpp"

namespace pavi::gateway::detail {

struct BridgeEvents {
  std::function<void(bool connected)> opened;  // once
  std::function<void(std::string bytes)> data;
  std::function<void()> closed;                // by the server or an error; not after close()
};

class BridgeLink {
 public:
  virtual ~BridgeLink() = default;
  virtual void send(std::string bytes) = 0;
  // Ends the link; no event follows.
  virtual void close() = 0;
};

inline constexpr std::chrono::seconds kBridgeConnectTimeout{5};

std::shared_ptr<BridgeLink> open_telnet_bridge(boost::asio::any_io_executor strand, const BridgeTarget& target,
                                               BridgeEvents events);
// duplicateStream: `watched` gets the link as its viewer; opened(false) at once when it is not there.
std::shared_ptr<BridgeLink> open_mirror_bridge(boost::asio::any_io_executor strand,
                                               std::shared_ptr<LiveSession> watched, BridgeEvents events);
std::shared_ptr<BridgeLink> open_websocket_bridge(boost::asio::any_io_executor strand, const BridgeTarget& target,
                                                  BridgeEvents events);

}  // namespace pavi::gateway::detail
