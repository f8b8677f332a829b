// Responses are matched by ActionID; events met while a response is awaited (FullyBooted, other calls) are
// skipped instead of being read as the response, which is how the original fails (ami.md §4.2).
#include "gateway/telephony/ami_call.hpp"

namespace pavi::gateway::telephony {

std::string_view failure_text(AmiFailure failure) {
  switch (failure) {
    case AmiFailure::connect_failed: return "AMI unreachable";
    case AmiFailure::login_refused: return "AMI login refused";
    case AmiFailure::originate_failed: return "Originate failed";
    case AmiFailure::connection_lost: return "AMI connection lost";
    case AmiFailure::timed_out: return "AMI timeout";
    case AmiFailure::protocol_error: return "AMI protocol error";
  }
  return "";
}

AmiCall::AmiCall(AsteriskConfig config, CallRequest request, AmiTime now, AmiTimeouts timeouts)
    : config_(std::move(config)),
      request_(std::move(request)),
      timeouts_(timeouts),
      prefix_(channel_prefix(dial_string(config_.sipchannel, request_.number))),
      deadline_(now + timeouts_.login) {}

AmiStep AmiCall::fail(AmiFailure failure) {
  phase_ = Phase::done;
  deadline_ = AmiTime::max();
  AmiStep step;
  step.close = true;
  step.failed = failure;
  return step;
}

AmiStep AmiCall::on_connected(AmiTime) {
  if (phase_ != Phase::connecting) return {};
  phase_ = Phase::greeting;
  return {};
}

AmiStep AmiCall::on_connect_failed(AmiTime) {
  if (phase_ != Phase::connecting) return {};
  return fail(AmiFailure::connect_failed);
}

AmiStep AmiCall::on_closed(AmiTime) {
  if (phase_ == Phase::done) return {};
  if (phase_ == Phase::naming) {  // answered already: only the name for the final Hangup is lost
    phase_ = Phase::done;
    deadline_ = AmiTime::max();
    AmiStep step;
    step.close = true;
    return step;
  }
  return fail(phase_ == Phase::connecting ? AmiFailure::connect_failed : AmiFailure::connection_lost);
}

AmiStep AmiCall::on_timer(AmiTime now) {
  if (phase_ == Phase::done || now < deadline_) return {};
  if (phase_ == Phase::naming) {  // no Newchannel of ours: the call goes on, hung up by its modem leg
    phase_ = Phase::done;
    deadline_ = AmiTime::max();
    AmiStep step;
    step.send = logoff_action(request_.action_id + "-logoff").serialize();
    step.close = true;
    return step;
  }
  return fail(AmiFailure::timed_out);
}

bool AmiCall::mine(const AmiMessage& response, const std::string& action_id) const {
  const auto id = response.get("ActionID");
  return !id || *id == action_id;  // an AMI that does not echo ActionID still answers in order
}

AmiStep AmiCall::on_data(std::string_view bytes, AmiTime now) {
  if (phase_ == Phase::done || phase_ == Phase::connecting) return {};
  reader_.feed(bytes);
  if (reader_.overflowed()) return fail(AmiFailure::protocol_error);
  AmiStep out;
  if (phase_ == Phase::greeting && reader_.greeting()) {
    phase_ = Phase::logging_in;
    out.send = login_action(config_, request_.action_id + "-login").serialize();
  }
  while (auto message = reader_.next()) {
    AmiStep step = handle(*message, now);
    out.send += step.send;
    out.close = out.close || step.close;
    out.answered = out.answered || step.answered;
    if (step.channel) out.channel = step.channel;
    if (step.failed) out.failed = step.failed;
    if (phase_ == Phase::done) break;
  }
  return out;
}

AmiStep AmiCall::handle(const AmiMessage& message, AmiTime now) {
  const bool response = message.get("Response").has_value();
  if (phase_ == Phase::logging_in) {
    if (!response || !mine(message, request_.action_id + "-login")) return {};
    if (!message.has("Response", "Success")) return fail(AmiFailure::login_refused);
    phase_ = Phase::originating;
    deadline_ = now + call_timeout(config_) + timeouts_.originate_margin;
    AmiStep step;
    step.send = originate_action(config_, request_).serialize();
    return step;
  }
  if (phase_ == Phase::originating) {
    if (!response || !mine(message, request_.action_id)) return {};
    if (!message.has("Response", "Success")) return fail(AmiFailure::originate_failed);
    phase_ = Phase::naming;
    deadline_ = now + timeouts_.newchannel;
    AmiStep step;
    step.answered = true;
    return step;
  }
  if (phase_ == Phase::naming && message.has("Event", "Newchannel")) {
    const std::string channel = message.get("Channel").value_or("");
    // Events of other calls are interleaved (§4.2): ours carries the dial string's technology/peer.
    if (channel.rfind(prefix_ + "-", 0) != 0) return {};
    channel_ = channel;
    phase_ = Phase::done;
    deadline_ = AmiTime::max();
    AmiStep step;
    step.channel = channel;
    step.send = logoff_action(request_.action_id + "-logoff").serialize();
    step.close = true;
    return step;
  }
  return {};
}

AmiHangup::AmiHangup(AsteriskConfig config, std::string channel, std::string action_prefix, AmiTime now,
                     std::chrono::milliseconds timeout)
    : config_(std::move(config)),
      channel_(std::move(channel)),
      action_prefix_(std::move(action_prefix)),
      deadline_(now + timeout) {}

AmiStep AmiHangup::finish() {
  done_ = true;
  AmiStep step;
  step.close = true;
  return step;
}

AmiStep AmiHangup::on_connected(AmiTime) { return {}; }
AmiStep AmiHangup::on_connect_failed(AmiTime) { return done_ ? AmiStep{} : finish(); }
AmiStep AmiHangup::on_closed(AmiTime) { return done_ ? AmiStep{} : finish(); }
AmiStep AmiHangup::on_timer(AmiTime now) { return done_ || now < deadline_ ? AmiStep{} : finish(); }

AmiStep AmiHangup::on_data(std::string_view bytes, AmiTime) {
  if (done_) return {};
  const bool had_greeting = reader_.greeting().has_value();
  reader_.feed(bytes);
  if (reader_.overflowed()) return finish();
  AmiStep out;
  if (!had_greeting && reader_.greeting()) out.send = login_action(config_, action_prefix_ + "-login").serialize();
  while (auto message = reader_.next()) {
    if (!message->get("Response")) continue;
    const auto id = message->get("ActionID");
    if (!logged_in_ && (!id || *id == action_prefix_ + "-login")) {
      if (!message->has("Response", "Success")) return finish();
      logged_in_ = true;
      out.send += hangup_action(channel_, action_prefix_ + "-hangup").serialize();
    } else if (logged_in_ && (!id || *id == action_prefix_ + "-hangup")) {
      hung_up_ = message->has("Response", "Success");
      out.send += logoff_action(action_prefix_ + "-logoff").serialize();
      AmiStep done = finish();
      done.send = std::move(out.send);
      return done;
    }
  }
  return out;
}

}  // namespace pavi::gateway::telephony
