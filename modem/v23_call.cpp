// Stepping a two-ended V.23 call across its two simulated lines (see v23_call.hpp).
#include "modem/v23_call.hpp"

#include <algorithm>

namespace pavi::modem {
namespace {

line::ChannelContext context_of(const EndpointConfig& sender) {
  return {sender.tx_level_dbm0, plan(transmit_channel(sender.role)).bit_rate};
}

}  // namespace

V23Call::V23Call(const CallConfig& config)
    : caller_(config.caller),
      answerer_(config.answerer),
      to_answerer_(config.caller_to_answerer, context_of(config.caller)),
      to_caller_(config.answerer_to_caller, context_of(config.answerer)),
      caller_out_(static_cast<std::size_t>(std::max(1, config.block_samples)), 0),
      answerer_out_(caller_out_.size(), 0),
      caller_in_(caller_out_.size(), 0),
      answerer_in_(caller_out_.size(), 0) {}

void V23Call::step() {
  // What was sent in the previous block crosses the line now.
  caller_in_ = answerer_out_;
  answerer_in_ = caller_out_;
  to_caller_.process(caller_in_);
  to_answerer_.process(answerer_in_);
  if (recording_) {
    heard_by_caller_.insert(heard_by_caller_.end(), caller_in_.begin(), caller_in_.end());
    heard_by_answerer_.insert(heard_by_answerer_.end(), answerer_in_.begin(), answerer_in_.end());
  }
  caller_.process(caller_in_, caller_out_);
  answerer_.process(answerer_in_, answerer_out_);
}

void V23Call::run_for(double seconds) {
  const double end = this->seconds() + seconds;
  while (this->seconds() < end) step();
}

}  // namespace pavi::modem
