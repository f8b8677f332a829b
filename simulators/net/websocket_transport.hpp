// WebSocket transports (Beast, kept out of this header): the client side of ws:// and wss:// URLs, and the server
// side of a connection accepted by a TcpListener. Plain and TLS streams live in separate translation units.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "simulators/net/endpoint.hpp"
#include "simulators/net/listener.hpp"
#include "simulators/net/transport.hpp"

namespace boost::asio::ssl {
class context;
}

namespace pavi::sim {

// Blocks at most options.timeout. Data is what the frames carry (text and binary alike); what the terminal sends
// goes out as text frames unless options.ws_binary_frames. Text frames that are not valid UTF-8 (8-bit videotex)
// end the connection with an error: Beast enforces RFC 6455 there, as browsers do.
OpenResult open_websocket(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options);

// The HTTP upgrade request a server received, for assertions (gateway bridges send a precise header list).
struct WebSocketRequest {
  std::string peer;    // "127.0.0.1:53124"
  std::string target;  // "/path?query"
  std::vector<std::pair<std::string, std::string>> headers;  // in the order received
};

struct WebSocketAccept {
  std::unique_ptr<Transport> transport;  // null on failure
  std::string error;
  WebSocketRequest request;  // as much as was read
};

struct WebSocketServerSettings {
  bool binary_frames = false;  // what the server sends (MiniPavi sends text frames)
  std::chrono::milliseconds handshake_timeout{5000};
  std::shared_ptr<boost::asio::ssl::context> tls;  // wss when set (make_tls_server_context)
};

// Call on the runner thread (a TcpListener's accept handler). `done` runs on the runner thread.
void accept_websocket(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                      std::function<void(WebSocketAccept)> done);

}  // namespace pavi::sim
