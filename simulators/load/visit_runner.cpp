// The visit runner: one step after another on the calling thread, stopping at the first failure.
#include "simulators/load/visit_runner.hpp"

#include <thread>

namespace pavi::sim {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool stop_requested(const VisitRunOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

// Sleeps `duration` in short slices so that a stop request cuts it short; false when stopped.
bool pause(milliseconds duration, const VisitRunOptions& options) {
  const auto end = Clock::now() + duration;
  while (true) {
    if (stop_requested(options)) return false;
    const auto now = Clock::now();
    if (now >= end) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(end - now, milliseconds(50)));
  }
}

WaitResult run_wait(const VisitStep& step, VisitTarget& target) {
  using Kind = VisitStep::Kind;
  switch (step.kind) {
    case Kind::expect_text:
      if (step.at) return target.wait_for_regex(literal_regex(step.text), step.timeout, step.at);
      return target.wait_for_text(step.text, step.timeout);
    case Kind::expect_regex: return target.wait_for_regex(step.text, step.timeout, step.at);
    case Kind::quiet: return target.wait_until_quiet(step.duration, step.timeout);
    case Kind::wait_disconnect: return target.wait_for_disconnect(step.timeout);
    default: return {};
  }
}

}  // namespace

std::string literal_regex(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

VisitResult run_visit(const VisitScript& script, VisitTarget& target, const VisitRunOptions& options) {
  using Kind = VisitStep::Kind;
  VisitResult visit;
  const auto visit_start = Clock::now();
  const auto finish = [&](bool ok) {
    visit.ok = ok;
    visit.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - visit_start);
    return visit;
  };
  for (std::size_t i = 0; i < script.steps.size(); ++i) {
    const auto& step = script.steps[i];
    if (stop_requested(options) || (step.is_input() && options.think.count() > 0 && !pause(options.think, options))) {
      visit.stopped = true;
      return finish(false);
    }
    StepResult result;
    result.index = i;
    const auto step_start = Clock::now();
    switch (step.kind) {
      case Kind::type:
      case Kind::press: {
        result.ok = step.kind == Kind::type ? target.type(step.text) : target.press(step.key);
        if (!result.ok) {
          const bool connected = target.connected();
          result.message = std::string("could not send (") + (connected ? "send failed" : "not connected") + ")";
          visit.error_kind = connected ? "send" : "disconnected";
        }
        break;
      }
      case Kind::think:
        if (!pause(step.duration, options)) {
          visit.stopped = true;
          return finish(false);
        }
        result.ok = true;
        break;
      case Kind::disconnect:
        target.disconnect();
        result.ok = true;
        break;
      default: {
        auto wait = run_wait(step, target);
        result.ok = wait.matched;
        result.message = std::move(wait.message);
        if (!result.ok || options.capture_screens) result.screen = std::move(wait.screen);
        if (!result.ok) visit.error_kind = target.connected() ? "timeout" : "disconnected";
        break;
      }
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - step_start);
    if (!result.ok && result.screen.empty()) result.screen = target.text();
    visit.steps.push_back(std::move(result));
    if (options.on_step) options.on_step(step, visit.steps.back());
    if (!visit.steps.back().ok) {
      visit.failed = visit.steps.size() - 1;
      return finish(false);
    }
  }
  return finish(true);
}

}  // namespace pavi::sim
