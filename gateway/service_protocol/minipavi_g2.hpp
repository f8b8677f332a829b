// MiniPavi's toG2(): how the original gateway turns UTF-8 text into Videotex for its own drawings (ERR pages,
// field prefills, screensaver text). It is a plain table substitution, not a full encoder: the characters of its
// table become SS2 sequences and every other byte, non-ASCII included, passes through unchanged. Its table
// writes î as 19 48 69 (diaeresis, a bug mirrored from the input side) and Ç as 19 4B 63 (cedilla + c).
#pragma once

#include <string>
#include <string_view>

namespace pavi::service {

std::string minipavi_to_g2(std::string_view utf8_text);

}  // namespace pavi::service
