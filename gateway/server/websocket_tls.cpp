// wss:// connections: the TLS handshake (TLS 1.2 or later), then the WebSocket connection template over it.
// A failed TLS handshake ends the connection silently (gateway-behaviour.md §2.1).
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "gateway/server/detail/connection_factories.hpp"
#include "gateway/server/detail/websocket_connection.hpp"

namespace pavi::gateway::detail {

namespace {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

class SecureWebSocketConnection final : public WebSocketConnection<TlsStream> {
 public:
  SecureWebSocketConnection(ServerShared& shared, tcp::socket socket, std::string address,
                            std::shared_ptr<boost::asio::ssl::context> tls)
      : WebSocketConnection<TlsStream>(shared, socket.get_executor(), ConnectionKind::wss, std::move(address),
                                       std::move(socket), *tls),
        tls_(std::move(tls)) {}

 private:
  void handshake() override {
    tcp().expires_after(kUpgradeTimeout);
    ws().next_layer().async_handshake(boost::asio::ssl::stream_base::server,
                                      [self = std::static_pointer_cast<SecureWebSocketConnection>(shared_from_this())](
                                          beast::error_code error) {
                                        if (error) {
                                          self->end();
                                          return;
                                        }
                                        self->read_upgrade();
                                      });
  }

  std::shared_ptr<boost::asio::ssl::context> tls_;  // kept alive for this connection across certificate reloads
};

}  // namespace

std::shared_ptr<Connection> make_secure_websocket_connection(ServerShared& shared, tcp::socket socket,
                                                             std::string address,
                                                             std::shared_ptr<boost::asio::ssl::context> tls) {
  return std::make_shared<SecureWebSocketConnection>(shared, std::move(socket), std::move(address), std::move(tls));
}

}  // namespace pavi::gateway::detail
