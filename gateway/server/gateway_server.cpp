// Listeners, the accept loop with admission, the event loop threads, the background-call tick and the
// graceful stop.
#include "gateway/server/gateway_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <mutex>
#include <thread>

#include "gateway/server/detail/client_address.hpp"
#include "gateway/server/detail/connection_factories.hpp"
#include "gateway/server/detail/tls_context.hpp"
#include "gateway/server/detail/visuweb_listener.hpp"

namespace pavi::gateway {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::string_view config_key(ConnectionKind kind) {
  switch (kind) {
    case ConnectionKind::ws: return "wsport";
    case ConnectionKind::wss: return "wssport";
    case ConnectionKind::telnet: return "telnport";
    default: return "astport";
  }
}


}  // namespace

struct GatewayServer::Impl {
  struct Listener {
    ConnectionKind kind;
    tcp::acceptor acceptor;
    asio::steady_timer retry;
  };

  Impl(GatewayConfig config, ServiceCaller caller, ServerOptions options_in)
      : options(std::move(options_in)),
        shared(std::move(config), std::move(caller), options.directory, options.welcome),
        tick(io) {
    shared.limits = options.limits;
    if (options.reputation_lookup && !shared.config.ipdbkey.empty()) {
      shared.admission.use_lookups(options.reputation_lookup, timer_scheduler(), shared.config.ipwhitelist,
                                   options.reputation_wait);
    }
  }

  // The reputation check's wait limit, on this loop's timers.
  reputation::Scheduler timer_scheduler() {
    return [this](std::chrono::milliseconds delay, std::function<void()> task) {
      auto timer = std::make_shared<asio::steady_timer>(io, delay);
      timer->async_wait([timer, task = std::move(task)](boost::system::error_code) { task(); });
    };
  }

  void accept(Listener& listener) {
    listener.acceptor.async_accept(asio::make_strand(io), [this, &listener](boost::system::error_code error,
                                                                           tcp::socket socket) {
      if (!listener.acceptor.is_open()) return;
      if (error) {
        // Out of descriptors in a connection flood: breathe, then accept again; the others keep being served.
        listener.retry.expires_after(std::chrono::milliseconds(100));
        listener.retry.async_wait([this, &listener](boost::system::error_code wait_error) {
          if (!wait_error) accept(listener);
        });
        return;
      }
      admit(listener.kind, std::move(socket));
      accept(listener);
    });
  }

  // The reputation lookup may answer later, on another thread: the rest goes on the socket's strand.
  void admit(ConnectionKind kind, tcp::socket socket) {
    std::string address = detail::client_address(socket);
    if (shared.stopping) {
      boost::system::error_code ignored;
      socket.close(ignored);
      return;
    }
    auto waiting = std::make_shared<tcp::socket>(std::move(socket));
    shared.admission.admit_async(address, [this, kind, waiting, address](AdmissionVerdict verdict,
                                                                         const reputation::ReputationDecision&) {
      asio::dispatch(waiting->get_executor(), [this, kind, waiting, address, verdict] {
        const bool stopping = shared.stopping;
        if (verdict == AdmissionVerdict::admitted && stopping) shared.admission.release(address);
        if (verdict != AdmissionVerdict::admitted || stopping) {
          boost::system::error_code ignored;
          waiting->close(ignored);  // refused users see nothing at all (§1)
          return;
        }
        serve(kind, std::move(*waiting), address);
      });
    });
  }

  void serve(ConnectionKind kind, tcp::socket socket, std::string address) {
    // A page after an echo must not wait for the client's delayed ACK (Nagle): up to 40 ms per key.
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::shared_ptr<detail::Connection> connection;
    switch (kind) {
      case ConnectionKind::ws:
        connection = detail::make_websocket_connection(shared, std::move(socket), std::move(address));
        break;
      case ConnectionKind::wss: {
        std::lock_guard lock(tls_mutex);
        connection = detail::make_secure_websocket_connection(shared, std::move(socket), std::move(address), tls);
        break;
      }
      case ConnectionKind::asterisk:
      case ConnectionKind::asterisk_pce:
        detail::start_asterisk_connection(shared, std::move(socket), std::move(address));  // header first
        return;
      default:
        connection = detail::make_telnet_connection(shared, std::move(socket), std::move(address));
        break;
    }
    connection->start();
  }

