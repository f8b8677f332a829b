// PHP-compatible JSON decoding and encoding (see php_json.hpp). The decoder mirrors PHP 8's scanner and parser
// closely enough to give the same verdict and the same error message for any input: strict RFC 8259 syntax,
// NUL bytes and unterminated strings reported as control-character errors, any bad \u escape as an unpaired
// surrogate, depth counted per array/object.
#include "gateway/service_protocol/php_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "gateway/service_protocol/php_strings.hpp"
#include "videotex/utf8.hpp"

namespace pavi::service {
namespace {

class Decoder {
 public:
  Decoder(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  JsonDecodeResult run() {
    JsonDecodeResult result;
    Json value;
    if (parse_value(value)) {
      skip_whitespace();
      if (pos_ < text_.size()) {
        fail(text_[pos_] == '\0' ? php_json_error::control_character : php_json_error::syntax);
      } else {
        result.value = std::move(value);
        return result;
      }
    }
    result.error = std::string(error_);
    return result;
  }

 private:
  bool fail(std::string_view message) {
    if (error_.empty()) error_ = message;
    return false;
  }

  void skip_whitespace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  // A token PHP's scanner cannot start: a NUL inside the input is a control-character error, anything else syntax.
  bool fail_unexpected() {
    if (pos_ < text_.size() && text_[pos_] == '\0') return fail(php_json_error::control_character);
    return fail(php_json_error::syntax);
  }

  bool parse_value(Json& out) {
    skip_whitespace();
    if (pos_ >= text_.size()) return fail(php_json_error::syntax);
    const char c = text_[pos_];
    switch (c) {
      case '{': return parse_object(out);
      case '[': return parse_array(out);
      case '"': {
        std::string s;
        if (!parse_string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't': return parse_literal("true", Json(true), out);
      case 'f': return parse_literal("false", Json(false), out);
      case 'n': return parse_literal("null", Json(nullptr), out);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
        return fail_unexpected();
    }
  }

  bool parse_literal(std::string_view word, Json value, Json& out) {
    if (text_.substr(pos_, word.size()) != word) return fail(php_json_error::syntax);
    pos_ += word.size();
    out = std::move(value);
    return true;
  }

  bool enter() {
    if (depth_++ >= max_depth_) return fail(php_json_error::depth);
    return true;
  }

  bool parse_array(Json& out) {
    if (!enter()) return false;
    ++pos_;
    out = Json::array();
    skip_whitespace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      --depth_;
      return true;
    }
    while (true) {
      Json element;
      if (!parse_value(element)) return false;
      out.push_back(std::move(element));
      skip_whitespace();
      if (pos_ >= text_.size()) return fail(php_json_error::syntax);
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        --depth_;
        return true;
      }
      return fail_unexpected();
    }
  }

  bool parse_object(Json& out) {
    if (!enter()) return false;
    ++pos_;
    out = Json::object();
    skip_whitespace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      --depth_;
      return true;
    }
    while (true) {
      skip_whitespace();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail_unexpected();
      std::string key;
      if (!parse_string(key)) return false;
      skip_whitespace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail_unexpected();
      ++pos_;
      Json member;
      if (!parse_value(member)) return false;
      // Decoding into stdClass: a property name starting with NUL is refused.
      if (!key.empty() && key[0] == '\0') return fail(php_json_error::property_name);
      out[key] = std::move(member);  // a repeated key keeps its first place and takes the last value, as in PHP
      skip_whitespace();
      if (pos_ >= text_.size()) return fail(php_json_error::syntax);
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        --depth_;
        return true;
      }
      return fail_unexpected();
    }
  }

  std::optional<unsigned> read_hex4(std::size_t at) const {
    if (at + 4 > text_.size()) return std::nullopt;
    unsigned value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      const char c = text_[i];
      unsigned digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<unsigned>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  // \u escape at pos_ (pointing at the backslash). PHP accepts a BMP non-surrogate, or a high surrogate directly
  // followed by an escaped low one; every other \u (bad hex included) is an "unpaired surrogate" error.
  bool parse_unicode_escape(std::string& out) {
    const auto first = read_hex4(pos_ + 2);
    if (!first) return fail(php_json_error::unpaired_surrogate);
    if (*first >= 0xDC00 && *first <= 0xDFFF) return fail(php_json_error::unpaired_surrogate);
    if (*first >= 0xD800 && *first <= 0xDBFF) {
      if (text_.substr(pos_ + 6, 2) != "\\u") return fail(php_json_error::unpaired_surrogate);
      const auto second = read_hex4(pos_ + 8);
      if (!second || *second < 0xDC00 || *second > 0xDFFF) return fail(php_json_error::unpaired_surrogate);
      videotex::utf8::append(out, 0x10000 + ((*first - 0xD800) << 10) + (*second - 0xDC00));
      pos_ += 12;
      return true;
    }
    videotex::utf8::append(out, *first);
    pos_ += 6;
    return true;
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      // PHP's buffer ends with a NUL, which the string state reads as a control character.
      if (pos_ >= text_.size()) return fail(php_json_error::control_character);
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail(php_json_error::control_character);
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) return fail(php_json_error::syntax);
        const char e = text_[pos_ + 1];
        char plain = 0;
        switch (e) {
          case '"': plain = '"'; break;
          case '\\': plain = '\\'; break;
          case '/': plain = '/'; break;
          case 'b': plain = '\b'; break;
          case 'f': plain = '\f'; break;
          case 'n': plain = '\n'; break;
          case 'r': plain = '\r'; break;
          case 't': plain = '\t'; break;
          case 'u':
            if (!parse_unicode_escape(out)) return false;
            continue;
          default: return fail(php_json_error::syntax);
        }
        out += plain;
        pos_ += 2;
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      const std::size_t start = pos_;
      if (!read_utf8(text_, pos_)) return fail(php_json_error::malformed_utf8);
      out.append(text_.substr(start, pos_ - start));
    }
  }

