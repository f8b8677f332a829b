// One user's session as the gateway runs it, still without I/O: the service conversation (ServiceSession), its
// timers (SessionClock), the banner, the screensaver and its wake-up, row-0 push messages, simulated input,
// and the embedded welcome service for internal:// URLs. The server feeds it socket events and carries out
// what it asks through SessionIo; tests do both in memory, on a virtual clock.
#pragma once

#include <ctime>
#include <random>
#include <string>
#include <string_view>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/session/connection_banner.hpp"
#include "gateway/session/screensaver.hpp"
#include "gateway/session/service_session.hpp"
#include "gateway/session/session_clock.hpp"
#include "gateway/welcome/directory.hpp"
#include "gateway/welcome/welcome_service.hpp"

namespace pavi::gateway {

// What the session asks of its connection and of the gateway. Calls are made from inside SessionHost's
// methods: an implementation must not call back into the host from them (post instead).
class SessionIo {
 public:
  virtual ~SessionIo() = default;
  virtual void write(std::string bytes) = 0;  // one write: one WebSocket frame, or one TCP write (§6)
  virtual void ping() = 0;                    // a WebSocket ping frame `89 00` (§8.2)
  virtual void close() = 0;                   // close the connection; never a close frame (§2.5)
  // Send a request; its result comes back through SessionHost::on_service_result unless fire_and_forget.
  virtual void call_service(ServiceCall call) = 0;
  // Gateway-wide commands (PushServiceMsg, BackgroundCall) and the ones that run beside the session (bridges,
  // duplicateStream, getScreen*): the latter report back through SessionHost::on_command_done.
  virtual void run_host_command(service::Command command) = 0;
  // The host wants on_timer() at `when` (SessionTime::max(): no timer). Replaces the previous request.
  virtual void schedule(SessionTime when) = 0;
};

struct HostSetup {
  ConnectionKind kind = ConnectionKind::telnet;
  std::string remote_addr;
  std::string start_url;   // "" starts on durl
  std::string durl;        // "internal:" or "internal://..." is the embedded welcome service
  std::time_t accepted_at = 0;
  std::string pin;         // from the gateway's PinAllocator
  ClockSettings clock;
  Directory directory;     // the welcome service's directory
  WelcomeOptions welcome;
  std::uint32_t seed = 1;  // screensaver placement
};

class SessionHost {
 public:
  SessionHost(HostSetup setup, SessionIo& io);

  void start(SessionTime now);
  void on_terminal_data(std::string_view bytes, SessionTime now);
  void on_service_result(const ServiceResult& result, SessionTime now);
  void on_command_done(service::Fctn fctn, std::optional<service::Json> datas, SessionTime now);
  void on_timer(SessionTime now);
  void on_pong(SessionTime now);
  // The connection is gone (peer closed, read error): the FIN goes out, nothing more is written.
  void on_disconnected(SessionTime now);
  // The gateway stops (SIGTERM): FIN, then close.
  void shut_down(SessionTime now);

  // Row-0 message from another session's PushServiceMsg: written at once, state untouched (§12.1, C-060).
  void push_message(std::string_view message);
  // A BackgroundCall simulated input for this session (§12.2).
  void schedule_simulated_input(SessionTime when, std::string data);

  const std::string& unique_id() const { return unique_id_; }
  const std::string& url() const { return session_.url(); }
  bool closed() const { return closed_; }
  // Bytes since the last clear: what the terminal shows (capture, duplicateStream, getScreen).
  const ScreenBuffer& screen() const { return screen_; }

 private:
  void run(Step step, SessionTime now);
  void write(std::string bytes);
  void finish(Step step);
  void sync_params();
  void reschedule();

  HostSetup setup_;
  SessionIo& io_;
  std::string unique_id_;
  ServiceSession session_;
  SessionClock clock_;
  ScreenBuffer screen_;
  std::mt19937 random_;
  bool screensaver_shown_ = false;  // a type 2/3 frame covers the page
  bool closed_ = false;
};

}  // namespace pavi::gateway
