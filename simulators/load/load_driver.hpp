// The load driver behind `pavi stress`: N virtual users, each on its own thread, started over a ramp-up, each
// looping over a visit script (new visit after a completed or failed one) until the run's bound: a total number
// of visits (--count) or a duration. Counters go to LoadStats; a progress callback sees snapshots meanwhile.
// With `hold`, a user that completed its visit keeps the line open, idle, until the end of the run instead of
// starting another one: how idle sessions are held to measure what they cost a gateway.
//
// What a user is depends on the mode: a simulated Minitel on a gateway (GatewayUser) or a headless user playing
// the gateway's side against a service. Threads: one per user, which only blocks on its target's waits; the
// network I/O runs on the targets' own shared runners, so 1000 users cost 1000 mostly sleeping threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "simulators/load/load_stats.hpp"
#include "simulators/load/visit_runner.hpp"
#include "simulators/load/visit_script.hpp"
#include "simulators/load/visit_target.hpp"

namespace pavi::sim {

// One virtual user, reused for every visit it makes.
class LoadUser {
 public:
  virtual ~LoadUser() = default;
  // Starts a visit (connects, or sends CNX). On failure, the error kind ("connect", ...) and nothing to run.
  virtual std::optional<std::string> begin_visit() = 0;
  virtual VisitTarget& target() = 0;
  // After the script: hang up if the script did not.
  virtual void end_visit() = 0;
  // Why a visit failed, as counted in "errors by kind"; empty when the cause is already counted (a request error
  // reported while it happened). Defaults to the runner's kind.
  virtual std::string failure_kind(const VisitResult& result) { return result.error_kind; }
  // Whether each wait of the script stands for one request (gateway mode: a screen awaited) rather than the user
  // reporting its own requests (service mode: HTTP calls).
  virtual bool waits_are_requests() const { return true; }
};

using LoadUserFactory = std::function<std::unique_ptr<LoadUser>(std::size_t user_index, LoadStats& stats)>;

struct LoadOptions {
  std::size_t users = 1;
  std::chrono::milliseconds ramp_up{0};  // user i starts at ramp_up * i / users
  std::chrono::milliseconds think{0};    // before every type/press
  // Above 0, the figures describe the steady state: requests completed this early in the run (users
  // connecting, caches warming) or after its end (the hang-ups of the visits cut short, all at once) are left
  // out of the request count, the latency and the request rate. Sessions and errors still count.
  std::chrono::milliseconds warm_up{0};
  std::optional<std::chrono::milliseconds> duration;  // stop after this long (visits under way are cut short)
  std::optional<std::uint64_t> count;                  // stop after this many visits in all
  std::chrono::milliseconds retry_pause{100};  // after a visit that could not even start, before the next one
  // After a completed visit, keep the line open and idle until the run ends (then hang up); the user makes no
  // further visit. A line that dropped meanwhile makes the visit fail ("disconnected"). Needs a duration.
  bool hold = false;
  std::chrono::milliseconds progress_interval{1000};
  std::function<void(const LoadSnapshot&)> on_progress;  // from the calling thread
  // A visit failed at `step` (from the user's thread, concurrently with other users): e.g. to show the first one.
  std::function<void(const VisitStep& step, const StepResult& result)> on_failure;
  const std::atomic<bool>* cancel = nullptr;             // e.g. set by Ctrl-C: ends the run as a duration would
};

// Runs the load and returns the final snapshot. Needs a bound (duration or count; a duration with `hold`);
// without one nothing starts. users >= 1.
LoadSnapshot run_load(const VisitScript& script, const LoadOptions& options, const LoadUserFactory& make_user,
                      LoadStats& stats);

}  // namespace pavi::sim
