// Timer: a steady_timer driven from any thread; a generation number drops callbacks of cancelled or replaced starts.
#include "simulators/net/timer.hpp"

#include <boost/asio/steady_timer.hpp>

#include "simulators/net/detail/asio_transport.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

struct Timer::State {
  explicit State(boost::asio::io_context& context) : timer(context) {}
  boost::asio::steady_timer timer;
  std::uint64_t generation = 0;
  bool alive = true;
};

Timer::Timer(IoRunner& runner) : runner_(runner), state_(std::make_shared<State>(runner.context())) {}

Timer::~Timer() {
  detail::run_on_runner(runner_, [state = state_] {
    state->alive = false;
    ++state->generation;
    state->timer.cancel();
  });
}

void Timer::start(std::chrono::milliseconds delay, std::function<void()> callback) {
  runner_.post([state = state_, delay, callback = std::move(callback)]() mutable {
    if (!state->alive) return;
    const std::uint64_t generation = ++state->generation;
    state->timer.expires_after(delay);
    state->timer.async_wait([state, generation, callback = std::move(callback)](boost::system::error_code ec) {
      if (ec || !state->alive || generation != state->generation) return;
      callback();
    });
  });
}

void Timer::cancel() {
  runner_.post([state = state_] {
    ++state->generation;
    state->timer.cancel();
  });
}

}  // namespace pavi::sim
