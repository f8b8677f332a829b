// URLPARAMS: the query of the current service URL, decoded as PHP parse_str() decodes it (service-protocol.md
// §2.2, C-004): values URL-decoded, "a[]=x" lists, "d[k]=v" nested objects, '.' and ' ' in the top-level name
// turned into '_', a name without '=' given "", and an array whose keys are exactly 0..n-1 written as a JSON list.
#pragma once

#include <optional>
#include <string_view>

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

// The decoded query as JSON (an object, or a list for "0=a&1=b"); nullopt when it yields no variable at all,
// which is when the request carries no URLPARAMS key. Values may hold bytes that are not UTF-8 ("%FF"): the
// original then fails to encode the request (see request.hpp).
std::optional<Json> urlparams_from_query(std::string_view query);

// The same for a whole service URL: its query as PHP parse_url() finds it (nothing when parse_url fails).
std::optional<Json> urlparams_from_url(std::string_view url);

}  // namespace pavi::service
