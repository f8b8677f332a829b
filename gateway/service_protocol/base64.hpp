// Base64 as the gateway reads a reply's `content` (PHP base64_decode, non-strict: bytes outside the RFC 4648
// alphabet and every '=' are skipped, a trailing partial group yields what it can; C-026) and as services write it.
#pragma once

#include <string>
#include <string_view>

namespace pavi::service {

std::string base64_decode_lenient(std::string_view text);
std::string base64_encode(std::string_view bytes);  // standard alphabet, '=' padded

}  // namespace pavi::service
