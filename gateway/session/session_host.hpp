// One user's session as the gateway runs it, still without I/O: the service conversation (ServiceSession), its
// timers (SessionClock), the banner, the screensaver and its wake-up, row-0 push messages, simulated input,
// and the embedded welcome service for internal:// URLs. The server feeds it socket events and carries out
// what it asks through SessionIo; tests do both in memory, on a virtual clock.
#pragma once

#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/session/bridge_relay.hpp"
#include "gateway/session/connection_banner.hpp"
#include "gateway/session/screensaver.hpp"
#include "gateway/session/service_session.hpp"
#include "gateway/session/session_clock.hpp"
#include "gateway/session/webmedia.hpp"
#include "gateway/welcome/directory.hpp"
#include "gateway/welcome/welcome_service.hpp"

namespace pavi::gateway {

// A third-party Minitel server to bridge the user to (connectToWs, connectToTln), or another live session to
// watch (duplicateStream: `watched` is its uniqueId, the other fields are empty).
struct BridgeTarget {
  std::string watched;
  bool websocket = false;
  bool tls = false;          // "ssl://host:port" (WS only), certificates checked
  std::string host;          // name or address, without the port
  std::string port;
  std::string path = "/";    // WS request path
  std::string proto;         // WS Sec-WebSocket-Protocol when not empty
  std::string origin;        // WS Origin: the gateway's configured host
  std::string startseq;      // telnet: sent right after connecting
  bool operator==(const BridgeTarget&) const = default;
};

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
  // Bridges (gateway-behaviour.md §10): connect (5 s; telnet: then send target.startseq), and report through
  // SessionHost::on_bridge_opened, on_bridge_data and on_bridge_closed; send bytes to the server; close it.
  virtual void open_bridge(BridgeTarget target) = 0;
  virtual void bridge_send(std::string bytes) = 0;
  virtual void close_bridge() = 0;
  // The capture key (§13): keep `screen` (the bytes since the last clear) as this session's next capture.
  // False when it could not be written.
  virtual bool save_capture(std::string screen) = 0;
  // For the operators' table (visuweb-stats-recordings.md §2.3), nothing by default: a "last action" just
  // happened (§8.1); the service URL in use after a step; what the session is linked to besides its service
  // ("WSTO <host> <path>", "TELNETO <host>", "DUPL <uniqueId>", "" when the link ends).
  virtual void report_action() {}
  virtual void report_url(const std::string& /*url*/) {}
  virtual void report_infos(const std::string& /*infos*/) {}
};

// The capture key of <capture> (config.md §6); off unless the gateway has captures on and an rpath.
struct CaptureSettings {
  char key = 0;            // upper case; 0: off
  std::string message;     // shown on row 0 after a capture (G2-encoded by the host)
  std::string messagemax;  // shown instead once `max` captures are kept
  int max = 0;
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
  std::vector<std::string> bridge_keys;  // <connecttocmd><key>
  std::string gateway_host;              // config `host`: the Origin of WS bridges
  // <connecttocmd><visukey>, the duplicateStream key; nullopt without a <connecttocmd> section (every key is
  // refused), "" with a section but no visukey (the original then accepts an empty key).
  std::optional<std::string> visukey;
  bool asterisk_configured = false;      // an <asterisk> section: connectToExt is not refused outright
  CaptureSettings capture;
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
  // The bridge asked for by open_bridge: connected or not, data from the server, closed by the server.
  void on_bridge_opened(bool connected, SessionTime now);
  void on_bridge_data(std::string_view bytes, SessionTime now);
  void on_bridge_closed(SessionTime now);
  // The connection is gone (peer closed, read error): the FIN goes out, nothing more is written.
  void on_disconnected(SessionTime now);
  // The gateway stops (SIGTERM): FIN, then close.
  void shut_down(SessionTime now);

  // Row-0 message from another session's PushServiceMsg: written at once, state untouched (§12.1, C-060).
  void push_message(std::string_view message);
  // A BackgroundCall simulated input for this session (§12.2).
  void schedule_simulated_input(SessionTime when, std::string data);
  // The WebMedia page polled with this session's PIN (visuweb-stats-recordings.md §2.2): the pending media
  // request is taken, requests carry webmedia:1 for 5 s (C-025), and a non-empty `last_event` takes the
  // simulated-input slot to send BGCALL-WM-<last_event> to the current service (C-134).
  WebMediaPoll on_webmedia_poll(std::string_view last_event, SessionTime now);

  const std::string& unique_id() const { return unique_id_; }
  const std::string& url() const { return session_.url(); }
  bool closed() const { return closed_; }
  // Bytes since the last clear: what the terminal shows (capture, duplicateStream, getScreen).
  const ScreenBuffer& screen() const { return screen_; }

 private:
  void run(Step step, SessionTime now);
  // A bridge command (connectToWs/Tln, duplicateStream): nullopt when it started, else the step that follows
  // its refusal (DIRECTCALLENDED).
  std::optional<Step> start_bridge(const service::Command& command);
  std::optional<Step> start_watching(const service::DuplicateStream& command);
  void relay(const BridgeOutput& out, SessionTime now);
  Step webmedia_event_step(const std::string& event);
  void end_bridge(service::Fctn result, SessionTime now);
  void drop_bridge();  // the session ends during a bridge
  void write(std::string bytes);
  void capture_keys(std::string_view secondary_keys);
  void finish(Step step);
  void sync_params();
  void reschedule();
  void note_action(SessionTime now);  // the clock's last action, also reported to the operators' table

  HostSetup setup_;
  SessionIo& io_;
  std::string unique_id_;
  ServiceSession session_;
  SessionClock clock_;
  ScreenBuffer screen_;
  ScreensaverRandom random_;
  bool screensaver_shown_ = false;  // a type 2/3 frame covers the page
  std::string last_call_url_;       // the URL whose reply is being applied (the bridge key exemption)
  std::optional<BridgeSettings> bridge_opening_;  // connecting
  std::optional<BridgeRelay> bridge_;             // relaying
  int captures_ = 0;
  bool closed_ = false;
  WebMediaState webmedia_;
  std::optional<std::string> webmedia_event_;  // the simulated-input slot holds BGCALL-WM-<event>, not BGCALL-SIMU
};

}  // namespace pavi::gateway
