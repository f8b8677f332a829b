// The body excerpt of ERR#03 (service-protocol.md §7.2, C-078): htmlspecialchars_decode, <br> to CR LF,
// strip_tags, trim, then the first 400 bytes (a byte cut, as PHP substr does, even inside a UTF-8 sequence).
#pragma once

#include <string>
#include <string_view>

namespace pavi::service {

std::string php_htmlspecialchars_decode(std::string_view text);  // &amp; &lt; &gt; &quot; and &#39;-style numbers
std::string php_strip_tags(std::string_view text);               // PHP 8 strip_tags() without allowed tags
std::string err03_body_excerpt(std::string_view body);

}  // namespace pavi::service
