// What a visit script drives: a simulated Minitel on a gateway (TerminalTarget) or a headless user that plays the
// gateway's side straight against a service (ServiceUser). Both show a screen and take keys, so one script format
// serves `pavi session`, both modes of `pavi stress`, and the tests.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "simulators/terminal/wait_result.hpp"
#include "videotex/keys.hpp"

namespace pavi::sim {

class VisitTarget {
 public:
  virtual ~VisitTarget() = default;

  // Keyboard: false when nothing could be sent (not connected).
  virtual bool type(std::string_view utf8_text) = 0;
  virtual bool press(videotex::FunctionKey key) = 0;

  // Waits, with the semantics of Terminal's waits (terminal.hpp).
  virtual WaitResult wait_for_text(std::string_view text, std::chrono::milliseconds timeout) = 0;
  virtual WaitResult wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                                    std::optional<ScreenPosition> at) = 0;
  // Until the answer to the last key has fully arrived and nothing more comes for `quiet`.
  virtual WaitResult wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) = 0;
  virtual WaitResult wait_for_disconnect(std::chrono::milliseconds timeout) = 0;

  virtual std::string text() const = 0;  // videotex::text_dump of the screen
  virtual bool connected() const = 0;
  virtual void disconnect() = 0;
};

}  // namespace pavi::sim
