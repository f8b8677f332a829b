// The gateway on real sockets: telnet, ws and wss listeners on IPv4 and IPv6, one Asio event loop run by one
// thread per core, one SessionHost per connection on its own strand (no thread or process per user), admission,
// the registry of live sessions, and background calls. No Asio in this header.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/config/gateway_config.hpp"
#include "gateway/reputation/reputation_checker.hpp"
#include "gateway/server/service_caller.hpp"
#include "gateway/session/connection_banner.hpp"
#include "gateway/welcome/directory.hpp"
#include "gateway/welcome/welcome_service.hpp"

namespace pavi::gateway {

struct ListenSpec {
  ConnectionKind kind = ConnectionKind::telnet;
  std::uint16_t port = 0;  // 0: any free port (see GatewayServer::port)
};

// What one client may cost the gateway. Not in the original, which had neither (docs/COMPATIBILITY.md).
struct ConnectionLimits {
  // Output the session has written that the client's socket has not taken yet. A client past it is not reading
  // (a stalled emulator, a vanished peer): its session ends as if it had hung up (FIN to the service), instead
  // of the gateway's memory growing with every page. Pages are at most 100 kB (service-protocol.md §1).
  std::size_t max_pending_output = 1024 * 1024;
  // When the session ends, how long its last output may take to leave before the socket is closed anyway.
  std::chrono::milliseconds close_drain{5000};
};

struct ServerOptions {
  std::vector<ListenSpec> listen;  // empty: the config's wsport, wssport and telnport that are > 0
  std::string bind_address;        // "": every address, IPv6 and IPv4; "127.0.0.1" for tests
  unsigned threads = 0;            // 0: one per core
  Directory directory;             // the welcome service's directory (paviacc.conf)
  WelcomeOptions welcome;
  ConnectionLimits limits;
  // AbuseIPDB lookups (gateway-behaviour.md §1 step 3), made only when the config has an ipdbkey; the app injects
  // gateway/service_client's AbuseIpdbClient. Empty: no lookup, as without a key. An admission waits for a
  // lookup at most `reputation_wait`, then goes ahead with a score of 0.
  reputation::Lookup reputation_lookup;
  std::chrono::milliseconds reputation_wait{2000};
  // The VisuWeb listener's port: none = the config's httpport when > 0 (else no listener); 0 = any free port.
  std::optional<std::uint16_t> visuweb_port;
};

class GatewayServer {
 public:
  GatewayServer(GatewayConfig config, ServiceCaller caller, ServerOptions options = {});
  ~GatewayServer();  // stop()
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  // Opens every listener and starts serving. Returns one line per problem ("telnport 8183: Address already in
  // use"); on any problem nothing is left listening.
  std::vector<std::string> start();
  // The port a listener of `kind` is bound to (useful with port 0), 0 when there is none.
  std::uint16_t port(ConnectionKind kind) const;
  // The VisuWeb (httpport) listener's port, 0 when there is none.
  std::uint16_t visuweb_port() const;
  std::size_t live_sessions() const;
  std::size_t live_connections() const;
  // Graceful stop (SIGTERM, SIGINT): listeners close, every session sends its FIN and closes, then the loop
  // stops (waiting at most `grace` for the sessions to finish).
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
  // SIGHUP: the certificate and key are read again; new wss connections use them. False + error on failure
  // (the old ones stay in use).
  bool reload_tls(std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pavi::gateway
