// Resolve and connect with one deadline (Asio's resolver and connect have no timeout of their own).
#include "simulators/net/detail/tcp_connect.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace pavi::sim::detail {
namespace {

struct ConnectOperation {
  ConnectOperation(boost::asio::ip::tcp::socket& s, std::function<void(std::string)> d)
      : socket(s), resolver(s.get_executor()), timer(s.get_executor()), done(std::move(d)) {}
  boost::asio::ip::tcp::socket& socket;
  boost::asio::ip::tcp::resolver resolver;
  boost::asio::steady_timer timer;
  std::function<void(std::string)> done;
  bool finished = false;
  bool timed_out = false;

  void finish(std::string error) {
    if (finished) return;
    finished = true;
    timer.cancel();
    auto callback = std::move(done);
    callback(std::move(error));
  }
};

}  // namespace

void connect_socket(boost::asio::ip::tcp::socket& socket, const std::string& host, std::uint16_t port,
                    std::chrono::milliseconds timeout, std::function<void(std::string error)> done) {
  auto op = std::make_shared<ConnectOperation>(socket, std::move(done));
  op->timer.expires_after(timeout);
  op->timer.async_wait([op, timeout](boost::system::error_code ec) {
    if (ec || op->finished) return;
    op->timed_out = true;
    op->resolver.cancel();
    boost::system::error_code ignored;
    op->socket.close(ignored);
    op->finish("timed out after " + std::to_string(timeout.count()) + " ms while connecting");
  });
  op->resolver.async_resolve(
      host, std::to_string(port),
      [op, host](boost::system::error_code ec, boost::asio::ip::tcp::resolver::results_type results) {
        if (op->finished) return;
        if (ec) {
          op->finish("cannot resolve \"" + host + "\": " + ec.message());
          return;
        }
        boost::asio::async_connect(op->socket, results,
                                   [op](boost::system::error_code connect_ec, const boost::asio::ip::tcp::endpoint&) {
                                     if (op->finished) return;
                                     op->finish(connect_ec ? "cannot connect: " + connect_ec.message() : std::string{});
                                   });
      });
}

std::string describe_read_error(const boost::system::error_code& ec, bool& by_peer, bool& error) {
  if (ec == boost::asio::error::eof) {
    by_peer = true;
    error = false;
    return "closed by peer";
  }
  if (ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe) {
    by_peer = true;
    error = true;
    return "connection reset by peer";
  }
  by_peer = false;
  error = true;
  return "read error: " + ec.message();
}

}  // namespace pavi::sim::detail
