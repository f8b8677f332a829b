// A Minitel dialling in through the fake Asterisk soft modem (simulators/asterisk): the call's far end is the
// Minitel's modem port; the soft modem opens the modem leg to the gateway's astport. Built only with telephony.
#include <memory>

#include "line_link.hpp"
#include "simulators/asterisk/soft_modem.hpp"

namespace pavi::python {
namespace {

class AsteriskLink : public LineLink {
 public:
  ~AsteriskLink() override {
    if (call_) call_->hang_up();
    call_.reset();
    modem_.reset();
  }

  LineReport report() const override {
    const auto s = call_->status();
    LineReport r;
    r.seconds = s.line.seconds;
    r.connected = s.line.connected;
    r.released = s.line.released || s.ended;
    r.release_reason = !s.line.release_reason.empty() ? s.line.release_reason : s.end_reason;
    r.pce_active = s.line.pce_active;
    r.bytes_to_terminal = s.line.bytes_to_far_end;
    r.bytes_to_gateway = s.line.bytes_to_gateway;
    r.framing_errors = s.line.far_end_rx.framing_errors;
    r.parity_errors = s.line.far_end_rx.parity_errors;
    return r;
  }

  bool wait_connected(std::chrono::milliseconds timeout) const override { return call_->wait_connected(timeout); }

  std::unique_ptr<sim::SoftModem> modem_;
  std::shared_ptr<sim::SoftModemCall> call_;
};

}  // namespace

std::unique_ptr<LineLink> dial_asterisk(std::uint16_t astport, const DialOptions& options,
                                        std::unique_ptr<sim::Transport>& terminal_end, std::string& error) {
  if (!options.channel.empty()) {
    sim::ModemLineConfig probe = sim::ModemLineConfig::for_inbound();
    std::string channel_error;
    if (!probe.set_channel(options.channel, &channel_error)) {
      error = "line channel '" + options.channel + "': " + channel_error;
      return nullptr;
    }
  }
  sim::SoftModemOptions modem_options;
  modem_options.astport = astport;
  modem_options.channel = options.channel;
  auto link = std::make_unique<AsteriskLink>();
  link->modem_ = std::make_unique<sim::SoftModem>(modem_options);
  sim::DialInOptions dial;
  dial.pce = options.pce;
  dial.caller = options.caller;
  link->call_ = link->modem_->dial_in(dial);
  terminal_end = link->call_->far_end();
  if (!terminal_end) {
    error = "the soft modem gave no line";
    return nullptr;
  }
  return link;
}

}  // namespace pavi::python
