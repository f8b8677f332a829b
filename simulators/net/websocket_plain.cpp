// ws:// client and server sessions: Beast WebSocket over a plain TCP socket (one of the two Beast TUs).
#include <boost/asio/ip/tcp.hpp>
#include <future>

#include "simulators/net/detail/accepted_socket.hpp"
#include "simulators/net/detail/websocket_entry.hpp"
#include "simulators/net/detail/websocket_session.hpp"

namespace pavi::sim::detail {
namespace {

using PlainSession = WebSocketSession<boost::asio::ip::tcp::socket>;

std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point started, std::chrono::milliseconds total) {
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return std::max(std::chrono::milliseconds(1), total - spent);
}

}  // namespace

OpenResult open_websocket_plain(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options) {
  using Result = std::pair<std::shared_ptr<PlainSession>, std::string>;
  auto promise = std::make_shared<std::promise<Result>>();
  auto future = promise->get_future();
  runner.post([&runner, promise, endpoint, options] {
    auto session = std::make_shared<PlainSession>(options.ws_binary_frames, nullptr, runner.context());
    const auto started = std::chrono::steady_clock::now();
    connect_socket(session->lowest_layer(), endpoint.host, endpoint.port, options.timeout,
                   [promise, session, endpoint, options, started](std::string error) {
                     if (!error.empty()) {
                       promise->set_value({nullptr, std::move(error)});
                       return;
                     }
                     boost::system::error_code ignored;
                     session->lowest_layer().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
                     client_handshake(session, host_header(endpoint), endpoint.target, options,
                                      remaining(started, options.timeout), [promise, session](std::string failure) {
                                        promise->set_value({failure.empty() ? session : nullptr, std::move(failure)});
                                      });
                   });
  });
  auto [session, error] = future.get();
  const std::string url = to_url(endpoint);
  if (!session) return {nullptr, url + ": " + error};
  return {std::make_unique<AsioTransport<PlainSession>>(runner, std::move(session), url), {}};
}

void accept_websocket_plain(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                            std::function<void(WebSocketAccept)> done) {
  WebSocketRequest info;
  info.peer = socket.peer();
  auto session = std::make_shared<PlainSession>(settings.binary_frames, nullptr, std::move(socket.impl().socket));
  server_accept(session, std::move(info), settings.handshake_timeout,
                [&runner, session, done = std::move(done)](std::string error, WebSocketRequest request) {
                  WebSocketAccept result;
                  result.request = std::move(request);
                  result.error = std::move(error);
                  if (result.error.empty()) {
                    result.transport = std::make_unique<AsioTransport<PlainSession>>(runner, session,
                                                                                     "ws peer " + result.request.peer);
                  }
                  done(std::move(result));
                });
}

}  // namespace pavi::sim::detail
