// astport (gateway-behaviour.md §2.1, v23-modem.md §7): the Asterisk soft modem's TCP connection. The header is
// read first (6 s, whole bounded lines: modem_header.hpp); a bad or missing header closes the socket without a
// session. Then either:
//  - CALLFROM: a modem user's session (typesocket AST, remoteAddr = the caller, C-015), raw bytes both ways,
//    output held until 5 s after the connection (the modem settling, C-095), and PCE when `PCE 1` (§15);
//  - CALLTO + PID: the modem leg of an outgoing call, handed to the session waiting for that PID (phone_calls.hpp);
//    a PID nobody waits for is closed at once, which ends the call on the Asterisk side.
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "gateway/server/detail/connection_factories.hpp"
#include "gateway/telephony/modem_header.hpp"
#include "gateway/telephony/pce_link.hpp"

namespace pavi::gateway::detail {

namespace asio = boost::asio;
using telephony::CallDirection;
using telephony::HeaderStatus;
using telephony::SoftModemHeader;

namespace {

constexpr std::chrono::seconds kHeaderWait{6};
constexpr std::chrono::seconds kModemSettling{5};
constexpr std::size_t kReadSize = 4096;
using Clock = std::chrono::steady_clock;

class AsteriskConnection final : public Connection, public ModemLeg {
 public:
  AsteriskConnection(ServerShared& shared, tcp::socket socket, std::string address, SoftModemHeader header,
                     std::string early_data, Clock::time_point connected_at)
      : Connection(shared, socket.get_executor(),
                   header.pce ? ConnectionKind::asterisk_pce : ConnectionKind::asterisk, std::move(address)),
        socket_(std::move(socket)),
        wake_(strand_),
        drain_(strand_),
        header_(std::move(header)),
        early_data_(std::move(early_data)),
        release_at_(connected_at + kModemSettling) {
    if (header_.pce) pce_.emplace(connected_at);
  }
  ~AsteriskConnection() override {
    if (pce_) shared_.metrics.pce_retransmissions(pce_->retransmissions());
  }

  void start() override {
    asio::dispatch(strand_, [self = shared_self()] {
      if (self->header_.direction == CallDirection::outgoing) {
        self->start_leg();
      } else {
        self->start_user();
      }
    });
  }

  // ModemLeg, any thread.
  void send(std::string bytes) override {
    asio::post(strand_, [self = shared_self(), bytes = std::move(bytes)]() mutable { self->queue(std::move(bytes)); });
  }
  void close() override {
    asio::post(strand_, [self = shared_self()] { self->transport_close(); });
  }

 private:
  std::shared_ptr<AsteriskConnection> shared_self() {
    return std::static_pointer_cast<AsteriskConnection>(shared_from_this());
  }

  void start_user() {
    shared_.activity.update(activity_serial_, [this](ConnectionEntry& entry) { entry.infos = header_.first_line; });
    if (pce_) pce_->start(Clock::now());  // START goes at once: the modem holds it until the Minitel is up
    begin_session(header_.start_url, header_.caller);
    pump();
    if (!early_data_.empty()) deliver(std::exchange(early_data_, {}));
    read();
  }

