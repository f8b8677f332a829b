// Runs a visit script on a VisitTarget (a simulated Minitel on a gateway, or a headless service user) and says,
// step by step, what held, how long each wait took and, on failure, why and what the screen showed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "simulators/load/visit_script.hpp"
#include "simulators/load/visit_target.hpp"

namespace pavi::sim {

struct StepResult {
  std::size_t index = 0;  // in script.steps
  bool ok = false;
  std::string message;                // the wait's message; why an input could not be sent
  std::chrono::microseconds elapsed{0};  // for waits: the latency seen by the user
  std::string screen;                 // on failure (and, with capture_screens, after every wait)
};

struct VisitResult {
  bool ok = false;
  bool stopped = false;  // the run was asked to stop before the end (not a failure)
  std::vector<StepResult> steps;       // the steps that ran, in order
  std::optional<std::size_t> failed;   // index in `steps` of the failing step
  // Why the visit failed, as a short kind for error tallies: "timeout" (a wait ran out with the line open),
  // "disconnected" (the line dropped while waiting or before an input), "send" (an input could not be sent).
  std::string error_kind;
  std::chrono::microseconds elapsed{0};

  const StepResult* failure() const { return failed ? &steps[*failed] : nullptr; }
};

struct VisitRunOptions {
  std::chrono::milliseconds think{0};  // extra pause before every type/press, as a user reading the screen
  const std::atomic<bool>* stop = nullptr;  // checked between steps and during pauses
  bool capture_screens = false;             // keep the screen after every wait, not only on failure
  // Called after each step (from the calling thread), e.g. to print screens as they come.
  std::function<void(const VisitStep&, const StepResult&)> on_step;
};

VisitResult run_visit(const VisitScript& script, VisitTarget& target, const VisitRunOptions& options = {});

// The regex a text expectation at a position becomes (the target only anchors regexes).
std::string literal_regex(std::string_view text);

}  // namespace pavi::sim
