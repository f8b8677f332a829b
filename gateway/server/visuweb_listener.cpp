// The VisuWeb port on Asio: accept, optional TLS handshake, read the request head (at most 16 KiB, 10 s in all),
// answer once, close. The head is read raw rather than through an HTTP parser because the original's parsing is
// line-based and quirky (visuweb-stats-recordings.md §1), and its replies are written byte for byte.
#include "gateway/server/detail/visuweb_listener.hpp"

#include "gateway/server/detail/client_address.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <ctime>
#include <type_traits>

#include "gateway/operations/stats_file.hpp"
#include "gateway/visuweb/live_page.hpp"
#include "gateway/visuweb/stats_page.hpp"
#include "gateway/visuweb/system_status.hpp"
#include "gateway/visuweb/visujson.hpp"
#include "gateway/visuweb/visuweb_reply.hpp"
#include "gateway/visuweb/visuweb_route.hpp"

namespace pavi::gateway::detail {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;

namespace {

constexpr std::size_t kMaxHead = 16 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(10);

// The head ends at the first empty line (LF LF or LF CR LF, as the original reads lines).
bool head_complete(const std::string& head) {
  return head.find("\n\n") != std::string::npos || head.find("\n\r\n") != std::string::npos;
}

visuweb::VisuAccess access_of(const GatewayConfig& config) {
  return visuweb::VisuAccess{config.httpuser, config.httppwd, config.allowip, !config.ssl.empty()};
}

std::string footer_version(const ServerShared& shared) {
  return shared.welcome.version.empty() ? std::string("PaviKit") : shared.welcome.version;
}

// Every page but webmedia, which needs its session's strand.
std::string render(ServerShared& shared, const visuweb::VisuRequest& request, visuweb::Page page) {
  const std::time_t now = std::time(nullptr);
  switch (page) {
    case visuweb::Page::unauthorized:
      return visuweb::unauthorized_reply();
    case visuweb::Page::visujson:
      return visuweb::ok_reply(visuweb::kJson,
                               visuweb::visujson_body(shared.activity.snapshot(), visuweb::read_system_figures(), now));
    case visuweb::Page::live: {
      visuweb::LivePageInput input;
      input.activity = shared.activity.snapshot();
      input.system = visuweb::read_system_figures();
      input.now = now;
      input.log_lines = visuweb::last_log_lines(visuweb::log_file_path(shared.config.lpath, now));
      input.version = footer_version(shared);
      return visuweb::ok_reply(visuweb::kHtml, visuweb::live_page(shared.config, input));
    }
    case visuweb::Page::stats: {
      const visuweb::StatsPeriod period = visuweb::stats_period(request.param("m"), request.param("y"), now);
      const MonthStats stats = period.month == 0
                                   ? read_year_stats(shared.config.spath, period.year)
                                   : read_month_stats(shared.config.spath, period.year, period.month).value_or(MonthStats{});
      const int current_year = visuweb::stats_period("", "", now).year;
      return visuweb::ok_reply(visuweb::kHtml, visuweb::stats_page(period, stats, current_year, footer_version(shared)));
    }
    case visuweb::Page::metrics:
      return visuweb::ok_reply(visuweb::kPrometheus, shared.metrics.prometheus_text());
    default:  // an unknown action, and proxy (not offered): the footer alone (§2.7)
      return visuweb::ok_reply(visuweb::kHtml, visuweb::page_footer(footer_version(shared)));
  }
}

template <class Stream>
class VisuWebConnection : public std::enable_shared_from_this<VisuWebConnection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

  template <class... Args>
  VisuWebConnection(ServerShared& shared, std::string address, Args&&... args)
      : shared_(shared), address_(std::move(address)), stream_(std::forward<Args>(args)...),
        timer_(stream_.get_executor()) {}

  void start() {
    timer_.expires_after(kRequestTimeout);
    timer_.async_wait([self = this->shared_from_this()](boost::system::error_code error) {
      if (!error) self->abort();
    });
    if constexpr (kTls) {
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](boost::system::error_code error) {
        if (error) {
          self->abort();
          return;
        }
        self->read();
      });
    } else {
      read();
    }
  }

 private:
  void read() {
    stream_.async_read_some(asio::buffer(chunk_), [self = this->shared_from_this()](boost::system::error_code error,
                                                                                     std::size_t size) {
      self->head_.append(self->chunk_.data(), size);
      if (head_complete(self->head_) || (error && !self->head_.empty())) {
        self->handle();
      } else if (error || self->head_.size() > kMaxHead) {
        self->abort();
      } else {
        self->read();
      }
    });
  }

  void handle() {
    if (head_.size() > kMaxHead) head_.resize(kMaxHead);
    const visuweb::VisuRequest request = visuweb::parse_visuweb_request(head_);
    const visuweb::Page page = visuweb::route(request, access_of(shared_.config), address_);
    if (page == visuweb::Page::webmedia_refused) {  // C-132: no reply at all
      abort();
      return;
    }
    if (page != visuweb::Page::webmedia) {
      send(render(shared_, request, page));
      return;
    }
    std::string origin = request.header("Origin");
    auto session = shared_.registry.find_by_pin(request.param("pin"));
    if (!session) {
      send(visuweb::webmedia_reply(origin, std::nullopt));
      return;
    }
    session->webmedia_poll(request.param("lastevent"), [self = this->shared_from_this(), origin](
                                                           std::optional<WebMediaPoll> poll) mutable {
      asio::post(self->stream_.get_executor(), [self, origin = std::move(origin), poll = std::move(poll)] {
        self->send(visuweb::webmedia_reply(origin, poll));
      });
    });
  }

  void send(std::string reply) {
    reply_ = std::move(reply);
    asio::async_write(stream_, asio::buffer(reply_), [self = this->shared_from_this()](boost::system::error_code error,
                                                                                       std::size_t) {
      if (error) {
        self->abort();
        return;
      }
      self->finish();
    });
  }

  // A reply without Content-Length (the 401) ends at the close: over TLS it must be a clean close_notify.
  void finish() {
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](boost::system::error_code) { self->abort(); });
    } else {
      boost::system::error_code ignored;
      stream_.shutdown(tcp::socket::shutdown_send, ignored);
      abort();
    }
  }

  void abort() {
    timer_.cancel();
    boost::system::error_code ignored;
    stream_.lowest_layer().close(ignored);
  }

  ServerShared& shared_;
  const std::string address_;
  Stream stream_;
  asio::steady_timer timer_;
  std::array<char, 4096> chunk_{};
  std::string head_;
  std::string reply_;
};

}  // namespace

