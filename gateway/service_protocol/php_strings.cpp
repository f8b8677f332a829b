// PHP string helpers (see php_strings.hpp).
#include "gateway/service_protocol/php_strings.hpp"

#include <cmath>
#include <cstdio>

namespace pavi::service {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

bool is_octal(char c) { return c >= '0' && c <= '7'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view php_trim(std::string_view text) {
  constexpr std::string_view kTrimmed{" \t\n\r\0\x0B", 6};
  const auto first = text.find_first_not_of(kTrimmed);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kTrimmed);
  return text.substr(first, last - first + 1);
}

std::optional<char32_t> read_utf8(std::string_view text, std::size_t& pos) {
  if (pos >= text.size()) return std::nullopt;
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = at(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t extra = 0;
  char32_t cp = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return std::nullopt;
  }
  if (pos + extra >= text.size()) return std::nullopt;  // truncated sequence
  for (std::size_t i = 1; i <= extra; ++i) {
    const unsigned char c = at(pos + i);
    if (i == 1 ? (c < low || c > high) : !is_continuation(c)) return std::nullopt;
    cp = (cp << 6) | (c & 0x3F);
  }
  pos += extra + 1;
  return cp;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!read_utf8(text, pos)) return false;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!read_utf8(text, pos)) ++pos;
    ++count;
  }
  return count;
}

std::string utf8_substr(std::string_view text, std::size_t start, std::size_t length) {
  std::size_t pos = 0;
  std::size_t index = 0;
  std::size_t begin = text.size();
  std::size_t end = text.size();
  while (pos < text.size()) {
    if (index == start) begin = pos;
    if (length != std::string_view::npos && index == start + length) {
      end = pos;
      break;
    }
    if (!read_utf8(text, pos)) ++pos;
    ++index;
  }
  if (begin >= end) return {};
  return std::string(text.substr(begin, end - begin));
}

std::string php_stripcslashes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'v': out += '\v'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'x': {
        // Up to two hex digits; "\x" with none keeps the 'x'.
        int value = 0;
        int digits = 0;
        while (digits < 2 && i + 1 < text.size() && hex_value(text[i + 1]) >= 0) {
          value = value * 16 + hex_value(text[++i]);
          ++digits;
        }
        if (digits == 0) {
          out += 'x';
        } else {
          out += static_cast<char>(value);
        }
        break;
      }
      default:
        if (is_octal(c)) {
          int value = c - '0';
          int digits = 1;
          while (digits < 3 && i + 1 < text.size() && is_octal(text[i + 1])) {
            value = value * 8 + (text[++i] - '0');
            ++digits;
          }
          out += static_cast<char>(value & 0xFF);
        } else {
          out += c;
        }
        break;
    }
  }
  return out;
}

std::string php_float_to_string(double value) {
  if (std::isnan(value)) return "NAN";
  if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14G", value);
  std::string text(buffer);
  const auto e = text.find('E');
  if (e == std::string::npos) return text;
  // PHP writes "1.0E+25" and "1.0E-7" where printf gives "1E+25" and "1E-07".
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  std::string exponent = text.substr(e + 1);
  const char sign = exponent[0];
  exponent.erase(0, 1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return mantissa + "E" + sign + exponent;
}

}  // namespace pavi::service
