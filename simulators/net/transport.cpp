// open_transport: URL -> the transport for its scheme.
#include "simulators/net/transport.hpp"

#include "simulators/net/endpoint.hpp"
#include "simulators/net/tcp_transport.hpp"
#include "simulators/net/websocket_transport.hpp"

namespace pavi::sim {

OpenResult open_transport(IoRunner& runner, std::string_view url, const ConnectOptions& options) {
  const EndpointParse parsed = parse_endpoint(url);
  if (!parsed.endpoint) return {nullptr, parsed.error};
  const Endpoint& endpoint = *parsed.endpoint;
  switch (endpoint.scheme) {
    case Scheme::ws:
    case Scheme::wss:
      return open_websocket(runner, endpoint, options);
    case Scheme::telnet:
    case Scheme::tcp:
      return open_tcp(runner, endpoint, options);
  }
  return {nullptr, "unsupported URL"};
}

}  // namespace pavi::sim
