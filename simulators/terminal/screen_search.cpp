// Screen text search. Columns count code points, not bytes (rows hold G2 letters and mosaic glyphs).
#include "simulators/terminal/screen_search.hpp"

// GCC 12 reports a false -Wmaybe-uninitialized inside <regex>'s compiler when sanitizers change inlining.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop

#include "videotex/codes.hpp"
#include "videotex/utf8.hpp"

namespace pavi::sim {

struct ScreenRegex::Compiled {
  std::regex regex;
};

std::optional<ScreenRegex> ScreenRegex::compile(std::string_view pattern, std::string& error) {
  ScreenRegex result;
  result.pattern_ = std::string(pattern);
  try {
    result.compiled_ = std::make_shared<const Compiled>(Compiled{std::regex(result.pattern_, std::regex::ECMAScript)});
  } catch (const std::regex_error& e) {
    error = e.what();
    return std::nullopt;
  }
  return result;
}

namespace {

std::string row_string(const videotex::Screen& screen, int row, const videotex::TextDumpOptions& options) {
  return videotex::row_text(screen, row, options);
}

// Byte offset of code point `index` (0-based) in `text`, or npos past the end.
std::size_t byte_offset(const std::string& text, int index) {
  std::size_t offset = 0;
  for (int i = 0; i < index; ++i) {
    if (offset >= text.size()) return std::string::npos;
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

std::optional<RegexMatch> match_in_row(const std::string& line, int row, const std::regex& pattern, int col) {
  const std::size_t start = col > 0 ? byte_offset(line, col - 1) : 0;
  if (start == std::string::npos) return std::nullopt;
  std::smatch match;
  const auto flags = col > 0 ? std::regex_constants::match_continuous : std::regex_constants::match_default;
  if (!std::regex_search(line.cbegin() + static_cast<std::ptrdiff_t>(start), line.cend(), match, pattern, flags)) {
    return std::nullopt;
  }
  RegexMatch result;
  const std::size_t at = start + static_cast<std::size_t>(match.position(0));
  result.position = {row, static_cast<int>(videotex::utf8::length(std::string_view(line).substr(0, at))) + 1};
  for (const auto& group : match) result.groups.push_back(group.str());
  return result;
}

}  // namespace

std::string screen_lines(const videotex::Screen& screen, const videotex::TextDumpOptions& options) {
  std::string out;
  for (int row = 0; row < videotex::kRows; ++row) {
    if (row > 0) out += '\n';
    out += row_string(screen, row, options);
  }
  return out;
}

std::optional<ScreenPosition> find_text(const videotex::Screen& screen, std::string_view text,
                                        const videotex::TextDumpOptions& options) {
  if (text.empty()) return ScreenPosition{0, 1};
  const std::string lines = screen_lines(screen, options);
  const std::size_t at = lines.find(text);
  if (at == std::string::npos) return std::nullopt;
  std::size_t from = 0;  // start of the row the match begins in
  int row = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (lines[i] == '\n') {
      ++row;
      from = i + 1;
    }
  }
  const int col = static_cast<int>(videotex::utf8::length(std::string_view(lines).substr(from, at - from))) + 1;
  return ScreenPosition{row, col};
}

std::optional<RegexMatch> find_regex(const videotex::Screen& screen, const ScreenRegex& regex,
                                     std::optional<ScreenPosition> at, const videotex::TextDumpOptions& options) {
  if (!regex.compiled_) return std::nullopt;
  const std::regex& pattern = regex.compiled_->regex;
  if (at) {
    if (at->row < 0 || at->row >= videotex::kRows || at->col < 0 || at->col > videotex::kColumns) return std::nullopt;
    return match_in_row(row_string(screen, at->row, options), at->row, pattern, at->col);
  }
  for (int row = 0; row < videotex::kRows; ++row) {
    if (auto found = match_in_row(row_string(screen, row, options), row, pattern, 0)) return found;
  }
  return std::nullopt;
}

}  // namespace pavi::sim
