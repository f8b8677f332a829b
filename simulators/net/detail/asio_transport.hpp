// Private to the simulators' Asio translation units: the Transport wrapper that forwards every call to a session
// object living on the IoRunner thread. Not for public headers (it pulls in Asio).
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>

#include "simulators/net/io_runner.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::sim::detail {

// Runs `work` on the runner thread and waits; inline when already there or when the runner has stopped
// (then nothing else touches the objects any more).
inline void run_on_runner(IoRunner& runner, const std::function<void()>& work) {
  if (runner.on_runner_thread() || runner.context().stopped()) {
    work();
  } else {
    runner.run_sync(work);
  }
}

// Session must provide start(TransportHandlers), send(std::string), close() and detach(), all called on the
// runner thread; detach() drops the handlers and closes the connection without calling them.
template <class Session>
class AsioTransport final : public Transport {
 public:
  AsioTransport(IoRunner& runner, std::shared_ptr<Session> session, std::string description)
      : runner_(runner), session_(std::move(session)), description_(std::move(description)) {}
  ~AsioTransport() override {
    run_on_runner(runner_, [session = session_] { session->detach(); });
  }
  void start(TransportHandlers handlers) override {
    runner_.post([session = session_, handlers = std::move(handlers)]() mutable { session->start(std::move(handlers)); });
  }
  void send(std::string bytes) override {
    runner_.post([session = session_, bytes = std::move(bytes)]() mutable { session->send(std::move(bytes)); });
  }
  void close() override {
    runner_.post([session = session_] { session->close(); });
  }
  std::string description() const override { return description_; }

 private:
  IoRunner& runner_;
  std::shared_ptr<Session> session_;
  std::string description_;
};

}  // namespace pavi::sim::detail
