// PaviKit's own V.23 line to the gateway: the terminal's end of a PhoneLine (modems, line channel, PCE), and at
// the far end a connection to the gateway's telnet or ws listener, with bytes relayed both ways.
#include <mutex>

#include "line_link.hpp"
#include "simulators/line/phone_line.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::python {
namespace {

// Both far-end transports and the switch that stops relaying before they are destroyed: a handler of one calls
// send() on the other only while `open` holds, under the mutex (send() never blocks).
struct Relay {
  std::mutex mutex;
  bool open = true;
  std::unique_ptr<sim::Transport> gateway;
  std::unique_ptr<sim::Transport> line;

  void send(std::unique_ptr<sim::Transport> Relay::*target, std::string_view bytes) {
    const std::lock_guard lock(mutex);
    if (open && (this->*target)) (this->*target)->send(std::string(bytes));
  }
  void close(std::unique_ptr<sim::Transport> Relay::*target) {
    const std::lock_guard lock(mutex);
    if (open && (this->*target)) (this->*target)->close();
  }
};

class LineBridge : public LineLink {
 public:
  ~LineBridge() override {
    std::unique_ptr<sim::Transport> gateway;
    std::unique_ptr<sim::Transport> line;
    {
      const std::lock_guard lock(relay_.mutex);
      relay_.open = false;
      gateway = std::move(relay_.gateway);
      line = std::move(relay_.line);
    }
    // Destroyed outside the lock: a handler waiting for it sees `open` false and returns.
    gateway.reset();
    line.reset();
    line_.reset();
    runner_.reset();
  }

  LineReport report() const override {
    const auto s = line_->status();
    LineReport r;
    r.seconds = s.seconds;
    r.connected = s.connected;
    r.released = s.released;
    r.release_reason = s.release_reason;
    r.pce_active = s.pce_active;
    r.bytes_to_terminal = s.bytes_to_terminal;
    r.bytes_to_gateway = s.bytes_to_service;
    r.framing_errors = s.terminal_modem_rx.framing_errors;
    r.parity_errors = s.terminal_modem_rx.parity_errors;
    return r;
  }

  bool wait_connected(std::chrono::milliseconds timeout) const override { return line_->wait_connected(timeout); }

  std::unique_ptr<sim::IoRunner> runner_;
  std::unique_ptr<sim::PhoneLine> line_;
  Relay relay_;
};

}  // namespace

std::unique_ptr<LineLink> dial_line(std::string_view url, const DialOptions& options,
                                    std::unique_ptr<sim::Transport>& terminal_end, std::string& error) {
  std::string channel_error;
  sim::PhoneLineOptions line_options;
  line_options.line = sim::PhoneLineConfig::with_channel(options.channel, &channel_error);
  if (!channel_error.empty()) {
    error = "line channel '" + options.channel + "': " + channel_error;
    return nullptr;
  }
  line_options.line.pce_at_connect = options.pce;
  line_options.speed = options.speed;
  line_options.description = "v23 line (" + (options.channel.empty() ? std::string("clean") : options.channel) +
                             ") to " + std::string(url);

  auto bridge = std::make_unique<LineBridge>();
  bridge->runner_ = std::make_unique<sim::IoRunner>();
  sim::ConnectOptions connect;
  connect.timeout = options.timeout;
  auto opened = sim::open_transport(*bridge->runner_, url, connect);
  if (!opened) {
    error = opened.error;
    return nullptr;
  }
  bridge->line_ = std::make_unique<sim::PhoneLine>(line_options);
  terminal_end = bridge->line_->terminal_end();
  Relay* r = &bridge->relay_;
  r->gateway = std::move(opened.transport);
  r->line = bridge->line_->service_end();
  // The relay outlives both transports' handlers: the destructor stops them first.
  r->gateway->start({[r](std::string_view bytes) { r->send(&Relay::line, bytes); },
                     [r](const sim::CloseInfo&) { r->close(&Relay::line); }});
  r->line->start({[r](std::string_view bytes) { r->send(&Relay::gateway, bytes); },
                  [r](const sim::CloseInfo&) { r->close(&Relay::gateway); }});
  return bridge;
}

}  // namespace pavi::python
