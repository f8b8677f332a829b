// Minimal UTF-8 helpers: decode to code points, encode, and repair invalid input the way MiniPavi does ('?').
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pavi::videotex::utf8 {

void append(std::string& out, char32_t code_point);
std::string encode(char32_t code_point);
// Decodes UTF-8; every invalid or truncated sequence becomes one `replacement` code point.
std::u32string decode(std::string_view text, char32_t replacement = U'?');
// Valid UTF-8 copy of `text`, invalid sequences replaced by '?'.
std::string sanitise(std::string_view text);
// Number of code points (invalid bytes count one each).
std::size_t length(std::string_view text);

}  // namespace pavi::videotex::utf8
