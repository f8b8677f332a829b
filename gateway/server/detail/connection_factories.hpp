// Private to gateway/server: the connection kinds, made from an accepted socket. Each lives in its own
// translation unit so that Beast is compiled only where WebSockets are.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "gateway/server/detail/connection.hpp"

namespace pavi::gateway::detail {

using boost::asio::ip::tcp;

std::shared_ptr<Connection> make_telnet_connection(ServerShared& shared, tcp::socket socket, std::string address);
// astport: reads the soft modem's header, then becomes a modem user's session or the modem leg of an outgoing call.
void start_asterisk_connection(ServerShared& shared, tcp::socket socket, std::string address);
std::shared_ptr<Connection> make_websocket_connection(ServerShared& shared, tcp::socket socket, std::string address);
std::shared_ptr<Connection> make_secure_websocket_connection(ServerShared& shared, tcp::socket socket,
                                                             std::string address,
                                                             std::shared_ptr<boost::asio::ssl::context> tls);

}  // namespace pavi::gateway::detail
