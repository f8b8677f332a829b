// Private: the per-stream entry points behind open_websocket/accept_websocket (websocket_plain.cpp, websocket_tls.cpp).
#pragma once

#include "simulators/net/websocket_transport.hpp"

namespace pavi::sim::detail {

OpenResult open_websocket_plain(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options);
OpenResult open_websocket_tls(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options);
void accept_websocket_plain(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                            std::function<void(WebSocketAccept)> done);
void accept_websocket_tls(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                          std::function<void(WebSocketAccept)> done);

}  // namespace pavi::sim::detail
