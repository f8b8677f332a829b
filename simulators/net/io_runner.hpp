// An Asio io_context running on its own thread, for simulators that are driven from blocking test code
// (C++ tests, Python): the network work happens on the runner, callers wait on results with timeouts.
#pragma once

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace pavi::sim {

class IoRunner {
 public:
  IoRunner();
  ~IoRunner();  // stops the context and joins the thread
  IoRunner(const IoRunner&) = delete;
  IoRunner& operator=(const IoRunner&) = delete;

  boost::asio::io_context& context();
  // Runs `work` on the runner's thread and waits for it (runs inline when called from that thread).
  void run_sync(const std::function<void()>& work);
  // Queues `work` on the runner's thread.
  void post(std::function<void()> work);
  bool on_runner_thread() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pavi::sim
