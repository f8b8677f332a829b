// The Minitel's line analysis (see v23_answer_sequence.hpp).
#include "modem/v23_answer_sequence.hpp"

namespace pavi::modem {

void AnswerSequenceDetector::connect(double t) {
  state_ = State::connected;
  connected_at_ = t;
}

void AnswerSequenceDetector::release(double t, std::string_view reason) {
  state_ = State::released;
  released_at_ = t;
  release_reason_ = reason;
}

void AnswerSequenceDetector::advance(double t) {
  // A phase change can make the next rule due at once (the tone is recognised, then the window has already
  // passed), so rules are applied until nothing changes.
  Phase before;
  do {
    before = phase_;
    apply_rules(t);
  } while (state_ == State::analysing && phase_ != before);
  if (state_ == State::analysing && t >= timings_.analysis_limit_s) release(timings_.analysis_limit_s, "no modem answered within 40 s");
}

void AnswerSequenceDetector::apply_rules(double t) {
  const double held = t - tone_since_;
  switch (phase_) {
    case Phase::searching:
      if (tone_ == LineTone::answer_tone && held >= timings_.min_answer_tone_s) {
        phase_ = Phase::answer_tone_seen;
        window_end_ = tone_since_ + timings_.min_answer_tone_s + timings_.window_s;
      } else if (tone_ == LineTone::mark && held >= timings_.carrier_alone_s) {
        connect(tone_since_ + timings_.carrier_alone_s);
        return;
      }
      break;
    case Phase::answer_tone_seen:
      if (t >= window_end_) {
        if (tone_ == LineTone::answer_tone) {
          release(window_end_, "2100 Hz lasted the whole 4.5 s window");
          return;
        }
        restart_search();
      }
      break;
    case Phase::gap_accepted:
      if (tone_ == LineTone::mark && held >= timings_.min_carrier_s) {
        connect(tone_since_ + timings_.min_carrier_s);
        return;
      }
      break;
  }
}

void AnswerSequenceDetector::observe(double t, LineTone tone) {
  advance(t);
  if (state_ != State::analysing || tone == tone_) return;
  const LineTone previous = tone_;
  const double held = t - tone_since_;
  tone_ = tone;
  tone_since_ = t;
  switch (phase_) {
    case Phase::searching:
      break;
    case Phase::answer_tone_seen:
      if (previous == LineTone::answer_tone && tone == LineTone::silence) break;  // the gap starts
      if (previous == LineTone::silence && tone == LineTone::mark && held >= timings_.min_gap_s && held <= timings_.max_gap_s) {
        phase_ = Phase::gap_accepted;
        break;
      }
      restart_search();
      break;
    case Phase::gap_accepted:
      restart_search();  // the 1300 Hz stopped before 60 ms
      break;
  }
  advance(t);
}

}  // namespace pavi::modem
