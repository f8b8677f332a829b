// The gateway's embedded default service: what a user sees on a fresh gateway with no `durl` (or
// durl="internal:"). A welcome page asks for a service code, Guide lists the directory page by page, and a
// known code hands the user over to its URL with directcall "yes-cnx", so the service starts as on a new
// connection. It speaks the service protocol like any remote service (request in, reply body out) and is
// served in-process, so the session engine treats it exactly as it treats the others.
#pragma once

#include <string>
#include <string_view>

#include "gateway/service_protocol/request.hpp"
#include "gateway/welcome/directory.hpp"

namespace pavi::gateway {

// The URL of the welcome page. It passes the URL check of `next` (FILTER_VALIDATE_URL), so it can be used
// wherever a service URL goes.
inline constexpr std::string_view kWelcomeUrl = "internal://accueil/";

// True for URLs the gateway serves itself ("internal://..."), and for the config value "internal:".
bool is_internal_url(std::string_view url);

struct WelcomeOptions {
  std::string gateway_name = "PaviKit";  // shown in the title
  std::string version;                   // shown on the last row when not empty
  int entries_per_page = 14;             // directory listing
};

// The reply body (service-protocol.md §3) for one request to the welcome service.
std::string welcome_reply(const service::Request& request, const Directory& directory,
                          const WelcomeOptions& options = {});

}  // namespace pavi::gateway