  void start_leg() {
    leg_ = true;
    shared_.activity.update(activity_serial_, [this](ConnectionEntry& entry) {
      entry.direction = Direction::out;
      entry.infos = "CALLTO " + header_.called;
    });
    auto leg = std::static_pointer_cast<ModemLeg>(shared_self());
    auto events = shared_.phone_calls.attach(header_.pid, std::move(leg));
    if (!events) {
      shared_.log.write("Appel sortant: PID inconnu " + header_.pid, "ast-leg-unknown",
                        {{"serial", std::to_string(activity_serial_)}, {"pid", header_.pid}});
      end();
      return;
    }
    leg_events_ = std::move(*events);
    if (!early_data_.empty()) leg_events_.data(std::exchange(early_data_, {}));
    read();
  }

  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_self()](boost::system::error_code error,
                                                                          std::size_t size) {
      if (self->ended_) return;
      if (error) return self->end();
      self->deliver(std::string(self->buffer_.data(), size));
      if (!self->ended_) self->read();
    });
  }

  void deliver(std::string data) {
    if (leg_) {
      if (leg_events_.data) leg_events_.data(std::move(data));
      return;
    }
    if (pce_) {
      data = pce_->receive(data, Clock::now());
      pump();
      if (pce_->failed()) return end();  // START unanswered 8 times (pce.md §2.2)
    }
    if (!data.empty()) received(data);
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    wake_.cancel();
    drain_.cancel();
    boost::system::error_code ignored;
    socket_.close(ignored);
    if (leg_) {
      if (auto closed = std::exchange(leg_events_.closed, nullptr)) closed();
      leg_events_ = {};
    }
    transport_ended();
  }

  void transport_write(std::string bytes) override {
    if (ended_ || closing_) return;
    held_ += bytes;
    pump();
  }

  // Output: held until the modem settled; with PCE through the block layer at line speed, else as it comes.
  void pump() {
    if (ended_) return;
    const auto now = Clock::now();
    std::optional<Clock::time_point> wake;
    if (!held_.empty()) {
      if (now >= release_at_) {
        if (pce_) {
          pce_->send(held_, now);
        } else {
          queue(held_);
        }
        held_.clear();
      } else {
        wake = release_at_;
      }
    }
    if (pce_) {
      if (std::string line = pce_->pull(now); !line.empty()) queue(std::move(line));
      if (pce_->failed()) {
        asio::post(strand_, [self = shared_self()] { self->end(); });
        return;
      }
      if (auto next = pce_->next_wakeup()) wake = wake ? std::min(*wake, *next) : *next;
    }
    if (closing_ && nothing_left()) {
      shut_down_socket();
      return;
    }
    if (wake) {
      wake_.expires_at(std::max(*wake, now + std::chrono::milliseconds(1)));
      wake_.async_wait([self = shared_self()](const boost::system::error_code& error) {
        if (!error) self->pump();
      });
    }
  }

  bool nothing_left() const { return held_.empty() && queue_.empty() && (!pce_ || !pce_->has_pending_output()); }

  void queue(std::string bytes) {
    if (ended_ || bytes.empty()) return;
    pending_ += bytes.size();
    if (pending_ > shared_.limits.max_pending_output) {  // the modem is not reading: as a hang-up
      asio::post(strand_, [self = shared_self()] { self->end(); });
      return;
    }
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_front();
  }

  void write_front() {
    asio::async_write(socket_, asio::buffer(queue_.front()), [self = shared_self()](boost::system::error_code error,
                                                                                    std::size_t) {
      if (self->ended_) return;
      self->pending_ -= self->queue_.front().size();
      self->queue_.pop_front();
      if (error) return self->end();
      if (!self->queue_.empty()) return self->write_front();
      if (self->closing_ && self->nothing_left()) self->shut_down_socket();
    });
  }

  // The session (or the calling session, for a leg) is over: what is queued goes out first (v23-modem.md §7.4).
  void transport_close() override {
    if (closing_ || ended_) return;
    closing_ = true;
    if (!held_.empty()) {  // the last page of a session that ends before the modem settled still goes out
      if (pce_) {
        pce_->send(held_, Clock::now());
      } else {
        queue(held_);
      }
      held_.clear();
    }
    drain_.expires_after(shared_.limits.close_drain);  // a modem that never takes its bytes keeps nothing alive
    drain_.async_wait([self = shared_self()](const boost::system::error_code& error) {
      if (!error) self->end();
    });
    pump();
  }

  void shut_down_socket() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    end();
  }

  tcp::socket socket_;
  asio::steady_timer wake_;
  asio::steady_timer drain_;
  SoftModemHeader header_;
  std::string early_data_;  // what came right after the header
  Clock::time_point release_at_;
  std::optional<telephony::GatewayPce> pce_;
  std::string held_;        // session output not yet given to the modem
  std::array<char, kReadSize> buffer_{};
  std::deque<std::string> queue_;
  std::size_t pending_ = 0;
  bool leg_ = false;
  ModemLegEvents leg_events_;
  bool closing_ = false;
  bool ended_ = false;
};

// Before the header is known, the connection is not a session yet: no row in the table, only the admission slot.
class HeaderReader : public std::enable_shared_from_this<HeaderReader> {
 public:
  HeaderReader(ServerShared& shared, tcp::socket socket, std::string address)
      : shared_(shared), socket_(std::move(socket)), timer_(socket_.get_executor()), address_(std::move(address)),
        connected_at_(Clock::now()) {}

  void start() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->timer_.expires_after(kHeaderWait);
      self->timer_.async_wait([self](const boost::system::error_code& error) {
        if (!error && !self->done_) self->scan(true);
      });
      self->read();
    });
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](boost::system::error_code error,
                                                                               std::size_t size) {
      if (self->done_) return;
      if (error) return self->refuse("closed before its header");
      self->received_.append(self->buffer_.data(), size);
      self->scan(false);
      if (!self->done_) self->read();
    });
  }

  void scan(bool timed_out) {
    const auto scan = telephony::scan_soft_modem_header(received_, timed_out);
    if (scan.status == HeaderStatus::incomplete) return;
    if (scan.status == HeaderStatus::invalid) return refuse(scan.problem);
    done_ = true;
    timer_.cancel();
    socket_.cancel();
    auto connection = std::make_shared<AsteriskConnection>(shared_, std::move(socket_), address_, *scan.header,
                                                           received_.substr(scan.consumed), connected_at_);
    connection->start();
  }

  void refuse(const std::string& problem) {
    if (done_) return;
    done_ = true;
    timer_.cancel();
    boost::system::error_code ignored;
    socket_.close(ignored);
    shared_.admission.release(address_);
    shared_.log.write("Asterisk: en-tete refuse de " + address_ + " (" + problem + ")", "ast-header",
                      {{"ip", address_}, {"problem", problem}});
  }

  ServerShared& shared_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string address_;
  Clock::time_point connected_at_;
  std::string received_;
  std::array<char, 1024> buffer_{};
  bool done_ = false;
};

}  // namespace

void start_asterisk_connection(ServerShared& shared, tcp::socket socket, std::string address) {
  std::make_shared<HeaderReader>(shared, std::move(socket), std::move(address))->start();
}

}  // namespace pavi::gateway::detail
