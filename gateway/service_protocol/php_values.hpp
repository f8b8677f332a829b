// How the PHP gateway coerces the JSON values a service sends: (int) casts, string conversion for string
// parameters, truth tests, and loose == comparisons ("echo":true means "on"). PHP 8 rules throughout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

// (int)$v: "12abc" -> 12, "x" -> 0, 3.9 -> 3, true -> 1, null -> 0, [] -> 0, [1] -> 1, {} -> 1.
std::int64_t php_int(const Json& value);
// The string PHP passes to a string parameter: null -> "", true -> "1", false -> "", 5 -> "5", 1.5 -> "1.5".
// Arrays and objects give nullopt: PHP 8 raises a TypeError there (the original session dies).
std::optional<std::string> php_string(const Json& value);
// (bool)$v.
bool php_truthy(const Json& value);
// $v == 'text' with PHP 8 loose comparison (true == 'on'; 0 != 'on'; "1e1" == "10").
bool php_loose_equals(const Json& value, std::string_view text);
// PHP 8 is_numeric() for strings: optional surrounding whitespace, sign, digits, fraction, exponent.
bool php_is_numeric_string(std::string_view text);

}  // namespace pavi::service
