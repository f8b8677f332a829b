// Private to gateway/server: what a connection writes to the gateway's log (connection_operations.cpp).
#pragma once

#include <string_view>

#include "gateway/operations/gateway_log.hpp"
#include "gateway/session/connection_banner.hpp"
#include "gateway/session/service_session.hpp"

namespace pavi::gateway::detail {

// The kind as the original's "***CNX***" line names it: WS, WSS, TELN, RTC, RTC(PCE).
std::string_view log_label(ConnectionKind kind);
// "Appel service [<fctn>] [<first input>] > <url>", or the DECO line for a FIN ("onStop: ..." while stopping).
// The first input element is logged as its length only: the original logs it in clear, passwords included.
void log_service_call(GatewayLog& log, const ServiceCall& call, bool stopping);

}  // namespace pavi::gateway::detail
