// connectToExt (gateway-behaviour.md §10.4, ami.md §3): the AMI call (ami_client), the wait for the modem leg that
// Asterisk opens on astport with our PID (30 s after the answer), then the modem relay (telephony::PhoneRelay)
// until an end key, a limit, maxtime or either side closing; finally the channel is hung up through a second AMI
// session. Every phase has a deadline, so the user's session always gets DIRECTCALLFAILED or DIRECTCALLENDED.
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>
#include <unistd.h>

#include "gateway/server/detail/ami_client.hpp"
#include "gateway/server/detail/phone_calls.hpp"
#include "gateway/server/detail/server_shared.hpp"
#include "gateway/telephony/ami_actions.hpp"
#include "gateway/telephony/phone_relay.hpp"

namespace pavi::gateway::detail {

namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kLegWait{30};  // ami.md §3.11

std::string random_digits(int count) {
  static thread_local std::mt19937 random{std::random_device{}()};
  std::string digits;
  for (int i = 0; i < count; ++i) digits.push_back(static_cast<char>('0' + random() % 10));
  return digits;
}

// The final Hangup, through an AMI session of its own (ami.md §3, step 12); the result only goes to the log.
void hang_up_channel(ServerShared& shared, const asio::any_io_executor& strand, const AsteriskConfig& config,
                     const std::string& channel) {
  start_ami_hangup(strand, config.ip, config.port,
                   telephony::AmiHangup(config, channel, "hangup-" + random_digits(8), Clock::now()),
                   [shared = &shared, channel](bool hung_up) {
                     shared->log.write(std::string("Hangup ") + channel + (hung_up ? " OK" : " NOK"), "ext-hangup",
                                       {{"channel", channel}, {"result", hung_up ? "OK" : "NOK"}});
                   });
}

class PhoneCall final : public PhoneBridge, public std::enable_shared_from_this<PhoneCall> {
 public:
  PhoneCall(ServerShared& shared, asio::any_io_executor strand, PhoneCallSetup setup, PhoneBridgeEvents events)
      : shared_(shared), strand_(std::move(strand)), timer_(strand_), setup_(std::move(setup)), events_(std::move(events)) {}

  void open() {
    const std::string number = setup_.command.number;
    if (!shared_.config.asterisk || !telephony::dialable_number(number)) {
      log("Appel sortant refuse, numero invalide", "ext-call-refused");
      asio::post(strand_, [self = shared_from_this()] { self->finish(service::Fctn::directcallfailed); });
      return;
    }
    config_ = *shared_.config.asterisk;
    telephony::CallRequest request;
    request.number = number;
    request.rx = telephony::checked_level(setup_.command.rx, telephony::kDefaultRx);
    request.tx = telephony::checked_level(setup_.command.tx, telephony::kDefaultTx);
    do {
      request.pid = telephony::rendezvous_id(static_cast<long>(::getpid()), std::time(nullptr),
                                             std::stoi(random_digits(4)));
    } while (shared_.phone_calls.waiting(request.pid));
    request.action_id = std::to_string(std::time(nullptr)) + random_digits(5);
    pid_ = request.pid;
    const std::weak_ptr<PhoneCall> weak = weak_from_this();
    shared_.phone_calls.open(pid_, [weak, strand = strand_](std::shared_ptr<ModemLeg> leg) {
      asio::post(strand, [weak, leg] {
        if (auto self = weak.lock()) return self->leg_arrived(leg);
        leg->close();  // the session is gone: the call ends on the Asterisk side
      });
      ModemLegEvents events;
      events.data = [weak, strand](std::string bytes) {
        asio::post(strand, [weak, bytes = std::move(bytes)] {
          if (auto self = weak.lock()) self->leg_data(bytes);
        });
      };
      events.closed = [weak, strand] {
        asio::post(strand, [weak] {
          if (auto self = weak.lock()) self->leg_closed();
        });
      };
      return events;
    });
    if (events_.infos) events_.infos("EXTCALL " + number);
    log("Appel sortant vers " + number + " PID=" + pid_, "ext-call");
    ami_ = start_ami_call(strand_, config_.ip, config_.port, telephony::AmiCall(config_, request, Clock::now()),
                          [weak](const telephony::AmiStep& step) {
                            if (auto self = weak.lock()) self->ami_step(step);
                          });
  }

  void send(std::string) override {}  // the session host never relays this bridge itself

  void from_terminal(std::string_view bytes) override {
    if (done_ || !relay_) return;  // nothing is read from the user while the call is set up (as the original)
    apply(relay_->from_terminal(bytes, Clock::now()));
  }

  // The user's session ends (hang-up, shutdown): the call ends too, nothing is reported.
  void close() override { wind_down(); }

