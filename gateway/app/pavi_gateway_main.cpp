// `pavi-gateway`: MiniPavi's command line and XML config in, a running gateway out. Signals are handled on the
// main thread (SIGTERM/SIGINT stop gracefully, SIGHUP reloads the TLS certificate); the event loop threads
// never see them.
#include <chrono>
#include <csignal>
#include <thread>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <unistd.h>
#include <string>
#include <vector>

#include "gateway/config/gateway_config.hpp"
#include "gateway/operations/gateway_log.hpp"
#include "gateway/server/gateway_server.hpp"
#include "gateway/service_client/abuseipdb_client.hpp"
#include "gateway/service_client/service_client.hpp"
#include "gateway/welcome/directory.hpp"

namespace {

using namespace pavi::gateway;

constexpr std::string_view kProgram = "pavi-gateway: ";

// The welcome service's directory: empty unless --annuaire (or <annuaire>) names a file.
bool load_welcome_directory(const GatewayConfig& config, Directory& directory) {
  if (config.annuaire.empty()) return true;
  DirectoryLoad load = load_directory(config.annuaire);
  for (const auto& warning : load.warnings) std::cerr << kProgram << "warning: " << warning << '\n';
  if (!load.directory) {
    std::cerr << kProgram << load.error << '\n';
    return false;
  }
  directory = std::move(*load.directory);
  return true;
}

void warn_about_missing_parts(const GatewayConfig& config) {
  if (config.astport > 0) std::cerr << kProgram << "warning: astport: the Asterisk listener is not available yet\n";
  if (config.httpport > 0) std::cerr << kProgram << "warning: httpport: VisuWeb is not available yet\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  LoadResult loaded = load_gateway_config(args);
  if (loaded.help) {
    std::cout << usage_text();
    return 0;
  }
  for (const auto& warning : loaded.warnings) std::cerr << kProgram << "warning: " << warning.to_line() << '\n';
  if (!loaded.errors.empty()) {
    for (const auto& error : loaded.errors) std::cerr << kProgram << error.to_line() << '\n';
    return 2;
  }
  const GatewayConfig& config = loaded.config;
  ServerOptions options;
  if (!load_welcome_directory(config, options.directory)) return 2;
  options.welcome.version = std::string("PaviKit ") + PAVIKIT_VERSION;
  warn_about_missing_parts(config);

  // Blocked here, before any thread starts, so that every thread inherits the mask and sigwait() sees them.
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::cout << startup_banner(config, PAVIKIT_VERSION) << std::flush;
  // Destroyed by hand before the server: a call cancelled at the end must not post to a gone server's loop.
  auto http = std::make_unique<ServiceClient>();
  const ServiceCaller caller = [client = http.get()](ServiceCall call, std::function<void(ServiceResult)> done) {
    client->call(call, [done = std::move(done)](ServiceResult result, CallStats) { done(std::move(result)); });
  };
  // AbuseIPDB lookups only with an ipdbkey; destroyed after the server stops, like the service client.
  std::unique_ptr<AbuseIpdbClient> abuseipdb;
  if (!config.ipdbkey.empty()) {
    AbuseIpdbOptions lookup_options;
    lookup_options.key = config.ipdbkey;
    abuseipdb = std::make_unique<AbuseIpdbClient>(std::move(lookup_options));
    options.reputation_lookup = abuseipdb->as_lookup();
  }
  GatewayServer server(config, caller, std::move(options));
  const auto problems = server.start();
  if (!problems.empty()) {
    for (const auto& problem : problems) std::cerr << kProgram << problem << '\n';
    return 2;
  }
  std::cout << "Passerelle prête." << std::endl;
  GatewayLog log(config.lpath);  // the original's start and stop lines (visuweb-stats-recordings.md §5)
  log.write("Démarrage...", "start", {{"pid", std::to_string(::getpid())}});

  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal != SIGHUP) break;
    std::string error;
    if (server.reload_tls(error)) {
      std::cerr << kProgram << "TLS certificate reloaded\n";
    } else {
      std::cerr << kProgram << "TLS certificate not reloaded: " << error << '\n';
    }
  }
  std::cerr << kProgram << "stopping: " << server.live_sessions() << " session(s) closing\n";
  log.write("onStop: Arrêt service en cours...", "stopping", {{"sessions", std::to_string(server.live_sessions())}});
  server.stop();
  log.write("Arrêt PID=" + std::to_string(::getpid()), "stop", {{"pid", std::to_string(::getpid())}});
  // The sessions' last FINs are on their way: give them a moment, as the original's orphaned sessions had.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (http->in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  http.reset();
  abuseipdb.reset();
  return 0;
}
