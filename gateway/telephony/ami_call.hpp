// The AMI side of one outgoing modem call as a pure state machine (ami.md §3 steps 2-7, §7.2): connect, Login,
// the synchronous Originate, then the Newchannel that names the channel for the final Hangup. Events in
// (connected, bytes, closed, timer), steps out (bytes to send, close, progress); every wait has a deadline, and
// EOF is an outcome, so a failed or vanished AMI never holds a session (the original can loop forever).
//
// AmiHangup is the second, short session of step 12: Login, Hangup <channel>, Logoff.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/config/gateway_config.hpp"
#include "gateway/telephony/ami_actions.hpp"
#include "gateway/telephony/ami_message.hpp"

namespace pavi::gateway::telephony {

using AmiClock = std::chrono::steady_clock;
using AmiTime = AmiClock::time_point;

struct AmiTimeouts {
  std::chrono::milliseconds login{10000};             // TCP connect + greeting + Login response
  std::chrono::milliseconds originate_margin{5000};   // on top of the ring time (Timeout) for the response
  std::chrono::milliseconds newchannel{5000};         // after the response, for the channel's name (§3.7)
};

enum class AmiFailure {
  connect_failed,    // refused, unreachable
  login_refused,     // Response: Error to the Login
  originate_failed,  // Response: Error to the Originate: busy, no answer, bad number... (§4.1)
  connection_lost,   // EOF or error before the Originate's response
  timed_out,         // a deadline passed
  protocol_error,    // the peer sent an endless message
};

std::string_view failure_text(AmiFailure failure);

struct AmiStep {
  std::string send;                     // to write now (before closing, if close)
  bool close = false;                   // the AMI connection is no longer needed
  bool answered = false;                // the Originate succeeded: the remote answered (once)
  std::optional<std::string> channel;   // the call's channel name, from Newchannel (once)
  std::optional<AmiFailure> failed;     // the call failed (once); close is set too
};

class AmiCall {
 public:
  enum class Phase { connecting, greeting, logging_in, originating, naming, done };

  AmiCall(AsteriskConfig config, CallRequest request, AmiTime now, AmiTimeouts timeouts = {});

  AmiStep on_connected(AmiTime now);
  AmiStep on_connect_failed(AmiTime now);
  AmiStep on_data(std::string_view bytes, AmiTime now);
  AmiStep on_closed(AmiTime now);
  AmiStep on_timer(AmiTime now);
  // When on_timer is due (AmiTime::max() once done).
  AmiTime deadline() const { return deadline_; }
  Phase phase() const { return phase_; }
  const std::string& channel() const { return channel_; }

 private:
  AmiStep fail(AmiFailure failure);
  AmiStep handle(const AmiMessage& message, AmiTime now);
  bool mine(const AmiMessage& response, const std::string& action_id) const;

  AsteriskConfig config_;
  CallRequest request_;
  AmiTimeouts timeouts_;
  std::string prefix_;  // channel names of this call start with "<prefix>-"
  AmiReader reader_;
  Phase phase_ = Phase::connecting;
  AmiTime deadline_;
  std::string channel_;
};

class AmiHangup {
 public:
  AmiHangup(AsteriskConfig config, std::string channel, std::string action_prefix, AmiTime now,
            std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

  AmiStep on_connected(AmiTime now);
  AmiStep on_connect_failed(AmiTime now);
  AmiStep on_data(std::string_view bytes, AmiTime now);
  AmiStep on_closed(AmiTime now);
  AmiStep on_timer(AmiTime now);
  AmiTime deadline() const { return done_ ? AmiTime::max() : deadline_; }
  bool done() const { return done_; }
  // Response: Success to the Hangup (logged as OK/NOK, no other effect: ami.md §3.12).
  bool hung_up() const { return hung_up_; }

 private:
  AmiStep finish();

  AsteriskConfig config_;
  std::string channel_;
  std::string action_prefix_;
  AmiReader reader_;
  AmiTime deadline_;
  bool logged_in_ = false;
  bool done_ = false;
  bool hung_up_ = false;
};

}  // namespace pavi::gateway::telephony
