// The driving side of the conformance suite: a simulated Minitel connected to the gateway under test, the fake
// service the gateway calls, and a raw TCP client for what the Minitel's WebSocket layer hides (handshake bytes,
// ping and close frames). A check sets how the service answers, drives the terminal, and collects an Observation.
//
// Every start URL a check builds with url() carries a run tag ("/t12/..."), so that a late request of an earlier
// check (a FIN after a disconnect) is recognised and kept out of the next check's observation.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/conformance/observation.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "simulators/terminal/terminal.hpp"

namespace pavi::conformance {

struct HarnessSettings {
  std::string gateway_ws;      // "ws://127.0.0.1:8182" ("" when not tested)
  std::string gateway_telnet;  // "telnet://127.0.0.1:8183" ("" when not tested)
  std::string service_base;    // the fake service as the gateway reaches it: "http://127.0.0.1:PORT"
  std::string durl;            // the gateway's default service, when it is the fake service
  bool durl_is_fake = false;   // a session without start URL lands on the fake service
  bool local = true;           // the gateway runs on this machine (bridges to 127.0.0.1 servers of the suite)
  bool slow = false;           // run the checks that take longer than 20 s
  std::string visukey;         // the gateway's visukey, when known ("": the duplicateStream checks are skipped)
  std::chrono::milliseconds timeout{5000};  // each wait of a check
  std::chrono::milliseconds quiet{300};     // silence that ends "the gateway has answered"
};

// The fake service's answer to the n-th request of the check (0: the first); nullopt: an empty page, echo on.
using Responder = std::function<std::optional<sim::FakeReply>(const sim::RecordedRequest& request, std::size_t n)>;

// A reply page: content, context, echo "on", next, directcall, COMMAND.
sim::FakeReply page(std::string content, std::optional<service::Json> command = std::nullopt,
                    std::optional<std::string> next = std::nullopt, std::optional<std::string> context = std::nullopt,
                    std::optional<std::string> echo = std::string("on"),
                    std::optional<std::string> directcall = std::nullopt);
service::Json command(std::string name, service::Json param = service::Json::object());
// Replies given in order, then nullopt.
Responder in_order(std::vector<sim::FakeReply> replies);

class Harness {
 public:
  Harness(sim::FakeService& service, HarnessSettings settings);
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  const HarnessSettings& settings() const { return settings_; }
  // Set once the suite has found out whether a session without start URL reaches the fake service.
  void set_durl_is_fake(bool value) { settings_.durl_is_fake = value; }

  // --- Check lifecycle (the runner calls these around each check).
  void begin(const std::string& check_key);
  // Hangs up, lets the session's last requests (FIN) arrive, and returns what was observed.
  Observation finish();

  // --- The service side.
  std::string url(std::string_view path_and_query) const;  // service_base + run tag + path
  void respond(Responder responder);
  // Until the check has recorded `count` requests; false on timeout.
  bool wait_requests(std::size_t count);
  std::size_t request_count() const;
  std::optional<sim::RecordedRequest> request(std::size_t index) const;

  // --- The terminal side. Each connect starts a new session on the same terminal; the observation keeps the
  // bytes of earlier sessions. With wait_cnx, waits for one more request and then for the answer to settle.
  bool connect_ws(std::string_view start_url, bool wait_cnx = true, sim::ConnectOptions options = {});
  // The gateway's WebSocket URL that starts on `start_url` ("" for the default service).
  std::string ws_url(std::string_view start_url) const;
  // ws with a raw query after "/?" (nothing encoded), for malformed start URLs.
  bool connect_ws_query(std::string_view raw_query, bool wait_cnx = true, sim::ConnectOptions options = {});
  bool connect_telnet(bool wait_cnx = true);
  sim::Terminal& terminal() { return *terminal_; }
  // Bytes as the keyboard would send them (one read on the gateway's side), then settle().
  void send(std::string_view bytes);
  void press(videotex::FunctionKey key);
  // Until the terminal has been quiet for settings().quiet.
  void settle();
  void pause(std::chrono::milliseconds duration);
  // Records a step boundary in the observation (see Observation::segment).
  void mark();
  void fact(const std::string& name, std::string value);
  void scenario_error(std::string message);  // the first one is kept
  bool gateway_closed() const;               // the gateway ended the current session
  bool wait_closed(std::chrono::milliseconds timeout);

  // --- A raw TCP connection to the WebSocket port (handshake bytes, ping and close frames).
  bool raw_open();
  void raw_send(std::string bytes);
  // Until `done(received so far)` holds, the connection closes, or `timeout` passes.
  std::string raw_wait(const std::function<bool(std::string_view)>& done, std::chrono::milliseconds timeout);
  std::string raw_received() const;
  bool raw_closed() const;
  void raw_close();

  std::string received_now() const;  // the observation's bytes so far (all sessions)

 private:
  std::optional<sim::FakeReply> on_request(const sim::RecordedRequest& request);
  void keep_session_bytes();
  void mark_session_started();
  bool wait_for_cnx(std::size_t before);

  sim::FakeService& service_;
  HarnessSettings settings_;
  std::unique_ptr<sim::Terminal> terminal_;
  std::unique_ptr<sim::IoRunner> runner_;  // for the raw connection

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int run_ = 0;
  Responder responder_;
  Observation observation_;
  std::string earlier_sessions_;               // received bytes of the check's earlier sessions
  std::vector<std::string> earlier_chunks_;
  bool session_in_check_ = false;              // the terminal's transcript belongs to this check
  std::set<std::string> retired_ids_;          // uniqueIds of earlier checks' sessions: their late requests are stray
  std::chrono::steady_clock::time_point last_request_at_{};

  struct Raw;
  std::shared_ptr<Raw> raw_;
};

}  // namespace pavi::conformance
