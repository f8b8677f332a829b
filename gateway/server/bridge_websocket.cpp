// connectToWs (gateway-behaviour.md §10.1): a WebSocket client to a third-party Minitel server, over TCP or TLS
// (certificates checked against the system's CAs), with the original's request headers. User data goes out as
// masked text frames; text and binary frames from the server are data.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <openssl/ssl.h>

#include "gateway/server/detail/bridge_link.hpp"

namespace pavi::gateway::detail {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using asio::ip::tcp;

asio::ssl::context& client_tls() {
  static asio::ssl::context context = [] {
    asio::ssl::context made(asio::ssl::context::tls_client);
    made.set_default_verify_paths();
    made.set_verify_mode(asio::ssl::verify_peer);
    return made;
  }();
  return context;
}

template <class NextLayer>
class WebSocketBridge final : public BridgeLink, public std::enable_shared_from_this<WebSocketBridge<NextLayer>> {
 public:
  template <class... Args>
  WebSocketBridge(asio::any_io_executor strand, BridgeEvents events, Args&&... args)
      : resolver_(strand), ws_(std::forward<Args>(args)...), events_(std::move(events)) {}

  void open(const BridgeTarget& target) {
    target_ = target;
    resolver_.async_resolve(target.host, target.port, [self = this->shared_from_this()](
                                                          boost::system::error_code error, tcp::resolver::results_type found) {
      if (error || self->done_) return self->fail();
      auto& tcp_layer = beast::get_lowest_layer(self->ws_);
      tcp_layer.expires_after(kBridgeConnectTimeout);
      tcp_layer.async_connect(found, [self](beast::error_code connect_error, const tcp::endpoint&) {
        if (connect_error || self->done_) return self->fail();
        self->secure_then_handshake();
      });
    });
  }

  void send(std::string bytes) override {
    if (done_ || bytes.empty()) return;
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1 && open_) write_front();
  }

  void close() override {
    done_ = true;
    resolver_.cancel();
    beast::get_lowest_layer(ws_).close();
  }

 private:
  void secure_then_handshake() {
    if constexpr (std::is_same_v<NextLayer, beast::ssl_stream<beast::tcp_stream>>) {
      if (!SSL_set_tlsext_host_name(ws_.next_layer().native_handle(), target_.host.c_str())) return fail();
      ws_.next_layer().set_verify_callback(asio::ssl::host_name_verification(target_.host));
      ws_.next_layer().async_handshake(asio::ssl::stream_base::client,
                                       [self = this->shared_from_this()](beast::error_code error) {
                                         if (error || self->done_) return self->fail();
                                         self->handshake();
                                       });
    } else {
      handshake();
    }
  }

  void handshake() {
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = kBridgeConnectTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    ws_.set_option(timeouts);
    ws_.text(true);
    ws_.set_option(websocket::stream_base::decorator([target = target_](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "MiniPavi");
      request.set(beast::http::field::origin, target.origin);
      request.set("Sec-Fetch-Dest", "empty");
      request.set("Sec-Fetch-Mode", "websocket");
      request.set("Sec-Fetch-Site", "cross-site");
      request.set(beast::http::field::pragma, "no-cache");
      request.set(beast::http::field::cache_control, "no-cache");
      request.set(beast::http::field::accept, "*/*");
      if (!target.proto.empty()) request.set(beast::http::field::sec_websocket_protocol, target.proto);
    }));
    ws_.async_handshake(target_.host, target_.path, [self = this->shared_from_this()](beast::error_code error) {
      if (error || self->done_) return self->fail();
      self->open_ = true;
      self->events_.opened(true);
      if (!self->queue_.empty()) self->write_front();
      self->read();
    });
  }

  void fail() {
    if (done_) return;
    close();
    events_.opened(false);
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
      if (self->done_) return;
      if (error) return self->lost();
      const auto data = self->buffer_.cdata();
      self->events_.data(std::string(static_cast<const char*>(data.data()), data.size()));
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  void write_front() {
    ws_.async_write(asio::buffer(queue_.front()), [self = this->shared_from_this()](beast::error_code error,
                                                                                    std::size_t) {
      if (self->done_) return;
      self->queue_.pop_front();
      if (error) return self->lost();
      if (!self->queue_.empty()) self->write_front();
    });
  }

  void lost() {
    close();
    events_.closed();
  }

  tcp::resolver resolver_;
  websocket::stream<NextLayer> ws_;
  BridgeEvents events_;
  BridgeTarget target_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool open_ = false;
  bool done_ = false;
};

}  // namespace

std::shared_ptr<BridgeLink> open_websocket_bridge(asio::any_io_executor strand, const BridgeTarget& target,
                                                  BridgeEvents events) {
  if (target.tls) {
    using Stream = beast::ssl_stream<beast::tcp_stream>;
    auto bridge = std::make_shared<WebSocketBridge<Stream>>(strand, std::move(events), strand, client_tls());
    bridge->open(target);
    return bridge;
  }
  auto bridge = std::make_shared<WebSocketBridge<beast::tcp_stream>>(strand, std::move(events), strand);
  bridge->open(target);
  return bridge;
}

}  // namespace pavi::gateway::detail
