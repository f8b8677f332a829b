// The timers of one session (gateway-behaviour.md §8, §9, §12.2) as a pure state machine on explicit time:
// inactivity timeout, WebSocket ping and pong deadline, screensaver pacing and the pending simulated input.
// The host asks when to look next (next_check) and what is due then (check); nothing here sleeps or reads a
// clock, so every rule is testable on a virtual clock.
//
// The original only looks after each read wait of up to 3 s; this clock answers at the exact deadlines, which
// sits inside the original's observed windows (C-112: closed between T and T+3 s).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace pavi::gateway {

using SessionTime = std::chrono::steady_clock::time_point;
using std::chrono::seconds;

struct ClockSettings {
  seconds inactivity{600};  // the global `timeout`; setParam timeout overrides it per session
  bool screensaver = true;  // the global <screensaver> switch (C-119)
  bool websocket = false;   // WS/WSS sessions are pinged (C-114); TELN and AST are not
};

struct DueActions {
  bool inactivity_expired = false;  // send the inactivity message, then end the session (C-112)
  bool ping_lost = false;           // no pong 15 s after a ping: end the session, no message (C-115)
  bool send_ping = false;           // write a ping frame `89 00` (C-114)
  bool screensaver_frame = false;   // write one frame of the session's screensaver type (C-117)
  std::optional<std::string> simulated_input;  // BGCALL-SIMU with this data is due (§12.2)
  bool any() const {
    return inactivity_expired || ping_lost || send_ping || screensaver_frame || simulated_input.has_value();
  }
};

class SessionClock {
 public:
  SessionClock(SessionTime connected_at, ClockSettings settings);

  // "Last action" (§8.1): a function key that made a request, a service response, bridge activity, WebMedia
  // events. Typing alone is not an action (C-113).
  void on_action(SessionTime now);
  // Any bytes from the terminal: the screensaver's idle clock restarts (§9).
  void on_data_received(SessionTime now);
  void on_pong(SessionTime now);
  // setParam timeout (service-protocol.md §5.12): 1..30 minutes, 0 goes back to the global timeout.
  void set_session_timeout_minutes(int minutes);
  // A bridge is running: no inactivity check, no screensaver (§8.1, §9).
  void set_bridge_active(bool active);
  // The terminal type is known; "EmU" (and "") never get the screensaver (§9).
  void set_terminal_type(std::string versionminitel);
  // setParam screensaver type 0..3; 0 sends nothing, so no frame is ever due.
  void set_screensaver_type(int type);
  // One pending simulated input per session: a newer one replaces it (§12.2).
  void schedule_simulated_input(SessionTime when, std::string data);
  // A function key cancels a pending simulated input (§12.2).
  void cancel_simulated_input();

  // The earliest time something may be due; the host wakes up then (or earlier, on I/O) and calls check().
  SessionTime next_check() const;
  // What is due at `now`; the clock records the ping or frame as sent.
  DueActions check(SessionTime now);

  seconds inactivity_limit() const;

 private:
  bool screensaver_allowed() const;
  SessionTime inactivity_deadline() const;
  SessionTime screensaver_deadline() const;

  ClockSettings settings_;
  int session_timeout_minutes_ = 0;
  int screensaver_type_ = 2;
  std::string terminal_type_ = "???";
  bool bridge_active_ = false;
  SessionTime last_action_;
  SessionTime last_data_;
  std::optional<SessionTime> last_frame_;
  SessionTime last_ping_;
  std::optional<SessionTime> unanswered_ping_;
  std::optional<std::pair<SessionTime, std::string>> simulated_input_;
};

}  // namespace pavi::gateway
