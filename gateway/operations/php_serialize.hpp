// A small reader and writer of PHP's serialize() format, enough for the statistics files: null, booleans,
// integers, floats, strings and arrays (ordered, with integer or string keys). Objects are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pavi::gateway::php {

struct Value;
using Key = std::variant<long, std::string>;
using Array = std::vector<std::pair<Key, Value>>;  // PHP arrays keep insertion order

struct Value {
  std::variant<std::monostate, bool, long, double, std::string, Array> data;
};

// nullopt on any malformed or truncated input, or trailing bytes; never throws.
std::optional<Value> unserialize(std::string_view text);
std::string serialize(const Value& value);

// PHP's array-key rule: a string holding a canonical decimal integer ("22", not "05" or "+1") becomes an integer key.
Key array_key(std::string_view text);

}  // namespace pavi::gateway::php