  std::string open(const ListenSpec& spec) {
    auto listener = std::make_unique<Listener>(Listener{spec.kind, tcp::acceptor(io), asio::steady_timer(io)});
    boost::system::error_code error;
    tcp::endpoint endpoint;
    if (options.bind_address.empty()) {
      endpoint = tcp::endpoint(tcp::v6(), spec.port);
      listener->acceptor.open(endpoint.protocol(), error);
      if (!error) listener->acceptor.set_option(asio::ip::v6_only(false), error);
      if (error) {  // no IPv6 on this machine: IPv4 only
        boost::system::error_code ignored;
        listener->acceptor.close(ignored);
        endpoint = tcp::endpoint(tcp::v4(), spec.port);
        error.clear();
        listener->acceptor.open(endpoint.protocol(), error);
      }
    } else {
      endpoint = tcp::endpoint(asio::ip::make_address(options.bind_address, error), spec.port);
      if (!error) listener->acceptor.open(endpoint.protocol(), error);
    }
    if (!error) listener->acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) listener->acceptor.bind(endpoint, error);
    if (!error) listener->acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) return std::string(config_key(spec.kind)) + " " + std::to_string(spec.port) + ": " + error.message();
    listeners.push_back(std::move(listener));
    return {};
  }

  void schedule_tick() {
    tick.expires_after(std::chrono::seconds(1));
    tick.async_wait([this](boost::system::error_code error) {
      if (error) return;
      shared.background.tick(std::time(nullptr));
      schedule_tick();
    });
  }

  ServerOptions options;
  // Destroyed after the loop: connections that outlive stop()'s grace are freed with the loop's handlers, and
  // their destructors still use what they share.
  detail::ServerShared shared;
  asio::io_context io;
  asio::steady_timer tick;
  std::vector<std::unique_ptr<Listener>> listeners;
  std::vector<std::thread> threads;
  std::mutex tls_mutex;
  std::shared_ptr<asio::ssl::context> tls;
  std::unique_ptr<detail::VisuWebListener> visuweb;  // httpport
  bool started = false;
  bool stopped = false;
};

GatewayServer::GatewayServer(GatewayConfig config, ServiceCaller caller, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(caller), std::move(options))) {}

GatewayServer::~GatewayServer() { stop(); }

std::vector<std::string> GatewayServer::start() {
  Impl& impl = *impl_;
  std::vector<std::string> problems;
  if (impl.started) return problems;
  std::vector<ListenSpec> specs = impl.options.listen;
  if (specs.empty()) {
    const GatewayConfig& config = impl.shared.config;
    if (config.wsport > 0) specs.push_back({ConnectionKind::ws, static_cast<std::uint16_t>(config.wsport)});
    if (config.wssport > 0) specs.push_back({ConnectionKind::wss, static_cast<std::uint16_t>(config.wssport)});
    if (config.telnport > 0) specs.push_back({ConnectionKind::telnet, static_cast<std::uint16_t>(config.telnport)});
    if (config.astport > 0) specs.push_back({ConnectionKind::asterisk, static_cast<std::uint16_t>(config.astport)});
  }
  for (const auto& spec : specs) {
    if (spec.kind == ConnectionKind::wss && !impl.tls) {
      std::string error;
      impl.tls = detail::load_tls_context(impl.shared.config.ssl, impl.shared.config.sslkey, error);
      if (!impl.tls) problems.push_back(error);
    }
    if (std::string problem = impl.open(spec); !problem.empty()) problems.push_back(std::move(problem));
  }
  impl.visuweb = detail::open_visuweb_listener(impl.io, impl.shared, impl.options.bind_address,
                                              impl.options.visuweb_port, problems);
  if (!problems.empty()) {
    impl.listeners.clear();
    impl.visuweb.reset();
    return problems;
  }
  impl.started = true;
  // The last run's recordings and captures go (C-142); PaviKit keeps them at stop instead (docs/COMPATIBILITY.md).
  remove_all_recordings(impl.shared.config.rpath);
  for (auto& listener : impl.listeners) impl.accept(*listener);
  if (impl.visuweb) impl.visuweb->start();
  impl.schedule_tick();
  unsigned threads = impl.options.threads != 0 ? impl.options.threads : std::thread::hardware_concurrency();
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) impl.threads.emplace_back([&impl] { impl.io.run(); });
  return problems;
}

std::uint16_t GatewayServer::port(ConnectionKind kind) const {
  for (const auto& listener : impl_->listeners) {
    boost::system::error_code error;
    if (listener->kind == kind) return listener->acceptor.local_endpoint(error).port();
  }
  return 0;
}

std::uint16_t GatewayServer::visuweb_port() const { return impl_->visuweb ? impl_->visuweb->port() : 0; }

std::size_t GatewayServer::live_sessions() const { return impl_->shared.registry.size(); }

std::size_t GatewayServer::live_connections() const { return impl_->shared.admission.live(); }

void GatewayServer::stop(std::chrono::milliseconds grace) {
  Impl& impl = *impl_;
  if (!impl.started || impl.stopped) return;
  impl.stopped = true;
  impl.shared.stopping = true;
  asio::post(impl.io, [&impl] {
    for (auto& listener : impl.listeners) {
      boost::system::error_code ignored;
      listener->acceptor.close(ignored);
      listener->retry.cancel();
    }
    impl.tick.cancel();
    if (impl.visuweb) impl.visuweb->close();
  });
  for (const auto& session : impl.shared.registry.all()) session->shut_down();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl.shared.admission.live() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl.io.stop();
  for (auto& thread : impl.threads) thread.join();
  impl.threads.clear();
}

bool GatewayServer::reload_tls(std::string& error) {
  auto fresh = detail::load_tls_context(impl_->shared.config.ssl, impl_->shared.config.sslkey, error);
  if (!fresh) return false;
  std::lock_guard lock(impl_->tls_mutex);
  impl_->tls = std::move(fresh);
  return true;
}

}  // namespace pavi::gateway
