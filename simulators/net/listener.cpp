// TcpListener: an acceptor loop on the runner thread.
#include "simulators/net/listener.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "simulators/net/detail/accepted_socket.hpp"
#include "simulators/net/detail/asio_transport.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

AcceptedSocket::AcceptedSocket(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AcceptedSocket::AcceptedSocket(AcceptedSocket&&) noexcept = default;
AcceptedSocket& AcceptedSocket::operator=(AcceptedSocket&&) noexcept = default;
AcceptedSocket::~AcceptedSocket() = default;

std::string AcceptedSocket::peer() const {
  boost::system::error_code ec;
  const auto endpoint = impl_->socket.remote_endpoint(ec);
  if (ec) return "?";
  return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

struct TcpListener::State : std::enable_shared_from_this<TcpListener::State> {
  State(boost::asio::io_context& context, AcceptHandler handler) : acceptor(context), on_accept(std::move(handler)) {}
  boost::asio::ip::tcp::acceptor acceptor;
  AcceptHandler on_accept;
  bool stopped = false;

  void accept_next() {
    acceptor.async_accept([self = shared_from_this()](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
      if (self->stopped) return;
      if (!ec) {
        socket.set_option(boost::asio::ip::tcp::no_delay(true), ec);
        self->on_accept(AcceptedSocket(std::make_unique<AcceptedSocket::Impl>(std::move(socket))));
      } else if (ec == boost::asio::error::operation_aborted) {
        return;
      }
      self->accept_next();  // transient errors (EMFILE...) must not end the server
    });
  }
};

TcpListener::TcpListener(IoRunner& runner, std::shared_ptr<State> state, std::string host, std::uint16_t port)
    : runner_(runner), state_(std::move(state)), host_(std::move(host)), port_(port) {}

std::unique_ptr<TcpListener> TcpListener::open(IoRunner& runner, const std::string& host, std::uint16_t port,
                                               AcceptHandler on_accept, std::string& error) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) {
    error = "cannot listen on \"" + host + "\": not an IP address";
    return nullptr;
  }
  auto state = std::make_shared<State>(runner.context(), std::move(on_accept));
  std::uint16_t bound_port = 0;
  detail::run_on_runner(runner, [&] {
    const boost::asio::ip::tcp::endpoint endpoint(address, port);
    auto& acceptor = state->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(boost::asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
    if (!ec) bound_port = acceptor.local_endpoint(ec).port();
    if (!ec) {
      state->accept_next();
    } else {
      boost::system::error_code ignored;
      acceptor.close(ignored);
    }
  });
  if (ec) {
    error = "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message();
    return nullptr;
  }
  return std::unique_ptr<TcpListener>(new TcpListener(runner, std::move(state), host, bound_port));
}

TcpListener::~TcpListener() { stop(); }

void TcpListener::stop() {
  if (!state_) return;
  detail::run_on_runner(runner_, [state = state_] {
    state->stopped = true;
    boost::system::error_code ignored;
    state->acceptor.close(ignored);
    state->on_accept = nullptr;
  });
  state_.reset();
}

}  // namespace pavi::sim
