// "Telnet" connections (gateway-behaviour.md §2.1): raw TCP. What arrives in the first second is discarded, as
// the original does to drop the junk some emulators send at connect time; IAC sequences are filtered out of the
// input at all times (the original shows them as text). Writes are queued and go out one at a time; a client
// that stops reading is cut off once the queue passes ConnectionLimits::max_pending_output, and a closing
// session waits at most ConnectionLimits::close_drain for its last bytes to leave.
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "gateway/server/detail/connection_factories.hpp"
#include "gateway/server/telnet_filter.hpp"

namespace pavi::gateway::detail {

namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kSettleTime{1};
constexpr std::size_t kReadSize = 8192;

class TelnetConnection final : public Connection {
 public:
  TelnetConnection(ServerShared& shared, tcp::socket socket, std::string address)
      : Connection(shared, socket.get_executor(), ConnectionKind::telnet, std::move(address)),
        socket_(std::move(socket)),
        settle_(strand_),
        drain_(strand_),
        filter_(false) {}

  void start() override {
    asio::dispatch(strand_, [self = shared_self()] {
      self->settle_.expires_after(kSettleTime);
      self->settle_.async_wait([self](const boost::system::error_code& error) {
        if (error || self->ended_) return;
        self->settling_ = false;
        self->begin_session("");
      });
      self->read();
    });
  }

 private:
  std::shared_ptr<TelnetConnection> shared_self() {
    return std::static_pointer_cast<TelnetConnection>(shared_from_this());
  }

  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_self()](boost::system::error_code error,
                                                                          std::size_t size) {
      if (error) {
        self->end();
        return;
      }
      if (!self->settling_) {
        std::string data;
        std::string ignored_replies;  // the gateway negotiates nothing, as the original
        self->filter_.feed(std::string_view(self->buffer_.data(), size), data, ignored_replies);
        if (!data.empty()) self->received(data);
      }
      if (!self->ended_) self->read();
    });
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    settle_.cancel();
    drain_.cancel();
    boost::system::error_code ignored;
    socket_.close(ignored);
    transport_ended();
  }

  void transport_write(std::string bytes) override {
    if (ended_ || closing_ || overflowed_) return;
    pending_ += bytes.size();
    if (pending_ > shared_.limits.max_pending_output) {
      // The client is not reading: it ends as a hang-up would. Posted, since the session is writing right now.
      overflowed_ = true;
      asio::post(strand_, [self = shared_self()] { self->end(); });
      return;
    }
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_front();
  }

  void write_front() {
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [self = shared_self()](boost::system::error_code error, std::size_t) {
                        self->pending_ -= self->queue_.front().size();
                        self->queue_.pop_front();
                        if (error) {
                          self->end();
                        } else if (!self->queue_.empty()) {
                          self->write_front();
                        } else if (self->closing_) {
                          self->shut_down_socket();
                        }
                      });
  }

  // The session is over: what is queued goes out first, then the socket closes.
  void transport_close() override {
    if (closing_ || ended_) return;
    closing_ = true;
    if (queue_.empty()) {
      shut_down_socket();
      return;
    }
    drain_.expires_after(shared_.limits.close_drain);
    drain_.async_wait([self = shared_self()](const boost::system::error_code& error) {
      if (!error) self->end();  // a peer that never reads keeps nothing alive
    });
  }

  void shut_down_socket() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    end();
  }

  tcp::socket socket_;
  asio::steady_timer settle_;
  asio::steady_timer drain_;
  TelnetFilter filter_;
  std::array<char, kReadSize> buffer_{};
  std::deque<std::string> queue_;
  std::size_t pending_ = 0;  // bytes in queue_
  bool settling_ = true;
  bool overflowed_ = false;
  bool closing_ = false;
  bool ended_ = false;
};

}  // namespace

std::shared_ptr<Connection> make_telnet_connection(ServerShared& shared, tcp::socket socket, std::string address) {
  return std::make_shared<TelnetConnection>(shared, std::move(socket), std::move(address));
}

}  // namespace pavi::gateway::detail
