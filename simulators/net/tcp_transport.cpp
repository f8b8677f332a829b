// TCP/telnet transport: a read loop and a write queue on the runner thread.
#include "simulators/net/tcp_transport.hpp"

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <future>
#include <optional>

#include "simulators/net/detail/accepted_socket.hpp"
#include "simulators/net/detail/asio_transport.hpp"
#include "simulators/net/detail/tcp_connect.hpp"
#include "gateway/server/telnet_filter.hpp"

namespace pavi::sim {
namespace {

using boost::asio::ip::tcp;
using gateway::TelnetFilter;

class TcpSession : public std::enable_shared_from_this<TcpSession> {
 public:
  TcpSession(tcp::socket socket, std::optional<TelnetFilter> telnet)
      : socket_(std::move(socket)), telnet_(std::move(telnet)) {}

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
    queue_.push_back(telnet_ ? TelnetFilter::escape(bytes) : std::move(bytes));
    write();
  }

  void close() {
    if (finished_ || close_requested_) return;
    close_requested_ = true;
    if (!writing_) shut_down();
  }

  void detach() {
    handlers_ = {};
    if (!finished_) {
      close_requested_ = true;
      if (!writing_) shut_down();
    }
  }

 private:
  void read() {
    socket_.async_read_some(boost::asio::buffer(buffer_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(boost::system::error_code ec, std::size_t n) {
    if (finished_) return;
    if (ec) {
      CloseInfo info;
      info.reason = detail::describe_read_error(ec, info.by_peer, info.error);
      finish(std::move(info));
      return;
    }
    std::string_view chunk(buffer_.data(), n);
    if (telnet_) {
      std::string data;
      std::string replies;
      telnet_->feed(chunk, data, replies);
      if (!replies.empty()) {
        queue_.push_back(std::move(replies));
        write();
      }
      if (!data.empty() && handlers_.on_data) handlers_.on_data(data);
    } else if (handlers_.on_data) {
      handlers_.on_data(chunk);
    }
    if (!finished_) read();
  }

  void write() {
    if (writing_ || queue_.empty() || finished_) return;
    writing_ = true;
    boost::asio::async_write(socket_, boost::asio::buffer(queue_.front()),
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                               self->on_write(ec);
                             });
  }

  void on_write(boost::system::error_code ec) {
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
      shut_down();
    }
  }

  void shut_down() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    finish({false, false, "closed locally"});
  }

  void finish(CloseInfo info) {
    if (finished_) return;
    finished_ = true;
    close_info_ = std::move(info);
    boost::system::error_code ignored;
    socket_.close(ignored);
    queue_.clear();
    if (started_) deliver_close();
  }

  void deliver_close() {
    auto on_closed = std::move(handlers_.on_closed);
    handlers_ = {};
    if (on_closed) on_closed(close_info_);
  }

  tcp::socket socket_;
  std::optional<TelnetFilter> telnet_;
  std::array<char, 4096> buffer_{};
  std::deque<std::string> queue_;
  TransportHandlers handlers_;
  CloseInfo close_info_;
  bool started_ = false;
  bool writing_ = false;
  bool close_requested_ = false;
  bool finished_ = false;
};

}  // namespace

OpenResult open_tcp(IoRunner& runner, const Endpoint& endpoint, const ConnectOptions& options) {
  struct Pending {
    explicit Pending(boost::asio::io_context& context) : socket(context) {}
    tcp::socket socket;
    std::promise<std::pair<std::shared_ptr<TcpSession>, std::string>> result;
  };
  auto pending = std::make_shared<Pending>(runner.context());
  auto result = pending->result.get_future();
  runner.post([pending, endpoint, options] {
    detail::connect_socket(pending->socket, endpoint.host, endpoint.port, options.timeout,
                           [pending, endpoint, options](std::string error) {
                             if (!error.empty()) {
                               pending->result.set_value({nullptr, std::move(error)});
                               return;
                             }
                             std::optional<TelnetFilter> telnet;
                             if (endpoint.scheme == Scheme::telnet) telnet.emplace(options.telnet_refuse_options);
                             boost::system::error_code ignored;
                             pending->socket.set_option(tcp::no_delay(true), ignored);
                             pending->result.set_value(
                                 {std::make_shared<TcpSession>(std::move(pending->socket), std::move(telnet)), {}});
                           });
  });
  auto [session, error] = result.get();
  const std::string url = to_url(endpoint);
  if (!session) return {nullptr, url + ": " + error};
  return {std::make_unique<detail::AsioTransport<TcpSession>>(runner, std::move(session), url), {}};
}

std::unique_ptr<Transport> make_tcp_transport(IoRunner& runner, AcceptedSocket socket) {
  const std::string description = "tcp peer " + socket.peer();
  auto session = std::make_shared<TcpSession>(std::move(socket.impl().socket), std::nullopt);
  return std::make_unique<detail::AsioTransport<TcpSession>>(runner, std::move(session), description);
}

}  // namespace pavi::sim
