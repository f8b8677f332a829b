// The PHP string functions the gateway's behaviour depends on: trim, mb_strlen/mb_substr on UTF-8, stripcslashes,
// float-to-string, and a strict UTF-8 reader (PHP's json and mbstring reject what RFC 3629 rejects).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::service {

// PHP trim() with its default set: space, \t, \n, \r, \0 and \x0B.
std::string_view php_trim(std::string_view text);

// Reads one well-formed UTF-8 sequence at `pos` and moves past it; nullopt (pos unchanged) if it is not one.
std::optional<char32_t> read_utf8(std::string_view text, std::size_t& pos);
bool is_valid_utf8(std::string_view text);

// mb_strlen / mb_substr($text, $start, $length) on UTF-8. An invalid byte counts as one character, as in mbstring.
std::size_t utf8_length(std::string_view text);
std::string utf8_substr(std::string_view text, std::size_t start, std::size_t length = std::string_view::npos);

// PHP stripcslashes(): C escapes (\n, \t, \x13, \101, \\ ...) turned into bytes; an unknown escape keeps the letter.
std::string php_stripcslashes(std::string_view text);

// (string)$float in PHP 8: 14 significant digits, "1.0E+25" style exponents, "-0" for negative zero.
std::string php_float_to_string(double value);

}  // namespace pavi::service