std::shared_ptr<ssl::context> load_visuweb_tls_context(const GatewayConfig& config, std::string& error) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_3_VERSION);  // as the original (§1)
  boost::system::error_code code;
  context->use_certificate_chain_file(config.ssl, code);
  if (code) {
    error = "ssl " + config.ssl + ": " + code.message();
    return nullptr;
  }
  context->use_private_key_file(config.sslkey, ssl::context::pem, code);
  if (code) {
    error = "sslkey " + config.sslkey + ": " + code.message();
    return nullptr;
  }
  return context;
}

struct VisuWebListener::Impl {
  Impl(asio::io_context& io_in, ServerShared& shared_in, std::shared_ptr<ssl::context> tls_in)
      : io(io_in), shared(shared_in), tls(std::move(tls_in)), acceptor(io_in), retry(io_in) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (error) {  // out of descriptors: breathe, then accept again
        retry.expires_after(std::chrono::milliseconds(100));
        retry.async_wait([this](boost::system::error_code wait_error) {
          if (!wait_error) accept();
        });
        return;
      }
      serve(std::move(socket));
      accept();
    });
  }

  void serve(tcp::socket socket) {
    std::string address = client_address(socket);
    if (shared.stopping) {
      boost::system::error_code ignored;
      socket.close(ignored);
      return;
    }
    // §1: the IP reputation check first (blacklist, whitelist, AbuseIPDB); a score above 50 closes the connection.
    auto waiting = std::make_shared<tcp::socket>(std::move(socket));
    shared.admission.screen(address, reputation::Audience::visuweb,
                            [this, waiting, address](bool allowed, const reputation::ReputationDecision&) {
                              asio::dispatch(waiting->get_executor(), [this, waiting, address, allowed] {
                                if (!allowed || shared.stopping) {
                                  boost::system::error_code ignored;
                                  waiting->close(ignored);
                                  return;
                                }
                                start_connection(std::move(*waiting), address);
                              });
                            });
  }

  void start_connection(tcp::socket socket, std::string address) {
    if (tls) {
      std::make_shared<VisuWebConnection<ssl::stream<tcp::socket>>>(shared, std::move(address), std::move(socket), *tls)
          ->start();
    } else {
      std::make_shared<VisuWebConnection<tcp::socket>>(shared, std::move(address), std::move(socket))->start();
    }
  }

  asio::io_context& io;
  ServerShared& shared;
  std::shared_ptr<ssl::context> tls;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
};

VisuWebListener::VisuWebListener(asio::io_context& io, ServerShared& shared, std::shared_ptr<ssl::context> tls)
    : impl_(std::make_unique<Impl>(io, shared, std::move(tls))) {}

VisuWebListener::~VisuWebListener() = default;

std::string VisuWebListener::open(const std::string& bind_address, std::uint16_t port) {
  tcp::acceptor& acceptor = impl_->acceptor;
  boost::system::error_code error;
  tcp::endpoint endpoint;
  if (bind_address.empty()) {
    endpoint = tcp::endpoint(tcp::v6(), port);
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(asio::ip::v6_only(false), error);
    if (error) {  // no IPv6 here: IPv4 only
      boost::system::error_code ignored;
      acceptor.close(ignored);
      endpoint = tcp::endpoint(tcp::v4(), port);
      error.clear();
      acceptor.open(endpoint.protocol(), error);
    }
  } else {
    endpoint = tcp::endpoint(asio::ip::make_address(bind_address, error), port);
    if (!error) acceptor.open(endpoint.protocol(), error);
  }
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) return "httpport " + std::to_string(port) + ": " + error.message();
  return {};
}

std::unique_ptr<VisuWebListener> open_visuweb_listener(asio::io_context& io, ServerShared& shared,
                                                       const std::string& bind_address,
                                                       std::optional<std::uint16_t> port,
                                                       std::vector<std::string>& problems) {
  const GatewayConfig& config = shared.config;
  if (!port && config.httpport > 0 && config.httpport <= 65535) port = static_cast<std::uint16_t>(config.httpport);
  if (!port) return nullptr;
  std::shared_ptr<ssl::context> tls;
  if (!config.ssl.empty()) {
    std::string error;
    tls = load_visuweb_tls_context(config, error);
    if (!tls) {
      problems.push_back(std::move(error));
      return nullptr;
    }
  }
  auto listener = std::make_unique<VisuWebListener>(io, shared, std::move(tls));
  if (std::string problem = listener->open(bind_address, *port); !problem.empty()) {
    problems.push_back(std::move(problem));
    return nullptr;
  }
  return listener;
}

void VisuWebListener::start() { impl_->accept(); }

void VisuWebListener::close() {
  asio::post(impl_->io, [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    impl->retry.cancel();
  });
}

std::uint16_t VisuWebListener::port() const {
  boost::system::error_code error;
  const auto endpoint = impl_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

}  // namespace pavi::gateway::detail
