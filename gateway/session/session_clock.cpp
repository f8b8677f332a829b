// Deadlines of gateway-behaviour.md §8-§9 and §12.2.
#include "gateway/session/session_clock.hpp"

#include <algorithm>

namespace pavi::gateway {

namespace {
constexpr seconds kScreensaverIdle{120};   // since the last received data (§9)
constexpr seconds kScreensaverPeriod{6};   // the original's "more than 5 s" checked every 3 s: one every ~6 s
constexpr seconds kPingInterval{20};       // §8.2
constexpr seconds kFirstPing{3};           // the first ping goes out after the first idle 3 s wait
constexpr seconds kPongDeadline{15};
constexpr SessionTime kNever = SessionTime::max();
}  // namespace

SessionClock::SessionClock(SessionTime connected_at, ClockSettings settings)
    : settings_(settings),
      last_action_(connected_at),
      last_data_(connected_at),
      last_ping_(connected_at - kPingInterval + kFirstPing) {}

void SessionClock::on_action(SessionTime now) { last_action_ = std::max(last_action_, now); }

void SessionClock::on_data_received(SessionTime now) {
  last_data_ = std::max(last_data_, now);
  last_frame_.reset();
}

void SessionClock::on_pong(SessionTime) { unanswered_ping_.reset(); }

void SessionClock::set_session_timeout_minutes(int minutes) {
  session_timeout_minutes_ = (minutes >= 0 && minutes <= 30) ? minutes : 0;
}

void SessionClock::set_bridge_active(bool active) { bridge_active_ = active; }

void SessionClock::set_terminal_type(std::string versionminitel) { terminal_type_ = std::move(versionminitel); }

void SessionClock::set_screensaver_type(int type) { screensaver_type_ = (type >= 0 && type <= 3) ? type : 2; }

void SessionClock::schedule_simulated_input(SessionTime when, std::string data) {
  simulated_input_.emplace(when, std::move(data));
}

void SessionClock::cancel_simulated_input() { simulated_input_.reset(); }

seconds SessionClock::inactivity_limit() const {
  if (session_timeout_minutes_ > 0) return seconds(session_timeout_minutes_ * 60);
  return settings_.inactivity.count() > 0 ? settings_.inactivity : seconds(600);  // C-148
}

bool SessionClock::screensaver_allowed() const {
  return settings_.screensaver && screensaver_type_ != 0 && !bridge_active_ && !terminal_type_.empty() &&
         terminal_type_ != "EmU";
}

SessionTime SessionClock::inactivity_deadline() const {
  return bridge_active_ ? kNever : last_action_ + inactivity_limit();
}

SessionTime SessionClock::screensaver_deadline() const {
  if (!screensaver_allowed()) return kNever;
  const SessionTime idle = last_data_ + kScreensaverIdle;
  return last_frame_ ? std::max(idle, *last_frame_ + kScreensaverPeriod) : idle;
}

SessionTime SessionClock::next_check() const {
  SessionTime next = std::min(inactivity_deadline(), screensaver_deadline());
  if (settings_.websocket) {
    next = std::min(next, unanswered_ping_ ? *unanswered_ping_ + kPongDeadline : last_ping_ + kPingInterval);
  }
  if (simulated_input_) next = std::min(next, simulated_input_->first);
  return next;
}

DueActions SessionClock::check(SessionTime now) {
  DueActions due;
  if (now >= inactivity_deadline()) {
    due.inactivity_expired = true;
    return due;
  }
  if (settings_.websocket) {
    if (unanswered_ping_ && now >= *unanswered_ping_ + kPongDeadline) {
      due.ping_lost = true;
      return due;
    }
    if (!unanswered_ping_ && now >= last_ping_ + kPingInterval) {
      due.send_ping = true;
      last_ping_ = now;
      unanswered_ping_ = now;
    }
  }
  if (simulated_input_ && now >= simulated_input_->first) {
    due.simulated_input = std::move(simulated_input_->second);
    simulated_input_.reset();
    last_data_ = now;  // a simulated input stops the screensaver like a key (§12.2)
    last_frame_.reset();
  } else if (now >= screensaver_deadline()) {
    due.screensaver_frame = true;
    last_frame_ = now;
  }
  return due;
}

}  // namespace pavi::gateway
