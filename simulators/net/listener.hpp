// A TCP listener for the fake servers (and later the gateway's tests): binds, accepts, hands each connection over
// as an opaque AcceptedSocket that a transport factory (raw TCP, WebSocket, WebSocket over TLS) then takes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace pavi::sim {

class IoRunner;

class AcceptedSocket {
 public:
  struct Impl;  // holds the Asio socket (simulators/net/detail/accepted_socket.hpp)
  explicit AcceptedSocket(std::unique_ptr<Impl> impl);
  AcceptedSocket(AcceptedSocket&&) noexcept;
  AcceptedSocket& operator=(AcceptedSocket&&) noexcept;
  ~AcceptedSocket();

  std::string peer() const;  // "127.0.0.1:53124"
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

class TcpListener {
 public:
  // Runs on the runner thread for each accepted connection.
  using AcceptHandler = std::function<void(AcceptedSocket socket)>;

  // Binds host:port (port 0 picks a free one) and starts accepting. Null with `error` set when it cannot bind.
  static std::unique_ptr<TcpListener> open(IoRunner& runner, const std::string& host, std::uint16_t port,
                                           AcceptHandler on_accept, std::string& error);
  ~TcpListener();  // stops accepting; connections already handed over are not touched
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& host() const { return host_; }
  void stop();

 private:
  struct State;
  TcpListener(IoRunner& runner, std::shared_ptr<State> state, std::string host, std::uint16_t port);
  IoRunner& runner_;
  std::shared_ptr<State> state_;
  std::string host_;
  std::uint16_t port_ = 0;
};

}  // namespace pavi::sim
