// Private to websocket_plain.cpp and websocket_tls.cpp: a WebSocket connection over any Beast stream, so that
// each of the two translation units compiles Beast once for its own stream type.
//
// Deviations from the original's hand-made WebSocket (docs/COMPATIBILITY.md): the upgrade request is parsed
// properly (split requests work, bad ones get 400 instead of a 101), and a client's close frame is answered
// and ends the session (C-116). Frames out are text, unmasked, at most 65,535 bytes each, as the original's.
// Not in the original either: a client that stops reading is cut off once its queue passes
// ConnectionLimits::max_pending_output, and a closing session waits at most ConnectionLimits::close_drain.
#pragma once

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>

#include "gateway/server/detail/connection.hpp"
#include "gateway/server/websocket_query.hpp"

namespace pavi::gateway::detail {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

inline constexpr std::chrono::seconds kUpgradeTimeout{2};  // the original's one read of the request (§2.1)
inline constexpr std::size_t kMaxFrame = 65535;
inline constexpr std::size_t kMaxMessage = 64 * 1024;      // a terminal sends keys, not pages

template <class NextLayer>
class WebSocketConnection : public Connection {
 public:
  template <class... Args>
  WebSocketConnection(ServerShared& shared, boost::asio::any_io_executor strand, ConnectionKind kind,
                      std::string address, Args&&... args)
      : Connection(shared, std::move(strand), kind, std::move(address)),
        ws_(std::forward<Args>(args)...),
        drain_(strand_) {}

  void start() override {
    boost::asio::dispatch(strand_, [self = shared_self()] { self->handshake(); });
  }

 protected:
  std::shared_ptr<WebSocketConnection> shared_self() {
    return std::static_pointer_cast<WebSocketConnection>(this->shared_from_this());
  }
  websocket::stream<NextLayer>& ws() { return ws_; }
  beast::tcp_stream& tcp() { return beast::get_lowest_layer(ws_); }

  // The TLS subclass shakes hands first, then calls this.
  virtual void handshake() { read_upgrade(); }

  void read_upgrade() {
    tcp().expires_after(kUpgradeTimeout);
    http::async_read(ws_.next_layer(), buffer_, request_,
                     [self = shared_self()](beast::error_code error, std::size_t) { self->on_upgrade(error); });
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    drain_.cancel();
    beast::error_code ignored;
    tcp().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().close();
    transport_ended();
  }

 private:
  void on_upgrade(beast::error_code error) {
    if (error || !websocket::is_upgrade(request_)) {
      end();  // "handshake error": the socket closes, no session (§2.1)
      return;
    }
    tcp().expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = kUpgradeTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();  // the session's own pings decide (§8.2)
    timeouts.keep_alive_pings = false;
    ws_.set_option(timeouts);
    ws_.read_message_max(kMaxMessage);
    ws_.auto_fragment(false);
    ws_.text(true);
    // C-090: the original's reason phrase; some clients log or match it.
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.reason("Web Socket Protocol Handshake"); }));
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) pong_received();
    });
    ws_.async_accept(request_, [self = shared_self()](beast::error_code accept_error) {
      if (accept_error) {
        self->end();
        return;
      }
      const auto query = websocket_query(std::string_view(self->request_.target().data(), self->request_.target().size()));
      if (const auto replay = query.find("streamuniqueid"); replay != query.end()) {  // visuweb-stats-recordings.md §3.3
        const auto seq = query.find("seq");
        self->send_replay(self->begin_replay(replay->second, seq == query.end() ? std::string() : seq->second));
        return;
      }
      const auto url = query.find("url");
      self->begin_session(url == query.end() ? std::string() : url->second);
      self->read();
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_self()](beast::error_code error, std::size_t) {
      if (error) {
        self->end();
        return;
      }
      const auto data = self->buffer_.cdata();
      self->received(std::string_view(static_cast<const char*>(data.data()), data.size()));
      self->buffer_.consume(self->buffer_.size());
      if (!self->ended_) self->read();
    });
  }

  void transport_write(std::string bytes) override {
    if (ended_ || closing_ || overflowed_) return;
    pending_ += bytes.size();
    if (pending_ > shared_.limits.max_pending_output) {
      // The client is not reading: it ends as a hang-up would. Posted, since the session is writing right now.
      overflowed_ = true;
      boost::asio::post(strand_, [self = shared_self()] { self->end(); });
      return;
    }
    for (std::size_t at = 0; at < bytes.size(); at += kMaxFrame) queue_.push_back(bytes.substr(at, kMaxFrame));
    if (!writing_) write_front();
  }

  void write_front() {
    if (queue_.empty()) {
      if (closing_) end();
      return;
    }
    writing_ = true;
    ws_.async_write(boost::asio::buffer(queue_.front()), [self = shared_self()](beast::error_code error, std::size_t) {
      self->writing_ = false;
      self->pending_ -= self->queue_.front().size();
      self->queue_.pop_front();
      if (error) {
        self->end();
        return;
      }
      self->write_front();
    });
  }

  // The whole recording in one write, in frames of at most kMaxFrame, whatever its size (a replay is not a
  // client falling behind), then the close.
  void send_replay(std::optional<std::string> bytes) {
    if (bytes) {
      for (std::size_t at = 0; at < bytes->size(); at += kMaxFrame) queue_.push_back(bytes->substr(at, kMaxFrame));
      if (!writing_) write_front();
    }
    transport_close();
  }

  void transport_ping() override {
    if (ended_ || closing_) return;
    ws_.async_ping({}, [self = shared_self()](beast::error_code error) {
      if (error) self->end();
    });
  }

  // No close frame, as the original (§2.5): what is queued goes out, then TCP closes.
  void transport_close() override {
    if (closing_ || ended_) return;
    closing_ = true;
    if (!writing_) {
      end();
      return;
    }
    drain_.expires_after(shared_.limits.close_drain);
    drain_.async_wait([self = shared_self()](const boost::system::error_code& error) {
      if (!error) self->end();  // a peer that never reads keeps nothing alive
    });
  }

  websocket::stream<NextLayer> ws_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  std::deque<std::string> queue_;
  std::size_t pending_ = 0;  // bytes in queue_
  boost::asio::steady_timer drain_;
  bool writing_ = false;
  bool overflowed_ = false;
  bool closing_ = false;
  bool ended_ = false;
};

}  // namespace pavi::gateway::detail
