// Private to gateway/server: the text of a peer's address as services, logs and VisuWeb show it.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>

namespace pavi::gateway::detail {

// IPv4 clients on a dual-stack socket arrive as ::ffff:a.b.c.d; services expect the IPv4 text (remoteAddr).
// "" when the peer is already gone.
inline std::string client_address(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  if (error) return {};
  auto address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

}  // namespace pavi::gateway::detail
