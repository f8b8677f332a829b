// connectToTln (gateway-behaviour.md §10.2): TCP connect in 5 s, the start sequence, then bytes both ways as
// they are (IAC is not interpreted, as in the original).
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "gateway/server/detail/bridge_link.hpp"

namespace pavi::gateway::detail {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

class TelnetBridge final : public BridgeLink, public std::enable_shared_from_this<TelnetBridge> {
 public:
  TelnetBridge(asio::any_io_executor strand, BridgeEvents events)
      : resolver_(strand), socket_(strand), timer_(strand), events_(std::move(events)) {}

  void open(const BridgeTarget& target) {
    startseq_ = target.startseq;
    timer_.expires_after(kBridgeConnectTimeout);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error && !self->connected_) self->fail();
    });
    resolver_.async_resolve(target.host, target.port, [self = shared_from_this()](boost::system::error_code error,
                                                                                  tcp::resolver::results_type found) {
      if (error || self->done_) return self->fail();
      asio::async_connect(self->socket_, found, [self](boost::system::error_code connect_error, const tcp::endpoint&) {
        if (connect_error || self->done_) return self->fail();
        self->connected_ = true;
        self->timer_.cancel();
        self->events_.opened(true);
        if (!self->startseq_.empty()) self->send(std::move(self->startseq_));
        self->read();
      });
    });
  }

  void send(std::string bytes) override {
    if (done_ || bytes.empty()) return;
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_front();
  }

  void close() override {
    done_ = true;
    boost::system::error_code ignored;
    resolver_.cancel();
    timer_.cancel();
    socket_.close(ignored);
  }

 private:
  void fail() {
    if (done_) return;
    close();
    events_.opened(false);
  }

  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](boost::system::error_code error,
                                                                               std::size_t size) {
      if (self->done_) return;
      if (error) return self->lost();
      self->events_.data(std::string(self->buffer_.data(), size));
      self->read();
    });
  }

  void write_front() {
    asio::async_write(socket_, asio::buffer(queue_.front()), [self = shared_from_this()](boost::system::error_code error,
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
  tcp::socket socket_;
  asio::steady_timer timer_;
  BridgeEvents events_;
  std::string startseq_;
  std::array<char, 4096> buffer_{};
  std::deque<std::string> queue_;
  bool connected_ = false;
  bool done_ = false;
};

}  // namespace

std::shared_ptr<BridgeLink> open_telnet_bridge(asio::any_io_executor strand, const BridgeTarget& target,
                                               BridgeEvents events) {
  auto bridge = std::make_shared<TelnetBridge>(std::move(strand), std::move(events));
  bridge->open(target);
  return bridge;
}

}  // namespace pavi::gateway::detail
