// The start parameters of a WebSocket connection, read from its request line exactly as the original reads
// them (gateway-behaviour.md §14): only for a target starting "/?", pairs split on '&' then '=', a pair that
// does not split into exactly two parts dropped, values urldecoded, names kept as they are.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace pavi::gateway {

std::map<std::string, std::string> websocket_query(std::string_view target);

}  // namespace pavi::gateway
