// PHP print_r() of a decoded JSON value (objects print as "stdClass Object", lists as "Array"): the text the
// original shows on ERR#07 for an unknown command (service-protocol.md §7.2), raw line feeds included.
#pragma once

#include <string>

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

std::string php_print_r(const Json& value);

}  // namespace pavi::service
