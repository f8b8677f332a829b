// ERR#03 body excerpt (see html_excerpt.hpp). strip_tags follows PHP's five-state scanner: text, tag (with
// quotes and nested '<'), "<?" processing code, "<!" declarations and "<!--" comments.
#include "gateway/service_protocol/html_excerpt.hpp"

#include <cstdlib>

#include "gateway/service_protocol/php_strings.hpp"

namespace pavi::service {
namespace {

bool is_c_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_xdigit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// One entity at text[at] == '&': the decoded character and the entity's length, or 0 when it stays as is.
std::size_t decode_entity(std::string_view text, std::size_t at, char& decoded) {
  std::size_t p = at + 1;
  if (p < text.size() && text[p] == '#') {
    ++p;
    const bool hex = p < text.size() && (text[p] == 'x' || text[p] == 'X');
    if (hex) ++p;
    const std::size_t digits = p;
    while (p < text.size() && (hex ? is_xdigit(text[p]) : is_digit(text[p]))) ++p;
    if (p == digits || p >= text.size() || text[p] != ';' || p - digits > 8) return 0;
    const long code = std::strtol(std::string(text.substr(digits, p - digits)).c_str(), nullptr, hex ? 16 : 10);
    // htmlspecialchars_decode only decodes the five special characters (ENT_QUOTES: both quotes).
    if (code != '&' && code != '"' && code != '\'' && code != '<' && code != '>') return 0;
    decoded = static_cast<char>(code);
    return p - at + 1;
  }
  const std::size_t name = p;
  while (p < text.size() && is_alnum(text[p])) ++p;
  if (p >= text.size() || text[p] != ';') return 0;
  const std::string_view entity = text.substr(name, p - name);
  if (entity == "amp") {
    decoded = '&';
  } else if (entity == "lt") {
    decoded = '<';
  } else if (entity == "gt") {
    decoded = '>';
  } else if (entity == "quot") {
    decoded = '"';
  } else {
    return 0;  // HTML 4.01 rules: no &apos;
  }
  return p - at + 1;
}

// preg_replace('#<br\s*/?>#i', "\r\n", ...)
std::string replace_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<' && i + 2 < text.size() && lower(text[i + 1]) == 'b' && lower(text[i + 2]) == 'r') {
      std::size_t p = i + 3;
      while (p < text.size() && is_c_space(text[p])) ++p;
      if (p < text.size() && text[p] == '/') ++p;
      if (p < text.size() && text[p] == '>') {
        out += "\r\n";
        i = p + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

bool ends_with_ci(std::string_view text, std::size_t end, std::string_view word) {
  if (end < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[end - word.size() + i]) != word[i]) return false;
  }
  return true;
}

}  // namespace

std::string php_htmlspecialchars_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char decoded = 0;
    // PHP leaves an '&' alone when fewer than three bytes follow it.
    if (text[i] == '&' && i + 3 < text.size()) {
      const std::size_t length = decode_entity(text, i, decoded);
      if (length > 0) {
        out += decoded;
        i += length;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string php_strip_tags(std::string_view text) {
  enum class State { text, tag, php, declaration, comment };
  State state = State::text;
  std::string out;
  out.reserve(text.size());
  char in_quote = 0;
  int depth = 0;
  int parens = 0;
  char last = 0;  // the `lc` of PHP: last significant character in code
  const auto at = [&](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
  for (std::size_t p = 0; p < text.size(); ++p) {
    const char c = text[p];
    if (c == '\0') continue;
    switch (state) {
      case State::text:
        if (c == '<') {
          if (is_c_space(at(p + 1))) {
            out += c;  // "< " is not a tag
          } else {
            last = '<';
            state = State::tag;
          }
        } else if (c == '>') {
          if (depth > 0) {
            --depth;
          } else {
            out += c;
          }
        } else {
          out += c;
        }
        break;
      case State::tag:
        if (c == '<') {
          if (!in_quote && !is_c_space(at(p + 1))) ++depth;
        } else if (c == '>') {
          if (depth > 0) {
            --depth;
          } else if (!in_quote) {
            last = '>';
            in_quote = 0;
            state = State::text;
          }
        } else if (c == '"' || c == '\'') {
          if (p != 0 && (!in_quote || c == in_quote)) in_quote = in_quote ? 0 : c;
        } else if (c == '!' && p >= 1 && text[p - 1] == '<') {
          last = c;
          state = State::declaration;
        } else if (c == '?' && p >= 1 && text[p - 1] == '<') {
          parens = 0;
          state = State::php;
        }
        break;
      case State::php:
        if (c == '(') {
          if (last != '"' && last != '\'') {
            last = '(';
            ++parens;
          }
        } else if (c == ')') {
          if (last != '"' && last != '\'') {
            last = ')';
            --parens;
          }
        } else if (c == '>') {
          if (depth > 0) {
            --depth;
          } else if (!in_quote && parens == 0 && p >= 1 && last != '"' && text[p - 1] == '?') {
            in_quote = 0;
            state = State::text;
          }
        } else if (c == '"' || c == '\'') {
          if (p >= 1 && text[p - 1] != '\\') {
            if (last == c) {
              last = 0;
            } else if (last != '\\') {
              last = c;
            }
          }
          if (p != 0 && (!in_quote || c == in_quote)) in_quote = in_quote ? 0 : c;
        } else if ((c == 'l' || c == 'L') && p > 4 && ends_with_ci(text, p, "<?xm")) {
          state = State::tag;  // "<?xml" is markup, not code
        }
        break;
      case State::declaration:
        if (c == '>') {
          if (depth > 0) {
            --depth;
          } else if (!in_quote) {
            in_quote = 0;
            state = State::text;
          }
        } else if (c == '"' || c == '\'') {
          if (p != 0 && text[p - 1] != '\\' && (!in_quote || c == in_quote)) in_quote = in_quote ? 0 : c;
        } else if (c == '-' && p >= 2 && text[p - 1] == '-' && text[p - 2] == '!') {
          state = State::comment;
        } else if ((c == 'e' || c == 'E') && p > 6 && ends_with_ci(text, p, "doctyp")) {
          state = State::tag;
        }
        break;
      case State::comment:
        if (c == '>' && !in_quote && p >= 2 && text[p - 1] == '-' && text[p - 2] == '-') {
          in_quote = 0;
          state = State::text;
        }
        break;
    }
  }
  return out;
}

std::string err03_body_excerpt(std::string_view body) {
  const std::string decoded = php_htmlspecialchars_decode(body);
  const std::string stripped = php_strip_tags(replace_line_breaks(decoded));
  return std::string(php_trim(stripped).substr(0, 400));
}

}  // namespace pavi::service
