// Raw TCP and telnet transports (no Beast): the client side for tcp:// and telnet:// URLs, and the server side
// for a connection accepted by a TcpListener.
#pragma once

#include <memory>
#include <string>

#include "simulators/net/endpoint.hpp"
#include "simulators/net/listener.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::sim {

// telnet:// filters IAC commands out of what is received (TelnetFilter) and doubles 0xFF in what is sent;
// tcp:// passes every byte unchanged. Blocks at most options.timeout.
OpenResult open_tcp(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options);

// The server side of an accepted connection, raw bytes both ways (MiniPavi's "telnet" is raw TCP, as are the
// third-party telnet servers it bridges to).
std::unique_ptr<Transport> make_tcp_transport(IoRunner& runner, AcceptedSocket socket);

}  // namespace pavi::sim
