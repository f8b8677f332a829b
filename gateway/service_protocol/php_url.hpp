// URLs the way the original gateway handles them: PHP parse_url (the parts it keeps), FILTER_VALIDATE_URL (the
// check behind ERR#02, ERR#05 and the XML interpreter), urlencode and urldecode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pavi::service {

// The parts PHP parse_url() returns; absent parts stay nullopt. Control bytes inside parts read as '_', as in PHP.
struct PhpUrl {
  std::optional<std::string> scheme;
  std::optional<std::string> host;  // IPv6 keeps its brackets
  std::optional<int> port;
  std::optional<std::string> user;
  std::optional<std::string> pass;
  std::optional<std::string> path;
  std::optional<std::string> query;     // "" for a bare '?'
  std::optional<std::string> fragment;  // "" for a bare '#'
};

// PHP parse_url(); nullopt where PHP returns false (empty host, bad port...).
std::optional<PhpUrl> php_parse_url(std::string_view url);

// filter_var($url, FILTER_VALIDATE_URL): printable ASCII only, an absolute URL with a scheme; http and https need a
// valid host name (letters, digits, '-', dots; no '_') or a bracketed IPv6 address; mailto:, news: and file: may
// have no host. Any other scheme passes (service-protocol.md §3.1 `next`).
bool php_validate_url(std::string_view url);

// urldecode(): '+' is a space, %XX a byte, any other '%' stays.
std::string php_url_decode(std::string_view text);
// urlencode(): letters, digits and "-_." stay, space becomes '+', every other byte %XX (upper-case hex).
std::string php_urlencode(std::string_view text);

}  // namespace pavi::service
