// Chooses the plain or TLS WebSocket translation unit (no Beast here).
#include "simulators/net/detail/websocket_entry.hpp"

namespace pavi::sim {

OpenResult open_websocket(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options) {
  return endpoint.scheme == Scheme::wss ? detail::open_websocket_tls(runner, endpoint, options)
                                        : detail::open_websocket_plain(runner, endpoint, options);
}

void accept_websocket(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                      std::function<void(WebSocketAccept)> done) {
  if (settings.tls) {
    detail::accept_websocket_tls(runner, std::move(socket), settings, std::move(done));
  } else {
    detail::accept_websocket_plain(runner, std::move(socket), settings, std::move(done));
  }
}

}  // namespace pavi::sim
