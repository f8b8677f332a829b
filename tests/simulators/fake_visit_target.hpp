// An in-memory VisitTarget for runner and driver tests: a screen that changes when keys are pressed, waits that
// answer at once from that screen, and a log of every call.
#pragma once

#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include "simulators/load/visit_target.hpp"

namespace pavi::sim::test {

class FakeVisitTarget : public VisitTarget {
 public:
  std::string screen = "BIENVENUE\n";
  std::map<videotex::FunctionKey, std::string> pages;  // screen shown after each key
  bool is_connected = true;
  bool drops_on_press = false;  // the line drops when a key is pressed
  std::vector<std::string> log;

  bool type(std::string_view text) override {
    log.push_back("type " + std::string(text));
    return is_connected;
  }
  bool press(videotex::FunctionKey key) override {
    log.push_back("press " + std::string(videotex::key_name(key)));
    if (!is_connected) return false;
    if (drops_on_press) is_connected = false;
    if (const auto page = pages.find(key); page != pages.end()) screen = page->second;
    return true;
  }
  WaitResult wait_for_text(std::string_view text, std::chrono::milliseconds timeout) override {
    log.push_back("wait text " + std::string(text));
    return answer(screen.find(text) != std::string::npos, "text \"" + std::string(text) + "\"", timeout);
  }
  WaitResult wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                            std::optional<ScreenPosition> at) override {
    std::string where;
    if (at) where = " at " + std::to_string(at->row) + "," + std::to_string(at->col);
    log.push_back("wait regex " + std::string(pattern) + where);
    std::smatch match;
    const std::regex re{std::string(pattern)};
    bool found = false;
    std::size_t start = 0;
    for (int row = 0; start <= screen.size(); ++row) {  // first line is row 0 here
      const auto end = screen.find('\n', start);
      const auto line = screen.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!at || at->row == row) found = found || std::regex_search(line, match, re);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return answer(found, "regex \"" + std::string(pattern) + "\"", timeout);
  }
  WaitResult wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) override {
    log.push_back("quiet " + std::to_string(quiet.count()));
    return answer(true, "quiet", timeout);
  }
  WaitResult wait_for_disconnect(std::chrono::milliseconds timeout) override {
    log.push_back("wait disconnect");
    return answer(!is_connected, "disconnection", timeout);
  }
  std::string text() const override { return screen; }
  bool connected() const override { return is_connected; }
  void disconnect() override {
    log.push_back("disconnect");
    is_connected = false;
  }

 private:
  WaitResult answer(bool matched, const std::string& what, std::chrono::milliseconds timeout) const {
    WaitResult result;
    result.matched = matched;
    result.message = matched ? "found " + what
                             : "timed out after " + std::to_string(timeout.count()) + " ms waiting for " + what;
    result.screen = screen;
    return result;
  }
};

}  // namespace pavi::sim::test
