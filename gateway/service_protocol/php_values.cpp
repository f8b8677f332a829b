// PHP value coercions (see php_values.hpp).
#include "gateway/service_protocol/php_values.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "gateway/service_protocol/php_strings.hpp"

namespace pavi::service {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct NumericPrefix {
  std::size_t length = 0;  // 0: no number at the start
  bool is_float = false;
  double as_double = 0;
  std::int64_t as_int = 0;
  bool int_overflow = false;
};

// The longest numeric prefix after leading whitespace, as PHP's is_numeric_string with errors allowed reads it.
NumericPrefix numeric_prefix(std::string_view text) {
  NumericPrefix result;
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  const std::size_t start = i;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::size_t digits = i - int_start;
  if (i < text.size() && text[i] == '.') {
    std::size_t j = i + 1;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (digits > 0 || j > i + 1) {
      digits += j - i - 1;
      result.is_float = true;
      i = j;
    }
  }
  if (digits == 0) return result;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      result.is_float = true;
      i = j;
    }
  }
  result.length = i;
  const std::string number(text.substr(start, i - start));
  result.as_double = std::strtod(number.c_str(), nullptr);
  if (!result.is_float) {
    errno = 0;
    const long long v = std::strtoll(number.c_str(), nullptr, 10);
    if (errno == ERANGE) {
      result.int_overflow = true;
    } else {
      result.as_int = v;
    }
  }
  return result;
}

// zend_dval_to_lval: out-of-range doubles wrap modulo 2^64 on 64-bit builds; NaN and infinities give 0.
std::int64_t double_to_int_wrapping(double d) {
  if (!std::isfinite(d)) return 0;
  constexpr double kTwoPow63 = 9223372036854775808.0;
  if (d >= -kTwoPow63 && d < kTwoPow63) return static_cast<std::int64_t>(d);
  constexpr double kTwoPow64 = 18446744073709551616.0;
  double m = std::fmod(d, kTwoPow64);
  if (m < 0) m += kTwoPow64;
  const auto u = static_cast<std::uint64_t>(m);
  return static_cast<std::int64_t>(u);
}

// zend_dval_to_lval_cap: numeric strings out of range saturate.
std::int64_t double_to_int_capped(double d) {
  if (!std::isfinite(d)) return 0;
  constexpr double kTwoPow63 = 9223372036854775808.0;
  if (d >= kTwoPow63) return std::numeric_limits<std::int64_t>::max();
  if (d < -kTwoPow63) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(d);
}

}  // namespace

bool php_is_numeric_string(std::string_view text) {
  const NumericPrefix prefix = numeric_prefix(text);
  if (prefix.length == 0) return false;
  for (std::size_t i = prefix.length; i < text.size(); ++i) {
    if (!is_space(text[i])) return false;
  }
  return true;
}

std::int64_t php_int(const Json& value) {
  switch (value.type()) {
    case Json::value_t::boolean: return value.get<bool>() ? 1 : 0;
    case Json::value_t::number_integer: return value.get<std::int64_t>();
    case Json::value_t::number_unsigned: return double_to_int_wrapping(static_cast<double>(value.get<std::uint64_t>()));
    case Json::value_t::number_float: return double_to_int_wrapping(value.get<double>());
    case Json::value_t::string: {
      const NumericPrefix prefix = numeric_prefix(value.get_ref<const std::string&>());
      if (prefix.length == 0) return 0;
      if (prefix.is_float || prefix.int_overflow) return double_to_int_capped(prefix.as_double);
      return prefix.as_int;
    }
    case Json::value_t::array: return value.empty() ? 0 : 1;
    case Json::value_t::object: return 1;
    default: return 0;
  }
}

std::optional<std::string> php_string(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return std::string();
    case Json::value_t::boolean: return std::string(value.get<bool>() ? "1" : "");
    case Json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case Json::value_t::number_float: return php_float_to_string(value.get<double>());
    case Json::value_t::string: return value.get<std::string>();
    default: return std::nullopt;
  }
}

bool php_truthy(const Json& value) {
  switch (value.type()) {
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::number_integer: return value.get<std::int64_t>() != 0;
    case Json::value_t::number_unsigned: return value.get<std::uint64_t>() != 0;
    case Json::value_t::number_float: return value.get<double>() != 0.0;
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      return !(s.empty() || s == "0");
    }
    case Json::value_t::array: return !value.empty();
    case Json::value_t::object: return true;
    default: return false;
  }
}

bool php_loose_equals(const Json& value, std::string_view text) {
  switch (value.type()) {
    case Json::value_t::null: return text.empty();
    case Json::value_t::boolean: {
      const bool text_truth = !(text.empty() || text == "0");
      return value.get<bool>() == text_truth;
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      if (php_is_numeric_string(text)) {
        return value.get<double>() == numeric_prefix(text).as_double;
      }
      return *php_string(value) == text;
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (php_is_numeric_string(s) && php_is_numeric_string(text)) {
        const NumericPrefix a = numeric_prefix(s);
        const NumericPrefix b = numeric_prefix(text);
        if (!a.is_float && !b.is_float && !a.int_overflow && !b.int_overflow) return a.as_int == b.as_int;
        return a.as_double == b.as_double;
      }
      return s == text;
    }
    default: return false;
  }
}

}  // namespace pavi::service
