// A one-shot timer on an IoRunner, for code that must not see Asio (fake servers' pauses, terminal timeouts).
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace pavi::sim {

class IoRunner;

class Timer {
 public:
  explicit Timer(IoRunner& runner);
  ~Timer();  // cancels; once it returns the callback will not run
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Runs `callback` on the runner thread after `delay`; replaces any pending callback.
  void start(std::chrono::milliseconds delay, std::function<void()> callback);
  void cancel();

 private:
  struct State;
  IoRunner& runner_;
  std::shared_ptr<State> state_;
};

}  // namespace pavi::sim
