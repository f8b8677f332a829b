// Private to the simulators' Asio translation units: the Transport wrapper that forwards every call to a session
// object living on the IoRunner thread. Not for public headers (it pulls in Asio).
#pragma once

#include <boost/asio/io_context.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
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
// Sends and the close go through one outbox, so they leave in the order they were called from any thread: two
// posts do not keep that order when one comes from the runner thread itself (a terminal answering ENQROM from its
// receive handler) and the other from a test thread typing at the same time.
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
  void send(std::string bytes) override { enqueue(std::move(bytes)); }
  void close() override { enqueue(std::nullopt); }
  std::string description() const override { return description_; }

 private:
  struct Outbox {
    std::mutex mutex;
    std::deque<std::optional<std::string>> items;  // nullopt: close
    bool flush_posted = false;
  };

  void enqueue(std::optional<std::string> item) {
    {
      std::lock_guard lock(outbox_->mutex);
      outbox_->items.push_back(std::move(item));
      if (outbox_->flush_posted) return;
      outbox_->flush_posted = true;
    }
    runner_.post([session = session_, outbox = outbox_] {
      std::deque<std::optional<std::string>> items;
      {
        std::lock_guard lock(outbox->mutex);
        items.swap(outbox->items);
        outbox->flush_posted = false;
      }
      for (auto& item : items) {
        if (item) {
          session->send(std::move(*item));
        } else {
          session->close();
        }
      }
    });
  }

  IoRunner& runner_;
  std::shared_ptr<Session> session_;
  std::string description_;
  std::shared_ptr<Outbox> outbox_ = std::make_shared<Outbox>();
};

}  // namespace pavi::sim::detail
