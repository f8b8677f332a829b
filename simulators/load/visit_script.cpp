// Parser of the line-based visit script format (docs/SCRIPTS.md). One statement per line; `#` starts a comment
// line; strings are double-quoted with C-like escapes; options are key=value after the arguments.
#include "simulators/load/visit_script.hpp"

#include <charconv>
#include <fstream>
#include <regex>
#include <sstream>

namespace pavi::sim {
namespace {

using std::chrono::milliseconds;

struct Token {
  std::string text;
  bool quoted = false;
};

struct LineError {
  std::string reason;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads a quoted string starting at line[pos] == '"'; pos ends after the closing quote.
std::optional<std::string> read_quoted(std::string_view line, std::size_t& pos, std::string& error) {
  std::string out;
  ++pos;
  while (pos < line.size()) {
    const char c = line[pos++];
    if (c == '"') return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos >= line.size()) break;
    const char e = line[pos++];
    switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case 'x': {
        const int high = pos < line.size() ? hex_value(line[pos]) : -1;
        const int low = pos + 1 < line.size() ? hex_value(line[pos + 1]) : -1;
        if (high < 0 || low < 0) {
          error = "\\x needs two hex digits";
          return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        pos += 2;
        break;
      }
      default:
        error = std::string("unknown escape \\") + e + " (use \\n \\r \\t \\\\ \\\" \\xHH)";
        return std::nullopt;
    }
  }
  error = "unterminated string (missing closing \")";
  return std::nullopt;
}

// Splits a line into words and quoted strings; `key="quoted value"` stays one token.
std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (line[pos] == ' ' || line[pos] == '\t') {
      ++pos;
      continue;
    }
    Token token;
    if (line[pos] == '"') {
      std::string error;
      auto text = read_quoted(line, pos, error);
      if (!text) throw LineError{error};
      token.text = std::move(*text);
      token.quoted = true;
    } else {
      while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') {
        if (line[pos] == '"') {
          std::string error;
          auto text = read_quoted(line, pos, error);
          if (!text) throw LineError{error};
          token.text += *text;
        } else {
          token.text += line[pos++];
        }
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::optional<long long> whole_number(std::string_view text) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// "500", "500ms", "3s".
milliseconds duration_of(std::string_view text, std::string_view what) {
  long long scale = 1;
  std::string_view digits = text;
  if (text.ends_with("ms")) {
    digits = text.substr(0, text.size() - 2);
  } else if (text.ends_with('s')) {
    digits = text.substr(0, text.size() - 1);
    scale = 1000;
  }
  const auto value = whole_number(digits);
  if (!value || *value > 86'400'000 / scale) {
    throw LineError{std::string(what) + " expects a duration in ms (500, 500ms or 3s), got '" + std::string(text) + "'"};
  }
  return milliseconds(*value * scale);
}

ScreenPosition position_of(std::string_view text) {
  const auto comma = text.find(',');
  const auto row = whole_number(text.substr(0, comma));
  const auto col = comma == std::string_view::npos ? std::optional<long long>(0) : whole_number(text.substr(comma + 1));
  if (!row || !col || *row > 24 || *col > 40) {
    throw LineError{"at= expects ROW or ROW,COL (row 0..24, column 1..40), got '" + std::string(text) + "'"};
  }
  return ScreenPosition{static_cast<int>(*row), static_cast<int>(*col)};
}

std::string key_list() {
  std::string list;
  for (const auto key : videotex::kAllFunctionKeys) {
    if (!list.empty()) list += ", ";
    list += videotex::key_name(key);
  }
  return list;
}

// Options after the arguments: key=value, each allowed at most once and only where it means something.
struct Options {
  std::optional<milliseconds> timeout;
  std::optional<ScreenPosition> at;
};

Options read_options(const std::vector<Token>& tokens, std::size_t first, std::string_view verb, bool allow_at) {
  Options options;
  for (std::size_t i = first; i < tokens.size(); ++i) {
    const auto& token = tokens[i].text;
    const auto eq = token.find('=');
    if (tokens[i].quoted || eq == std::string::npos) {
      throw LineError{"unexpected '" + token + "' after " + std::string(verb) + " (options are key=value)"};
    }
    const auto key = token.substr(0, eq);
    const auto value = token.substr(eq + 1);
    if (key == "timeout" && !options.timeout) {
      options.timeout = duration_of(value, "timeout=");
    } else if (key == "at" && allow_at && !options.at) {
      options.at = position_of(value);
    } else {
      throw LineError{"option '" + key + "' is not allowed (or repeated) in " + std::string(verb)};
    }
  }
  return options;
}

VisitStep parse_statement(std::string_view line, milliseconds& default_timeout, bool& is_setting) {
  // `type` keeps the rest of the line as it is unless it is one quoted string, so spaces survive.
  const auto first_space = line.find_first_of(" \t");
  const auto verb_text = line.substr(0, first_space);
  VisitStep step;
  is_setting = false;
  if (verb_text == "type") {
    step.kind = VisitStep::Kind::type;
    auto rest = first_space == std::string_view::npos ? std::string_view{} : line.substr(first_space + 1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (rest.empty()) throw LineError{"type needs the text to type (type hello, or type \"two words\")"};
    if (rest.front() == '"') {
      const auto tokens = tokenize(rest);
      if (tokens.size() != 1 || !tokens[0].quoted) throw LineError{"type takes one quoted string, or bare text"};
      step.text = tokens[0].text;
    } else {
      step.text = std::string(rest);
    }
    if (step.text.empty()) throw LineError{"type needs a non-empty text"};
    return step;
  }

  const auto tokens = tokenize(line);
  const auto& verb = tokens[0].text;
  const auto arguments = [&](std::size_t count) {
    std::size_t given = 0;
    while (1 + given < tokens.size() && (tokens[1 + given].quoted || tokens[1 + given].text.find('=') == std::string::npos)) ++given;
    if (given != count) {
      throw LineError{verb + " takes " + std::to_string(count) + " argument" + (count == 1 ? "" : "s") + ", got " +
                      std::to_string(given)};
    }
  };

  if (verb == "press") {
    arguments(1);
    read_options(tokens, 2, verb, false);
    std::string name = tokens[1].text;
    for (auto& c : name) {
      if (c == '/') c = '-';  // "Connexion/Fin", as printed on the key
    }
    const auto key = videotex::key_from_name(name);
    if (!key) throw LineError{"unknown key '" + tokens[1].text + "' (keys: " + key_list() + ")"};
    step.kind = VisitStep::Kind::press;
    step.key = *key;
  } else if (verb == "expect") {
    const bool regex = tokens.size() > 1 && !tokens[1].quoted && tokens[1].text == "regex";
    const std::size_t text_index = regex ? 2 : 1;
    if (tokens.size() <= text_index || !tokens[text_index].quoted) {
      throw LineError{regex ? "expect regex needs a quoted pattern: expect regex \"^MENU\""
                            : "expect needs a quoted text: expect \"MENU\" (or expect regex \"PATTERN\")"};
    }
    step.kind = regex ? VisitStep::Kind::expect_regex : VisitStep::Kind::expect_text;
    step.text = tokens[text_index].text;
    if (step.text.empty()) throw LineError{"expect needs a non-empty text"};
    if (regex) {
      try {
        std::regex check(step.text, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw LineError{"invalid regex \"" + step.text + "\": " + e.what()};
      }
    }
    const auto options = read_options(tokens, text_index + 1, verb, true);
    step.at = options.at;
    step.timeout = options.timeout.value_or(default_timeout);
  } else if (verb == "quiet" || verb == "think") {
    arguments(1);
    step.kind = verb == "quiet" ? VisitStep::Kind::quiet : VisitStep::Kind::think;
    step.duration = duration_of(tokens[1].text, verb);
    const auto options = read_options(tokens, 2, verb, false);
    if (step.kind == VisitStep::Kind::think && options.timeout) throw LineError{"think takes no timeout"};
    step.timeout = options.timeout.value_or(std::max(default_timeout, step.duration * 2));
  } else if (verb == "disconnect") {
    arguments(0);
    read_options(tokens, 1, verb, false);
    step.kind = VisitStep::Kind::disconnect;
  } else if (verb == "wait-disconnect") {
    arguments(0);
    step.kind = VisitStep::Kind::wait_disconnect;
    step.timeout = read_options(tokens, 1, verb, false).timeout.value_or(default_timeout);
  } else if (verb == "timeout") {
    arguments(1);
    read_options(tokens, 2, verb, false);
    default_timeout = duration_of(tokens[1].text, verb);
    is_setting = true;
  } else {
    throw LineError{"unknown statement '" + verb +
                    "' (type, press, expect, quiet, think, disconnect, wait-disconnect, timeout)"};
  }
  return step;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7f) {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out + '"';
}

}  // namespace

std::string describe(const VisitStep& step) {
  using Kind = VisitStep::Kind;
  std::string at;
  if (step.at) at = " at=" + std::to_string(step.at->row) + (step.at->col ? "," + std::to_string(step.at->col) : "");
  const auto timeout = " timeout=" + std::to_string(step.timeout.count());
  switch (step.kind) {
    case Kind::type: return "type " + quoted(step.text);
    case Kind::press: return "press " + std::string(videotex::key_name(step.key));
    case Kind::expect_text: return "expect " + quoted(step.text) + at + timeout;
    case Kind::expect_regex: return "expect regex " + quoted(step.text) + at + timeout;
    case Kind::quiet: return "quiet " + std::to_string(step.duration.count()) + timeout;
    case Kind::think: return "think " + std::to_string(step.duration.count());
    case Kind::disconnect: return "disconnect";
    case Kind::wait_disconnect: return "wait-disconnect" + timeout;
  }
  return "?";
}

VisitScriptLoad parse_visit_script(std::string_view text, std::string_view name) {
  VisitScriptLoad load;
  VisitScript script;
  script.name = std::string(name);
  milliseconds default_timeout{5000};
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    try {
      bool is_setting = false;
      auto step = parse_statement(line, default_timeout, is_setting);
      if (is_setting) continue;
      step.line = line_number;
      script.steps.push_back(std::move(step));
    } catch (const LineError& e) {
      load.error = std::string(name) + ":" + std::to_string(line_number) + ": " + e.reason;
      return load;
    }
  }
  if (script.steps.empty()) {
    load.error = std::string(name) + ": the script has no steps";
    return load;
  }
  load.script = std::move(script);
  return load;
}

VisitScriptLoad load_visit_script(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return VisitScriptLoad{std::nullopt, path + ": cannot read the script file"};
  std::ostringstream content;
  content << in.rdbuf();
  return parse_visit_script(content.str(), path);
}

}  // namespace pavi::sim
