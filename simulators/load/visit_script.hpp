// Visit scripts: what a user does on one visit (type, press keys, expect screens, pause), written by hand in a
// line-based format (docs/SCRIPTS.md) and shared by `pavi session`, both modes of `pavi stress` and the tests.
// The parser is pure: text in, steps or "file:line: reason" out, never an exception.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/terminal/screen_search.hpp"
#include "videotex/keys.hpp"

namespace pavi::sim {

struct VisitStep {
  enum class Kind : std::uint8_t {
    type,             // type `text` on the keyboard
    press,            // press `key`
    expect_text,      // the screen shows `text` (anywhere, or at `at`)
    expect_regex,     // a row matches `text` (ECMAScript), anywhere or on row `at` from its column
    quiet,            // the line stays quiet for `duration`
    think,            // the user pauses for `duration` (no wait on the target)
    disconnect,       // hang up
    wait_disconnect,  // the other side hangs up
  };
  Kind kind = Kind::type;
  int line = 0;  // 1-based line in the script, for messages
  std::string text;
  videotex::FunctionKey key = videotex::FunctionKey::envoi;
  std::optional<ScreenPosition> at;  // 1-based row and column
  std::chrono::milliseconds duration{0};
  std::chrono::milliseconds timeout{0};  // 0: the runner's default

  bool is_wait() const {
    return kind == Kind::expect_text || kind == Kind::expect_regex || kind == Kind::quiet ||
           kind == Kind::wait_disconnect;
  }
  bool is_input() const { return kind == Kind::type || kind == Kind::press; }
};

// One line that reads back as the script line: `press ENVOI`, `expect "MENU" timeout=3000`.
std::string describe(const VisitStep& step);

struct VisitScript {
  std::string name;  // the file name, or "<script>"
  std::vector<VisitStep> steps;
};

struct VisitScriptLoad {
  std::optional<VisitScript> script;
  std::string error;  // "visit.txt:4: unknown key 'Envoy' (keys: Envoi, Retour, ...)"
  explicit operator bool() const { return script.has_value(); }
};

// `name` prefixes error messages and names the script.
VisitScriptLoad parse_visit_script(std::string_view text, std::string_view name = "<script>");
VisitScriptLoad load_visit_script(const std::string& path);

}  // namespace pavi::sim
