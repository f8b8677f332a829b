// Scripts for fake third-party servers (the remote ends of a gateway's connectToWs / connectToTln bridges):
// ordered steps run on each connection (send, expect, pause, close), reactive rules ("on receiving X send Y"),
// and echo on or off. ScriptRunner is the pure logic: bytes in, actions out, no I/O and no clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::sim {

struct ScriptStep {
  enum class Kind : std::uint8_t {
    send,    // send `bytes`
    expect,  // wait until `bytes` has been received (after what the previous expect consumed)
    pause,   // wait `duration`
    close,   // close the connection
  };
  Kind kind = Kind::send;
  std::string bytes;
  std::chrono::milliseconds duration{0};
};

struct ScriptRule {
  std::string when;   // bytes to watch for in what is received, across chunks; empty: every received chunk
  std::string reply;  // sent each time `when` is seen
  bool close = false; // close the connection after the reply
};

struct ServerScript {
  std::vector<ScriptStep> steps;  // run in order from the moment a connection is set up
  std::vector<ScriptRule> rules;  // checked on every reception, whatever step the connection is at
  bool echo = false;              // send every received byte straight back (before any rule reply)

  // Builders, for one-line scripts in tests: ServerScript{}.send(page).expect("\x13\x41").send(bye).close().
  ServerScript& send(std::string bytes);
  ServerScript& expect(std::string bytes);
  ServerScript& pause(std::chrono::milliseconds duration);
  ServerScript& close();
  ServerScript& on(std::string when, std::string reply, bool then_close = false);
  ServerScript& with_echo(bool on = true);
};

struct ScriptAction {
  enum class Kind : std::uint8_t { send, close, wait };
  Kind kind = Kind::send;
  std::string bytes;                   // send
  std::chrono::milliseconds delay{0};  // wait: call resume() after it
};

class ScriptRunner {
 public:
  explicit ScriptRunner(ServerScript script);

  // The connection is up: the first steps.
  std::vector<ScriptAction> start();
  // Bytes from the peer: echo, rule replies, then the steps an expect was holding back.
  std::vector<ScriptAction> received(std::string_view bytes);
  // The wait asked for by a pause has elapsed.
  std::vector<ScriptAction> resume();

  bool closed() const { return closed_; }
  // Every step has run (rules keep answering until the connection closes).
  bool steps_done() const { return step_ >= script_.steps.size(); }

 private:
  void advance(std::vector<ScriptAction>& actions);

  ServerScript script_;
  std::size_t step_ = 0;
  bool paused_ = false;
  bool closed_ = false;
  std::string unmatched_;                 // received bytes the next expect searches
  std::vector<std::string> rule_windows_; // per rule: the tail of what was received that could start a match
};

}  // namespace pavi::sim
