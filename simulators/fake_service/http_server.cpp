// The simulators' HTTP server on Boost.Beast (see http_server.hpp). One session per connection: read the header,
// answer "100 Continue" if asked, read the body, call the handler, wait its delay, then respond, reset or close.
// Everything runs on the IoRunner thread; sessions hold the shared state so they can outlive the server object.
#include "simulators/fake_service/http_server.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <system_error>

namespace pavi::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

// The server's shared state: sessions keep it alive, so late handlers never touch a destroyed server.
struct ServerCore {
  ServerCore(IoRunner& r, HttpServer::Options o, HttpServer::Handler h)
      : runner(r), options(std::move(o)), handler(std::move(h)), acceptor(r.context()) {}

  IoRunner& runner;
  HttpServer::Options options;
  HttpServer::Handler handler;
  tcp::acceptor acceptor;
  std::atomic<std::uint16_t> port{0};
  std::atomic<std::size_t> accepted{0};
  bool stopped = false;  // runner thread only
  std::vector<std::weak_ptr<Session>> sessions;

  void accept(const std::shared_ptr<ServerCore>& self);
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ServerCore> server, std::uint64_t id)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(std::move(server)), id_(id) {}

  void start() { read_header(); }

  void shutdown() {
    timer_.cancel();
    beast::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    http::async_read_header(socket_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec || server_->stopped) return shutdown();
    const auto& request = parser_->get();
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      continue_.emplace(http::status::continue_, request.version());
      http::async_write(socket_, *continue_, [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
        if (write_ec) return self->shutdown();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
  }

  void on_request(beast::error_code ec) {
    if (ec || server_->stopped) return shutdown();
    const auto& request = parser_->get();
    HttpRequestData data;
    data.method = std::string(request.method_string());
    data.target = std::string(request.target());
    data.version = request.version();
    for (const auto& field : request) data.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    data.body = request.body();
    data.connection_id = id_;
    data.request_on_connection = served_++;
    keep_alive_ = request.keep_alive() && server_->options.keep_alive;
    version_ = request.version();
    try {
      answer_ = server_->handler(data);
    } catch (const std::exception& error) {
      answer_ = HttpResponseData{};
      answer_.status = 500;
      answer_.body = std::string("handler error: ") + error.what();
    }
    if (answer_.delay.count() > 0) {
      timer_.expires_after(answer_.delay);
      timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (wait_ec || self->server_->stopped) return self->shutdown();
        self->act();
      });
      return;
    }
    act();
  }

  void act() {
    switch (answer_.action) {
      case HttpResponseData::Action::reset: {
        beast::error_code ignored;
        socket_.set_option(asio::socket_base::linger(true, 0), ignored);  // close() then sends RST
        socket_.close(ignored);
        return;
      }
      case HttpResponseData::Action::close: {
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
        return;
      }
      case HttpResponseData::Action::respond: break;
    }
    response_.emplace(static_cast<http::status>(answer_.status), version_);
    for (const auto& [name, value] : answer_.headers) response_->set(name, value);
    if (response_->find(http::field::server) == response_->end()) response_->set(http::field::server, "PaviKit-fake-service");
    response_->body() = std::move(answer_.body);
    response_->keep_alive(keep_alive_);
    response_->prepare_payload();
    http::async_write(socket_, *response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || self->server_->stopped) return self->shutdown();
      if (!self->keep_alive_) {
        beast::error_code ignored;
        self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
        return;  // the client closes; our socket goes with the session
      }
      self->read_header();
    });
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<ServerCore> server_;
  std::uint64_t id_;
  std::size_t served_ = 0;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<http::response<http::string_body>> response_;
  HttpResponseData answer_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

void ServerCore::accept(const std::shared_ptr<ServerCore>& self) {
  acceptor.async_accept([self](beast::error_code ec, tcp::socket socket) {
    if (self->stopped || !self->acceptor.is_open()) return;
    if (!ec) {
      const std::uint64_t id = ++self->accepted;
      auto session = std::make_shared<Session>(std::move(socket), self, id);
      std::erase_if(self->sessions, [](const auto& weak) { return weak.expired(); });
      self->sessions.push_back(session);
      session->start();
    }
    self->accept(self);
  });
}

}  // namespace

struct HttpServer::Impl : ServerCore {
  using ServerCore::ServerCore;
};

HttpServer::HttpServer(IoRunner& runner, Options options, Handler handler)
    : impl_(std::make_shared<Impl>(runner, std::move(options), std::move(handler))) {
  std::exception_ptr failure;
  runner.run_sync([&] {
    try {
      const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.address), impl_->options.port);
      impl_->acceptor.open(endpoint.protocol());
      impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
      impl_->acceptor.bind(endpoint);
      impl_->acceptor.listen();
      impl_->port = impl_->acceptor.local_endpoint().port();
      impl_->accept(impl_);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const { return impl_->port; }

std::size_t HttpServer::connections_accepted() const { return impl_->accepted; }

void HttpServer::stop() {
  auto impl = impl_;
  impl->runner.run_sync([impl] {
    if (impl->stopped) return;
    impl->stopped = true;
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    for (auto& weak : impl->sessions) {
      if (auto session = weak.lock()) session->shutdown();
    }
    impl->sessions.clear();
  });
}

}  // namespace pavi::sim