 private:
  void log(const std::string& message, const std::string& event) {
    shared_.log.write(message, event, {{"pid", pid_}, {"number", setup_.command.number}});
  }

  void ami_step(const telephony::AmiStep& step) {
    if (done_) return;
    if (step.channel) channel_ = *step.channel;
    answered_ = answered_ || step.answered;
    if (step.answered && !leg_) {
      timer_.expires_after(kLegWait);
      timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
        if (error || self->done_ || self->leg_) return;
        self->log("Appel sortant: pas de connexion du modem", "ext-call-no-leg");
        self->finish(service::Fctn::directcallfailed);
      });
    }
    if (step.failed && !leg_) {
      log(std::string("Appel sortant echoue: ") + std::string(telephony::failure_text(*step.failed)), "ext-call-failed");
      finish(service::Fctn::directcallfailed);
    }
  }

  void leg_arrived(const std::shared_ptr<ModemLeg>& leg) {
    if (done_ || leg_) {
      leg->close();
      return;
    }
    leg_ = leg;
    telephony::PhoneRelaySettings settings;
    settings.maxtime = telephony::max_time(config_);
    settings.client_ip = setup_.client_ip;
    if (setup_.pce_user) settings.idle_flush = std::chrono::milliseconds(50);
    relay_.emplace(std::move(settings), Clock::now());
    arm();
  }

  void leg_data(const std::string& bytes) {
    if (done_ || !relay_) return;
    apply(relay_->from_server(bytes, Clock::now()));
  }

  void leg_closed() {
    if (done_ || !relay_) return;
    if (std::string rest = relay_->flush(); !rest.empty() && events_.to_terminal) events_.to_terminal(std::move(rest));
    leg_.reset();  // already closed
    finish(service::Fctn::directcallended);
  }

  void apply(const telephony::PhoneRelayOutput& out) {
    if (!out.to_server.empty() && leg_) leg_->send(out.to_server);
    if (!out.to_terminal.empty() && events_.to_terminal) events_.to_terminal(out.to_terminal);
    if (out.ended) {
      log("Fin d'appel sortant: " + out.end_reason, "ext-call-end");
      finish(service::Fctn::directcallended);
      return;
    }
    arm();
  }

  void arm() {
    const auto next = relay_->next_check();
    if (next == Clock::time_point::max()) return;
    timer_.expires_at(next);
    timer_.async_wait([self = shared_from_this(), next](boost::system::error_code error) {
      if (error || self->done_ || !self->relay_) return;
      self->apply(self->relay_->on_timer(std::max(next, Clock::now())));
    });
  }

  void finish(service::Fctn result) {
    if (done_) return;
    wind_down();
    if (events_.infos) events_.infos("");
    if (events_.ended) events_.ended(result);
  }

  // The call's resources go: rendezvous, AMI session, modem leg, and the channel through a new AMI session.
  // A call answered but not named yet (its Newchannel still on the way when the call already ended: the original
  // names the channel before it waits for the modem leg, we do both at once) keeps its AMI session until the name
  // comes, within the AMI machine's own deadline, so that the channel is still hung up.
  void wind_down() {
    if (done_) return;
    done_ = true;
    timer_.cancel();
    if (!pid_.empty()) shared_.phone_calls.cancel(pid_);
    if (ami_ && answered_ && channel_.empty()) {
      ami_->set_handler([shared = &shared_, strand = strand_, config = config_](const telephony::AmiStep& step) {
        if (step.channel) hang_up_channel(*shared, strand, config, *step.channel);
      });
    } else if (ami_) {
      ami_->stop();
    }
    ami_.reset();
    if (leg_) leg_->close();
    leg_.reset();
    if (!channel_.empty()) hang_up_channel(shared_, strand_, config_, channel_);
  }

  ServerShared& shared_;
  asio::any_io_executor strand_;
  asio::steady_timer timer_;
  PhoneCallSetup setup_;
  PhoneBridgeEvents events_;
  AsteriskConfig config_;
  std::string pid_;
  std::string channel_;
  std::shared_ptr<AmiClient> ami_;
  std::shared_ptr<ModemLeg> leg_;
  std::optional<telephony::PhoneRelay> relay_;
  bool answered_ = false;  // the Originate succeeded
  bool done_ = false;
};

}  // namespace

std::shared_ptr<PhoneBridge> open_phone_bridge(ServerShared& shared, asio::any_io_executor strand,
                                               PhoneCallSetup setup, PhoneBridgeEvents events) {
  auto call = std::make_shared<PhoneCall>(shared, std::move(strand), std::move(setup), std::move(events));
  call->open();
  return call;
}

}  // namespace pavi::gateway::detail
