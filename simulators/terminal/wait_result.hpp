// The outcome of a Terminal wait: whether the condition held, and enough to explain a failure in a test log.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "simulators/terminal/screen_search.hpp"

namespace pavi::sim {

struct WaitResult {
  bool matched = false;
  // What was waited for and, on failure, why the wait ended:
  // "timed out after 2000 ms waiting for text \"BONJOUR\" (connection open)".
  std::string message;
  std::string screen;                      // text dump of the screen when the wait ended
  std::optional<ScreenPosition> position;  // text and regex waits: where it was found
  std::vector<std::string> groups;         // regex waits: the whole match, then the captures
  std::chrono::milliseconds elapsed{0};

  explicit operator bool() const { return matched; }
  // message + "\n" + screen: ASSERT_TRUE(result) << result.describe();
  std::string describe() const { return message + "\n" + screen; }
};

}  // namespace pavi::sim
