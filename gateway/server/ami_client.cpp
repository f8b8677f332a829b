// The AMI state machines on a real socket. The machine decides everything (what to send, when to give up); this
// file only moves bytes and arms its deadline.
#include "gateway/server/detail/ami_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>

namespace pavi::gateway::detail {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using telephony::AmiClock;
using telephony::AmiStep;

template <class Machine>
class AmiSession final : public AmiClient, public std::enable_shared_from_this<AmiSession<Machine>> {
 public:
  AmiSession(asio::any_io_executor strand, Machine machine, StepHandler on_step)
      : resolver_(strand), socket_(strand), timer_(strand), machine_(std::move(machine)), on_step_(std::move(on_step)) {}

  void open(const std::string& host, const std::string& port) {
    arm();
    resolver_.async_resolve(host, port, [self = this->shared_from_this()](boost::system::error_code error,
                                                                          tcp::resolver::results_type found) {
      if (self->stopped_) return;
      if (error) return self->apply(self->machine_.on_connect_failed(AmiClock::now()));
      asio::async_connect(self->socket_, found, [self](boost::system::error_code connect_error, const tcp::endpoint&) {
        if (self->stopped_) return;
        if (connect_error) return self->apply(self->machine_.on_connect_failed(AmiClock::now()));
        self->apply(self->machine_.on_connected(AmiClock::now()));
        self->read();
      });
    });
  }

  void stop() override {
    stopped_ = true;
    boost::system::error_code ignored;
    resolver_.cancel();
    timer_.cancel();
    socket_.close(ignored);
  }

  const Machine& machine() const { return machine_; }
  void set_handler(StepHandler on_step) override { on_step_ = std::move(on_step); }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = this->shared_from_this()](boost::system::error_code error,
                                                                                     std::size_t size) {
      if (self->stopped_) return;
      if (error) return self->apply(self->machine_.on_closed(AmiClock::now()));
      self->apply(self->machine_.on_data(std::string_view(self->buffer_.data(), size), AmiClock::now()));
      if (!self->stopped_ && !self->closing_) self->read();
    });
  }

  void arm() {
    const auto deadline = machine_.deadline();
    if (deadline == telephony::AmiTime::max()) {
      timer_.cancel();
      return;
    }
    timer_.expires_at(deadline);
    timer_.async_wait([self = this->shared_from_this()](boost::system::error_code error) {
      if (error || self->stopped_) return;
      self->apply(self->machine_.on_timer(AmiClock::now()));
    });
  }

  void apply(AmiStep step) {
    if (!step.send.empty()) write(std::move(step.send));
    if (step.close) {
      closing_ = true;
      if (queue_.empty()) stop_after_writes();
    } else {
      arm();
    }
    if (on_step_) {
      const StepHandler handler = on_step_;  // a copy: the handler may replace itself
      handler(step);
    }
    if (step.close) on_step_ = nullptr;  // nothing more to report
  }

  void write(std::string bytes) {
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_front();
  }

  void write_front() {
    asio::async_write(socket_, asio::buffer(queue_.front()), [self = this->shared_from_this()](
                                                                 boost::system::error_code error, std::size_t) {
      if (self->stopped_) return;
      self->queue_.pop_front();
      if (error) {
        self->queue_.clear();
        if (self->closing_) return self->stop_after_writes();
        return self->apply(self->machine_.on_closed(AmiClock::now()));
      }
      if (!self->queue_.empty()) return self->write_front();
      if (self->closing_) self->stop_after_writes();
    });
  }

  void stop_after_writes() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    stop();
  }

  tcp::resolver resolver_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  Machine machine_;
  StepHandler on_step_;
  std::array<char, 2048> buffer_{};
  std::deque<std::string> queue_;
  bool closing_ = false;
  bool stopped_ = false;
};

}  // namespace

std::shared_ptr<AmiClient> start_ami_call(asio::any_io_executor strand, const std::string& host,
                                          const std::string& port, telephony::AmiCall call,
                                          AmiClient::StepHandler on_step) {
  auto session = std::make_shared<AmiSession<telephony::AmiCall>>(std::move(strand), std::move(call), std::move(on_step));
  session->open(host, port);
  return session;
}

void start_ami_hangup(asio::any_io_executor strand, const std::string& host, const std::string& port,
                      telephony::AmiHangup hangup, std::function<void(bool hung_up)> on_done) {
  auto session = std::make_shared<AmiSession<telephony::AmiHangup>>(std::move(strand), std::move(hangup), nullptr);
  const std::weak_ptr<AmiSession<telephony::AmiHangup>> weak = session;
  // Runs inside the session's own handlers, so `weak` still locks; the last step reads the machine's verdict.
  session->set_handler([weak, on_done = std::move(on_done)](const telephony::AmiStep& step) {
    if (!step.close) return;
    const auto self = weak.lock();
    if (on_done) on_done(self && self->machine().hung_up());
  });
  session->open(host, port);  // its handlers keep it alive until it closes
}

}  // namespace pavi::gateway::detail
