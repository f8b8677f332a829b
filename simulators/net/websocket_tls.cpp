// wss:// client and server sessions: Beast WebSocket over Asio SSL over TCP (the other Beast TU).
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <future>

#include "simulators/net/detail/accepted_socket.hpp"
#include "simulators/net/detail/websocket_entry.hpp"
#include "simulators/net/detail/websocket_session.hpp"
#include "simulators/net/tls.hpp"

namespace pavi::sim::detail {
namespace {

using TlsSession = WebSocketSession<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>>;

std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point started, std::chrono::milliseconds total) {
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return std::max(std::chrono::milliseconds(1), total - spent);
}

}  // namespace

OpenResult open_websocket_tls(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options) {
  const std::string url = to_url(endpoint);
  std::string error;
  TlsClientSettings tls;
  tls.verify = !options.insecure;
  tls.system_trust = options.system_trust;
  tls.ca_pem = options.ca_pem;
  tls.ca_file = options.ca_file;
  auto context = make_tls_client_context(tls, error);
  if (!context) return {nullptr, url + ": " + error};

  using Result = std::pair<std::shared_ptr<TlsSession>, std::string>;
  auto promise = std::make_shared<std::promise<Result>>();
  auto future = promise->get_future();
  runner.post([&runner, promise, endpoint, options, context] {
    auto session = std::make_shared<TlsSession>(options.ws_binary_frames, context, runner.context(), *context);
    const auto started = std::chrono::steady_clock::now();
    connect_socket(session->lowest_layer(), endpoint.host, endpoint.port, options.timeout,
                   [promise, session, endpoint, options, started](std::string failure) {
                     if (!failure.empty()) {
                       promise->set_value({nullptr, std::move(failure)});
                       return;
                     }
                     boost::system::error_code ignored;
                     session->lowest_layer().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
                     auto& tls_stream = session->stream().next_layer();
                     const bool verify = !options.insecure;
                     if (std::string why; !prepare_tls_client(tls_stream.native_handle(), endpoint.host, verify, why)) {
                       promise->set_value({nullptr, std::move(why)});
                       return;
                     }
                     auto expired = std::make_shared<bool>(false);
                     auto timer = start_deadline(session, remaining(started, options.timeout), expired);
                     tls_stream.async_handshake(
                         boost::asio::ssl::stream_base::client,
                         [promise, session, endpoint, options, started, verify, timer, expired](boost::system::error_code ec) {
                           timer->cancel();
                           if (ec) {
                             const std::string fallback = *expired ? "timed out during the TLS handshake"
                                                                   : "TLS handshake failed: " + ec.message();
                             promise->set_value({nullptr, verify ? describe_tls_failure(
                                                                       session->stream().next_layer().native_handle(), fallback)
                                                                 : fallback});
                             return;
                           }
                           client_handshake(session, host_header(endpoint), endpoint.target, options,
                                            remaining(started, options.timeout), [promise, session](std::string failure) {
                                              promise->set_value({failure.empty() ? session : nullptr, std::move(failure)});
                                            });
                         });
                   });
  });
  auto [session, failure] = future.get();
  if (!session) return {nullptr, url + ": " + failure};
  return {std::make_unique<AsioTransport<TlsSession>>(runner, std::move(session), url), {}};
}

void accept_websocket_tls(IoRunner& runner, AcceptedSocket socket, const WebSocketServerSettings& settings,
                          std::function<void(WebSocketAccept)> done) {
  WebSocketRequest info;
  info.peer = socket.peer();
  auto session = std::make_shared<TlsSession>(settings.binary_frames, settings.tls, std::move(socket.impl().socket),
                                              *settings.tls);
  auto expired = std::make_shared<bool>(false);
  auto timer = start_deadline(session, settings.handshake_timeout, expired);
  session->stream().next_layer().async_handshake(
      boost::asio::ssl::stream_base::server,
      [&runner, session, settings, timer, expired, info = std::move(info), done = std::move(done)](
          boost::system::error_code ec) mutable {
        timer->cancel();
        if (ec) {
          WebSocketAccept result;
          result.request = std::move(info);
          result.error = *expired ? "timed out during the TLS handshake" : "TLS handshake failed: " + ec.message();
          done(std::move(result));
          return;
        }
        server_accept(session, std::move(info), settings.handshake_timeout,
                      [&runner, session, done = std::move(done)](std::string error, WebSocketRequest request) {
                        WebSocketAccept result;
                        result.request = std::move(request);
                        result.error = std::move(error);
                        if (result.error.empty()) {
                          result.transport = std::make_unique<AsioTransport<TlsSession>>(
                              runner, session, "wss peer " + result.request.peer);
                        }
                        done(std::move(result));
                      });
      });
}

}  // namespace pavi::sim::detail
