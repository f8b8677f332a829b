// Finding text on a screen for the terminal's waits: plain text anywhere (lines joined by '\n', so a text with
// '\n' can span rows), or a regular expression in a row, optionally anchored at a column.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "videotex/dump.hpp"
#include "videotex/screen.hpp"

namespace pavi::sim {

struct ScreenPosition {
  int row = 1;  // 0..24
  int col = 1;  // 1..40; in a regex anchor, 0 means "anywhere in the row"
  bool operator==(const ScreenPosition&) const = default;
};

// The 25 rows (row 0 first) as UTF-8, joined by '\n', as the waits see them.
std::string screen_lines(const videotex::Screen& screen, const videotex::TextDumpOptions& options = {});

// Where `text` first appears (reading order), or nullopt.
std::optional<ScreenPosition> find_text(const videotex::Screen& screen, std::string_view text,
                                        const videotex::TextDumpOptions& options = {});

struct RegexMatch {
  ScreenPosition position;
  std::vector<std::string> groups;  // [0] the whole match, then the captures
};

// An ECMAScript regular expression, compiled once (std::regex stays inside screen_search.cpp).
class ScreenRegex {
 public:
  // nullopt and `error` set when the pattern is not a valid regex.
  static std::optional<ScreenRegex> compile(std::string_view pattern, std::string& error);
  const std::string& pattern() const { return pattern_; }

 private:
  friend std::optional<RegexMatch> find_regex(const videotex::Screen&, const ScreenRegex&,
                                              std::optional<ScreenPosition>, const videotex::TextDumpOptions&);
  struct Compiled;
  std::string pattern_;
  std::shared_ptr<const Compiled> compiled_;
};

// Without `at`: the first row (0..24) where `pattern` matches. With `at`: that row only, and the match must start at
// column at->col (anywhere in the row when at->col == 0). The regex works on UTF-8 bytes.
std::optional<RegexMatch> find_regex(const videotex::Screen& screen, const ScreenRegex& pattern,
                                     std::optional<ScreenPosition> at = std::nullopt,
                                     const videotex::TextDumpOptions& options = {});

}  // namespace pavi::sim
