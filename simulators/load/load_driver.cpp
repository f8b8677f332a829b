// The load driver: user threads, visit tickets for --count, a deadline for --duration, progress on the caller.
#include "simulators/load/load_driver.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace pavi::sim {
namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  Run(const VisitScript& s, const LoadOptions& o, const LoadUserFactory& f, LoadStats& st)
      : script(s), options(o), make_user(f), stats(st) {}

  const VisitScript& script;
  const LoadOptions& options;
  const LoadUserFactory& make_user;
  LoadStats& stats;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> tickets{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t finished_users = 0;

  bool take_ticket() {
    if (stop.load()) return false;
    if (!options.count) return true;
    return tickets.fetch_add(1) < *options.count;
  }

  // Sleeps until the run stops (a hold: no timed wake-ups, so that thousands of holding users cost no CPU).
  void wait_for_stop() {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return stop.load(); });
  }

  // Sleeps until `until` or a stop; false on stop.
  bool sleep_until(Clock::time_point until) {
    std::unique_lock lock(mutex);
    return !changed.wait_until(lock, until, [&] { return stop.load(); });
  }

  void user_loop(std::size_t index) {
    const auto start_at = Clock::now() + options.ramp_up * static_cast<long long>(index) /
                                             static_cast<long long>(std::max<std::size_t>(1, options.users));
    if (sleep_until(start_at)) {
      auto user = make_user(index, stats);
      stats.user_active(true);
      VisitRunOptions run_options;
      run_options.think = options.think;
      run_options.stop = &stop;
      if (user->waits_are_requests()) {
        run_options.on_step = [this](const VisitStep& step, const StepResult& result) {
          if (step.is_wait() && result.ok) stats.request(result.elapsed);
        };
      }
      while (take_ticket()) {
        stats.session_started();
        if (auto error = user->begin_visit()) {
          stats.session_failed(*error);
          if (!sleep_until(Clock::now() + options.retry_pause)) break;
          continue;
        }
        const auto result = run_visit(script, user->target(), run_options);
        bool dropped_while_held = false;
        if (result.ok && options.hold) {
          stats.session_held(true);
          wait_for_stop();
          dropped_while_held = !user->target().connected();
          stats.session_held(false);
        }
        user->end_visit();
        if (dropped_while_held) {
          stats.session_failed("disconnected");
        } else if (result.ok) {
          stats.session_completed();
        } else if (result.stopped) {
          stats.session_aborted();
        } else {
          stats.session_failed(user->failure_kind(result));
          if (options.on_failure && result.failure()) {
            options.on_failure(script.steps[result.failure()->index], *result.failure());
          }
        }
      }
      stats.user_active(false);
    }
    const std::lock_guard lock(mutex);
    ++finished_users;
    changed.notify_all();
  }

  void request_stop() {
    const std::lock_guard lock(mutex);
    stop = true;
    changed.notify_all();
  }
};

}  // namespace

LoadSnapshot run_load(const VisitScript& script, const LoadOptions& options, const LoadUserFactory& make_user,
                      LoadStats& stats) {
  Run run{script, options, make_user, stats};
  stats.set_warm_up(options.warm_up);
  const auto users = std::max<std::size_t>(1, options.users);
  // Unbounded runs are refused: nothing starts. A hold ends only with the run's duration.
  if ((!options.duration && !options.count) || (options.hold && !options.duration)) run.stop = true;
  const bool has_deadline = options.duration.has_value();
  const auto deadline = Clock::now() + options.duration.value_or(std::chrono::milliseconds(0));

  std::vector<std::thread> threads;
  threads.reserve(users);
  for (std::size_t i = 0; i < users; ++i) threads.emplace_back([&run, i] { run.user_loop(i); });

  auto next_progress = Clock::now() + options.progress_interval;
  {
    std::unique_lock lock(run.mutex);
    while (run.finished_users < users) {
      auto wake = next_progress;
      if (has_deadline && deadline < wake) wake = deadline;
      if (options.cancel != nullptr) wake = std::min(wake, Clock::now() + std::chrono::milliseconds(100));
      run.changed.wait_until(lock, wake, [&] { return run.finished_users >= users; });
      if (run.finished_users >= users) break;
      const auto now = Clock::now();
      const bool cancelled = options.cancel != nullptr && options.cancel->load();
      if (!run.stop && ((has_deadline && now >= deadline) || cancelled)) {
        if (options.warm_up.count() > 0) stats.end_measuring();
        run.stop = true;
        run.changed.notify_all();
      }
      if (now >= next_progress) {
        next_progress = now + options.progress_interval;
        if (options.on_progress) {
          lock.unlock();
          options.on_progress(stats.snapshot());
          lock.lock();
        }
      }
    }
  }
  for (auto& thread : threads) thread.join();
  return stats.snapshot();
}

}  // namespace pavi::sim
