// How a Minitel decides that a modem has answered (STUM 1B, v23-modem.md §4.1), as a pure state machine with
// explicit time: after >= 300 ms of 2100 Hz it looks, within 4.5 s, for 75 ms ± 20 ms of silence followed by
// >= 60 ms of 1300 Hz. Without any 2100 Hz, 1.7 s of continuous 1300 Hz also connects. 2100 Hz lasting the whole
// window, or 40 s without a connection, releases the line. Any other pattern restarts the search.
#pragma once

#include <optional>
#include <string_view>

namespace pavi::modem {

enum class LineTone { silence, answer_tone, mark, other };

class AnswerSequenceDetector {
 public:
  struct Timings {
    double min_answer_tone_s = 0.300;
    double window_s = 4.5;
    double min_gap_s = 0.055;
    double max_gap_s = 0.095;
    double min_carrier_s = 0.060;
    double carrier_alone_s = 1.7;
    double analysis_limit_s = 40.0;
  };
  enum class State { analysing, connected, released };

  AnswerSequenceDetector() = default;
  explicit AnswerSequenceDetector(Timings timings) : timings_(timings) {}

  // The line carries `tone` from time t on (seconds). Times never go backwards.
  void observe(double t, LineTone tone);
  // Time passes without a change of tone: a long enough carrier connects, timeouts release.
  void advance(double t);

  State state() const { return state_; }
  std::optional<double> connected_at() const { return connected_at_; }
  std::optional<double> released_at() const { return released_at_; }
  std::string_view release_reason() const { return release_reason_; }

 private:
  enum class Phase { searching, answer_tone_seen, gap_accepted };

  void apply_rules(double t);
  void restart_search() { phase_ = Phase::searching; }
  void connect(double t);
  void release(double t, std::string_view reason);

  Timings timings_;
  State state_ = State::analysing;
  Phase phase_ = Phase::searching;
  LineTone tone_ = LineTone::silence;
  double tone_since_ = 0.0;
  double window_end_ = 0.0;
  std::optional<double> connected_at_;
  std::optional<double> released_at_;
  std::string_view release_reason_;
};

}  // namespace pavi::modem
