// A whole V.23 call in simulated time: a calling end and an answering end joined by two simulated one-way lines.
// Each direction has its own impairments; what one end sends in a block is heard by the other in the next block,
// as with a VoIP leg (ptime = the block length, 20 ms by default).
#pragma once

#include <cstdint>
#include <vector>

#include "modem/line_channel.hpp"
#include "modem/line_config.hpp"
#include "modem/v23_endpoint.hpp"

namespace pavi::modem {

struct CallConfig {
  EndpointConfig caller = EndpointConfig::minitel();
  EndpointConfig answerer = EndpointConfig::minipavi_answer();
  line::ChannelConfig caller_to_answerer;  // carries the caller's channel (75 bit/s for a Minitel)
  line::ChannelConfig answerer_to_caller;
  int block_samples = 160;
};

class V23Call {
 public:
  explicit V23Call(const CallConfig& config);

  // One block of audio in each direction.
  void step();
  // Whole blocks until at least `seconds` more have passed.
  void run_for(double seconds);
  // Steps until `done()` is true or `limit_seconds` of simulated time have passed; returns done().
  template <typename Done>
  bool run_until(Done done, double limit_seconds) {
    const double end = seconds() + limit_seconds;
    while (!done()) {
      if (seconds() >= end) return false;
      step();
    }
    return true;
  }

  V23Endpoint& caller() { return caller_; }
  V23Endpoint& answerer() { return answerer_; }
  const V23Endpoint& caller() const { return caller_; }
  const V23Endpoint& answerer() const { return answerer_; }
  double seconds() const { return caller_.seconds(); }

  // The audio each end heard so far, when recording is on (for WAV dumps).
  void record(bool on) { recording_ = on; }
  const std::vector<std::int16_t>& heard_by_caller() const { return heard_by_caller_; }
  const std::vector<std::int16_t>& heard_by_answerer() const { return heard_by_answerer_; }

 private:
  V23Endpoint caller_;
  V23Endpoint answerer_;
  line::LineChannel to_answerer_;
  line::LineChannel to_caller_;
  std::vector<std::int16_t> caller_out_;
  std::vector<std::int16_t> answerer_out_;
  std::vector<std::int16_t> caller_in_;
  std::vector<std::int16_t> answerer_in_;
  bool recording_ = false;
  std::vector<std::int16_t> heard_by_caller_;
  std::vector<std::int16_t> heard_by_answerer_;
};

}  // namespace pavi::modem
