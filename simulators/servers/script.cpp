// ScriptRunner: the fake servers' behaviour as a pure state machine, so it is tested without sockets.
#include "simulators/servers/script.hpp"

namespace pavi::sim {

ServerScript& ServerScript::send(std::string bytes) {
  steps.push_back({ScriptStep::Kind::send, std::move(bytes), {}});
  return *this;
}
ServerScript& ServerScript::expect(std::string bytes) {
  steps.push_back({ScriptStep::Kind::expect, std::move(bytes), {}});
  return *this;
}
ServerScript& ServerScript::pause(std::chrono::milliseconds duration) {
  steps.push_back({ScriptStep::Kind::pause, {}, duration});
  return *this;
}
ServerScript& ServerScript::close() {
  steps.push_back({ScriptStep::Kind::close, {}, {}});
  return *this;
}
ServerScript& ServerScript::on(std::string when, std::string reply, bool then_close) {
  rules.push_back({std::move(when), std::move(reply), then_close});
  return *this;
}
ServerScript& ServerScript::with_echo(bool on) {
  echo = on;
  return *this;
}

ScriptRunner::ScriptRunner(ServerScript script)
    : script_(std::move(script)), rule_windows_(script_.rules.size()) {}

std::vector<ScriptAction> ScriptRunner::start() {
  std::vector<ScriptAction> actions;
  advance(actions);
  return actions;
}

std::vector<ScriptAction> ScriptRunner::received(std::string_view bytes) {
  std::vector<ScriptAction> actions;
  if (closed_ || bytes.empty()) return actions;
  if (script_.echo) actions.push_back({ScriptAction::Kind::send, std::string(bytes), {}});

  for (std::size_t i = 0; i < script_.rules.size() && !closed_; ++i) {
    const ScriptRule& rule = script_.rules[i];
    std::size_t matches = 0;
    if (rule.when.empty()) {
      matches = 1;
    } else {
      std::string& window = rule_windows_[i];
      window.append(bytes);
      for (std::size_t at = window.find(rule.when); at != std::string::npos; at = window.find(rule.when)) {
        window.erase(0, at + rule.when.size());
        ++matches;
      }
      // Only a tail shorter than the pattern can still begin a match.
      if (window.size() >= rule.when.size()) window.erase(0, window.size() - (rule.when.size() - 1));
    }
    for (std::size_t m = 0; m < matches && !closed_; ++m) {
      if (!rule.reply.empty()) actions.push_back({ScriptAction::Kind::send, rule.reply, {}});
      if (rule.close) {
        actions.push_back({ScriptAction::Kind::close, {}, {}});
        closed_ = true;
      }
    }
  }
  if (closed_) return actions;

  unmatched_.append(bytes);
  if (!paused_) advance(actions);
  return actions;
}

std::vector<ScriptAction> ScriptRunner::resume() {
  std::vector<ScriptAction> actions;
  if (!paused_ || closed_) return actions;
  paused_ = false;
  advance(actions);
  return actions;
}

void ScriptRunner::advance(std::vector<ScriptAction>& actions) {
  while (!closed_ && !paused_ && step_ < script_.steps.size()) {
    const ScriptStep& step = script_.steps[step_];
    switch (step.kind) {
      case ScriptStep::Kind::send:
        if (!step.bytes.empty()) actions.push_back({ScriptAction::Kind::send, step.bytes, {}});
        break;
      case ScriptStep::Kind::expect: {
        const std::size_t at = unmatched_.find(step.bytes);
        if (at == std::string::npos) return;
        unmatched_.erase(0, at + step.bytes.size());
        break;
      }
      case ScriptStep::Kind::pause:
        paused_ = true;
        actions.push_back({ScriptAction::Kind::wait, {}, step.duration});
        break;
      case ScriptStep::Kind::close:
        closed_ = true;
        actions.push_back({ScriptAction::Kind::close, {}, {}});
        break;
    }
    ++step_;
  }
}

}  // namespace pavi::sim
