// Private to websocket_plain.cpp and websocket_tls.cpp: the Beast WebSocket session template (read loop, write
// queue, orderly close) and the client/server handshake steps shared by both stream types. Each of the two
// translation units instantiates it once for its own stream, so Beast is compiled in exactly two places.
#pragma once

#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <string>

#include "simulators/net/detail/asio_transport.hpp"
#include "simulators/net/detail/tcp_connect.hpp"
#include "simulators/net/transport.hpp"
#include "simulators/net/websocket_transport.hpp"

namespace pavi::sim::detail {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace http = boost::beast::http;

inline constexpr std::chrono::seconds kCloseHandshakeTimeout{2};

template <class NextLayer>
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession<NextLayer>> {
 public:
  using Stream = websocket::stream<NextLayer>;

  // `keep_alive` holds what the stream refers to (the TLS context).
  template <class... Args>
  WebSocketSession(bool binary_frames, std::shared_ptr<void> keep_alive, Args&&... args)
      : keep_alive_(std::move(keep_alive)), ws_(std::forward<Args>(args)...) {
    ws_.binary(binary_frames);
  }

  Stream& stream() { return ws_; }
  auto& lowest_layer() { return beast::get_lowest_layer(ws_); }

  void start(TransportHandlers handlers) {
    handlers_ = std::move(handlers);
    started_ = true;
    if (finished_) {
      deliver_close();
      return;
    }
    read();
  }

  void send(std::string bytes) {
    if (finished_ || close_requested_ || bytes.empty()) return;
    queue_.push_back(std::move(bytes));
    write();
  }

  void close() {
    if (finished_ || close_requested_) return;
    close_requested_ = true;
    if (!writing_) close_handshake();
  }

  void detach() {
    handlers_ = {};
    close();
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (finished_) return;
    if (ec) {
      if (closing_) return;  // our close handshake reports the end
      finish(describe(ec));
      return;
    }
    const auto data = buffer_.cdata();
    if (handlers_.on_data) handlers_.on_data(std::string_view(static_cast<const char*>(data.data()), data.size()));
    buffer_.consume(buffer_.size());
    if (!finished_) read();
  }

  CloseInfo describe(const beast::error_code& ec) {
    CloseInfo info;
    if (ec == websocket::error::closed) {
      info.by_peer = true;
      info.reason = "closed by peer (close frame, code " + std::to_string(ws_.reason().code) + ")";
    } else if (ec == boost::asio::ssl::error::stream_truncated) {
      info.by_peer = true;
      info.reason = "closed by peer (TLS stream truncated)";
    } else if (ec.category() == websocket::make_error_code(websocket::error::closed).category()) {
      info.by_peer = true;
      info.error = true;
      info.reason = "WebSocket protocol error: " + ec.message();
    } else {
      info.reason = describe_read_error(ec, info.by_peer, info.error);
    }
    return info;
  }

  void write() {
    if (writing_ || queue_.empty() || finished_ || closing_) return;
    writing_ = true;
    ws_.async_write(boost::asio::buffer(queue_.front()),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    if (finished_) return;
    queue_.pop_front();
    if (ec) {
      finish({false, true, "write error: " + ec.message()});
      return;
    }
    if (!queue_.empty()) {
      write();
    } else if (close_requested_) {
      close_handshake();
    }
  }

  void close_handshake() {
    if (closing_ || finished_) return;
    closing_ = true;
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = kCloseHandshakeTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    ws_.set_option(timeouts);
    ws_.async_close(websocket::close_code::normal, [self = this->shared_from_this()](beast::error_code) {
      self->finish({false, false, "closed locally"});
    });
  }

  void finish(CloseInfo info) {
    if (finished_) return;
    finished_ = true;
    close_info_ = std::move(info);
    beast::error_code ignored;
    lowest_layer().close(ignored);
    queue_.clear();
    if (started_) deliver_close();
  }

  void deliver_close() {
    auto on_closed = std::move(handlers_.on_closed);
    handlers_ = {};
    if (on_closed) on_closed(close_info_);
  }

  std::shared_ptr<void> keep_alive_;
  Stream ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  TransportHandlers handlers_;
  CloseInfo close_info_;
  bool started_ = false;
  bool writing_ = false;
  bool close_requested_ = false;
  bool closing_ = false;
  bool finished_ = false;
};

// A deadline over several asynchronous steps: on expiry the socket is closed, which makes the pending step fail.
template <class Session>
std::shared_ptr<boost::asio::steady_timer> start_deadline(const std::shared_ptr<Session>& session,
                                                          std::chrono::milliseconds timeout,
                                                          std::shared_ptr<bool> expired) {
  auto timer = std::make_shared<boost::asio::steady_timer>(session->lowest_layer().get_executor());
  timer->expires_after(timeout);
  timer->async_wait([session, expired](boost::system::error_code ec) {
    if (ec) return;
    *expired = true;
    boost::system::error_code ignored;
    session->lowest_layer().close(ignored);
  });
  return timer;
}

// The client's upgrade, once the connection (and TLS) is up. `done("")` on success.
template <class NextLayer>
void client_handshake(const std::shared_ptr<WebSocketSession<NextLayer>>& session, const std::string& host,
                      const std::string& target, const ConnectOptions& options, std::chrono::milliseconds timeout,
                      std::function<void(std::string)> done) {
  auto& ws = session->stream();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = timeout;
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws.set_option(timeouts);
  ws.set_option(websocket::stream_base::decorator(
      [agent = options.user_agent, origin = options.ws_origin](websocket::request_type& request) {
        request.set(http::field::user_agent, agent);
        if (!origin.empty()) request.set(http::field::origin, origin);
      }));
  auto response = std::make_shared<websocket::response_type>();
  ws.async_handshake(*response, host, target, [session, response, done = std::move(done)](beast::error_code ec) {
    if (!ec) {
      done({});
    } else if (ec == websocket::error::upgrade_declined) {
      done("WebSocket upgrade refused (HTTP " + std::to_string(response->result_int()) + ")");
    } else {
      done("WebSocket handshake failed: " + ec.message());
    }
  });
}

// The server's side once the connection (and TLS) is up: reads the HTTP upgrade request, records it, accepts.
template <class NextLayer>
void server_accept(const std::shared_ptr<WebSocketSession<NextLayer>>& session, WebSocketRequest request_info,
                   std::chrono::milliseconds timeout, std::function<void(std::string, WebSocketRequest)> done) {
  auto expired = std::make_shared<bool>(false);
  auto timer = start_deadline(session, timeout, expired);
  auto buffer = std::make_shared<beast::flat_buffer>();
  auto request = std::make_shared<http::request<http::string_body>>();
  http::async_read(
      session->stream().next_layer(), *buffer, *request,
      [session, buffer, request, timer, expired, info = std::move(request_info), done = std::move(done)](
          beast::error_code ec, std::size_t) mutable {
        if (ec) {
          timer->cancel();
          done(*expired ? "timed out reading the upgrade request" : "cannot read the upgrade request: " + ec.message(),
               std::move(info));
          return;
        }
        info.target = std::string(request->target());
        for (const auto& field : *request) info.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        session->stream().set_option(websocket::stream_base::decorator(
            [](websocket::response_type& response) { response.set(http::field::server, "PaviKit fake server"); }));
        session->stream().async_accept(
            *request, [session, request, buffer, timer, expired, info = std::move(info), done = std::move(done)](
                          beast::error_code accept_ec) mutable {
              timer->cancel();
              if (accept_ec) {
                done(*expired ? "timed out during the WebSocket upgrade"
                              : "WebSocket upgrade failed: " + accept_ec.message(),
                     std::move(info));
              } else {
                done({}, std::move(info));
              }
            });
      });
}

}  // namespace pavi::sim::detail
