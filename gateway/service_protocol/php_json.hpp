// JSON as the original gateway's PHP reads and writes it. Decoding follows json_decode($text, false, $depth):
// PHP's error messages (shown on ERR#03), its depth limit, big integers read as floats, objects kept apart from
// lists. Encoding follows json_encode with default flags (\uXXXX for non-ASCII, "\/"), or a compact raw-UTF-8 style.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::service {

// Key order matters on the wire (service-protocol.md §2.1), so every JSON value here keeps insertion order.
using Json = nlohmann::ordered_json;

// json_last_error_msg() texts, as the original shows them after "Exception: " on ERR#03.
namespace php_json_error {
inline constexpr std::string_view syntax = "Syntax error";
inline constexpr std::string_view control_character = "Control character error, possibly incorrectly encoded";
inline constexpr std::string_view malformed_utf8 = "Malformed UTF-8 characters, possibly incorrectly encoded";
inline constexpr std::string_view unpaired_surrogate = "Single unpaired UTF-16 surrogate in unicode escape";
inline constexpr std::string_view depth = "Maximum stack depth exceeded";
inline constexpr std::string_view property_name = "The decoded property name is invalid";
inline constexpr std::string_view inf_or_nan = "Inf and NaN cannot be JSON encoded";
}  // namespace php_json_error

struct JsonDecodeResult {
  std::optional<Json> value;  // the decoded value when the text is valid JSON
  std::string error;          // otherwise PHP's message, one of php_json_error
  bool ok() const { return value.has_value(); }
};

// The gateway decodes service replies with a depth of 50 (service-protocol.md §3).
inline constexpr int kResponseMaxDepth = 50;

// PHP json_decode($text, false, $max_depth, JSON_THROW_ON_ERROR). Never throws.
JsonDecodeResult php_json_decode(std::string_view text, int max_depth = 512);

enum class JsonStyle {
  php,      // byte for byte what PHP json_encode writes: non-ASCII as \u00e9 (lower-case hex), '/' as "\/"
  compact,  // raw UTF-8 and unescaped slashes, which the spec allows a reimplementation to send
};

struct JsonEncodeResult {
  std::optional<std::string> text;
  std::string error;  // "Malformed UTF-8 characters, possibly incorrectly encoded" or the Inf/NaN message
  bool ok() const { return text.has_value(); }
};

// json_encode($value): fails (as PHP does) on invalid UTF-8 in any string and on Inf/NaN. Never throws.
JsonEncodeResult php_json_encode(const Json& value, JsonStyle style = JsonStyle::php);

}  // namespace pavi::service
