// Private to gateway/server: one accepted connection running one SessionHost on its own strand. Subclasses
// (telnet, ws, wss) do the handshake, read and write; this class turns their events into session events and
// carries out what the session asks (writes, service calls, timers, commands for other sessions).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/operations/session_recorder.hpp"
#include "gateway/server/detail/bridge_link.hpp"
#include "gateway/server/detail/server_shared.hpp"
#include "gateway/server/screen_captures.hpp"
#include "gateway/server/session_registry.hpp"
#include "gateway/session/session_host.hpp"

namespace pavi::gateway::detail {

class Connection : public SessionIo, public LiveSession, public std::enable_shared_from_this<Connection> {
 public:
  // The connection was admitted for `address`; it is released when the object goes.
  Connection(ServerShared& shared, boost::asio::any_io_executor strand, ConnectionKind kind, std::string address);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts the handshake; the session begins when it succeeds.
  virtual void start() = 0;

  // LiveSession: any thread.
  void push_message(std::string message) override;
  void simulate_input(std::time_t when, std::string data) override;
  void shut_down() override;
  void add_viewer(std::weak_ptr<StreamViewer> viewer) override;
  void webmedia_poll(std::string last_event, WebMediaReply reply) override;  // connection_webmedia.cpp

 protected:
  // On the strand, from subclasses.
  // remote_addr: PAVI.remoteAddr when it is not the client address (AST: the caller's number, C-015).
  void begin_session(std::string start_url, std::optional<std::string> remote_addr = std::nullopt);
  void received(std::string_view data);
  void pong_received();
  void transport_ended();  // EOF, reset or error: the FIN goes out, nothing more is written
  bool session_started() const { return host_.has_value(); }
  // A WS or WSS request for a recording (?streamuniqueid=, replay_stream.cpp): the connection becomes a replay
  // ("--" in the table, a PIN, no statistics); returns what to send in one write before closing, nullopt for
  // nothing (an unknown or malformed uid or seq, no rpath, the gateway stopping).
  std::optional<std::string> begin_replay(const std::string& unique_id, const std::string& seq);

  virtual void transport_write(std::string bytes) = 0;
  virtual void transport_ping() {}
  virtual void transport_close() = 0;

  ServerShared& shared_;
  const boost::asio::any_io_executor strand_;
  const std::string address_;
  std::uint64_t activity_serial_ = 0;  // this connection's row in shared_.activity

 private:
  // SessionIo: called by the host, on the strand.
  void write(std::string bytes) override;
  void ping() override;
  void close() override;
  void call_service(ServiceCall call) override;
  void run_host_command(service::Command command) override;
  void schedule(SessionTime when) override;
  void open_bridge(BridgeTarget target) override;
  void bridge_send(std::string bytes) override;
  void close_bridge() override;
  bool save_capture(std::string screen) override;
  void report_action() override;
  void report_url(const std::string& url) override;
  void report_infos(const std::string& infos) override;
  // The session is over: recording closed, statistics written, the table's row moved to the history.
  void finish_operations();

  // Runs `action(host)` on the strand if the connection is still there.
  template <class Action>
  void on_strand(Action action);
  void command_done(service::Fctn fctn, std::optional<service::Json> datas);
  void end_viewers();

  const ConnectionKind kind_;
  boost::asio::steady_timer timer_;
  SessionTime timer_at_ = SessionTime::max();
  std::string pin_;
  std::optional<SessionHost> host_;
  std::shared_ptr<BridgeLink> bridge_;
  std::optional<ScreenCaptures> captures_;  // when <capture> is on and rpath is set
  std::vector<std::weak_ptr<StreamViewer>> viewers_;  // duplicateStream sessions watching this one
  bool viewers_ended_ = false;
  std::optional<SessionRecorder> recorder_;  // rec-<uniqueId>.vdt when rpath is set
  std::string reported_url_;
};

}  // namespace pavi::gateway::detail
