// ws:// connections: the WebSocket connection template over plain TCP.
#include "gateway/server/detail/connection_factories.hpp"
#include "gateway/server/detail/websocket_connection.hpp"

namespace pavi::gateway::detail {

std::shared_ptr<Connection> make_websocket_connection(ServerShared& shared, tcp::socket socket, std::string address) {
  auto strand = socket.get_executor();
  return std::make_shared<WebSocketConnection<beast::tcp_stream>>(shared, strand, ConnectionKind::ws,
                                                                  std::move(address), std::move(socket));
}

}  // namespace pavi::gateway::detail