  bool parse_number(Json& out) {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    const auto digit_at = [&](std::size_t i) { return i < text_.size() && text_[i] >= '0' && text_[i] <= '9'; };
    if (!digit_at(pos_)) return fail(php_json_error::syntax);
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit_at(pos_)) ++pos_;
    }
    bool is_float = false;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      if (!digit_at(pos_ + 1)) return fail(php_json_error::syntax);
      is_float = true;
      ++pos_;
      while (digit_at(pos_)) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t at = pos_ + 1;
      if (at < text_.size() && (text_[at] == '+' || text_[at] == '-')) ++at;
      if (!digit_at(at)) return fail(php_json_error::syntax);
      is_float = true;
      pos_ = at;
      while (digit_at(pos_)) ++pos_;
    }
    const std::string_view number = text_.substr(start, pos_ - start);
    if (!is_float) {
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (ec == std::errc() && end == number.data() + number.size()) {
        out = value;
        return true;
      }
      // Too big for a PHP int: PHP reads it as a float.
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    (void)end;
    if (ec == std::errc::result_out_of_range) {
      // zend_strtod gives +-INF on overflow and +-0 on underflow.
      const bool negative = number.front() == '-';
      const auto e = number.find_first_of("eE");
      const bool tiny = e != std::string_view::npos && number.substr(e + 1).find('-') != std::string_view::npos;
      value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
      if (negative) value = -value;
    }
    out = value;
    return true;
  }

  std::string_view text_;
  int max_depth_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string_view error_;
};

void append_escaped(std::string& out, std::string_view text, JsonStyle style) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto hex4 = [&](unsigned v) {
    out += "\\u";
    out += kHex[(v >> 12) & 0xF];
    out += kHex[(v >> 8) & 0xF];
    out += kHex[(v >> 4) & 0xF];
    out += kHex[v & 0xF];
  };
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x80) {
      const std::size_t start = pos;
      const char32_t cp = *read_utf8(text, pos);  // validated by the caller
      if (style == JsonStyle::compact) {
        out.append(text.substr(start, pos - start));
      } else if (cp >= 0x10000) {
        const char32_t v = cp - 0x10000;
        hex4(0xD800 + (v >> 10));
        hex4(0xDC00 + (v & 0x3FF));
      } else {
        hex4(cp);
      }
      continue;
    }
    ++pos;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '/': out += style == JsonStyle::php ? "\\/" : "/"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          hex4(c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// PHP's serialize_precision = -1: the shortest round-trip digits, exponent form below 1e-4 or at 1e17 and above.
std::string php_json_float(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  (void)ec;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  std::string sign;
  if (text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  const auto e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent = std::stoi(std::string(text.substr(e + 1)));
  const int point = exponent + 1;  // digits before the decimal point
  if (digits == "0") return sign + "0";
  if (point < -3 || point > 17) {
    std::string out = sign + digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "e";
    out += exponent < 0 ? "-" : "+";
    out += std::to_string(exponent < 0 ? -exponent : exponent);
    return out;
  }
  if (point <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  if (digits.size() <= static_cast<std::size_t>(point)) {
    return sign + digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  }
  return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

bool encode_value(std::string& out, const Json& value, JsonStyle style, std::string& error) {
  switch (value.type()) {
    case Json::value_t::null: out += "null"; return true;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return true;
    case Json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); return true;
    case Json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); return true;
    case Json::value_t::number_float: {
      const double d = value.get<double>();
      if (!std::isfinite(d)) {
        error = php_json_error::inf_or_nan;
        return false;
      }
      out += php_json_float(d);
      return true;
    }
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (!is_valid_utf8(s)) {
        error = php_json_error::malformed_utf8;
        return false;
      }
      append_escaped(out, s, style);
      return true;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        if (!encode_value(out, element, style, error)) return false;
      }
      out += ']';
      return true;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        if (!is_valid_utf8(key)) {
          error = php_json_error::malformed_utf8;
          return false;
        }
        append_escaped(out, key, style);
        out += ':';
        if (!encode_value(out, member, style, error)) return false;
      }
      out += '}';
      return true;
    }
    default:
      error = "Type is not supported";
      return false;
  }
}

}  // namespace

JsonDecodeResult php_json_decode(std::string_view text, int max_depth) { return Decoder(text, max_depth).run(); }

JsonEncodeResult php_json_encode(const Json& value, JsonStyle style) {
  JsonEncodeResult result;
  std::string out;
  if (encode_value(out, value, style, result.error)) result.text = std::move(out);
  return result;
}

}  // namespace pavi::service
