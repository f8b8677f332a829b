// What a VisuWeb request asks for, and whether it may have it (visuweb-stats-recordings.md §2.1): webmedia needs
// no authentication; everything else needs the client IP in allowip, or the exact Basic credentials line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/visuweb/visuweb_request.hpp"

namespace pavi::gateway::visuweb {

struct VisuAccess {
  std::string user;  // httpuser
  std::string password;  // httppwd
  std::vector<std::string> allowip;
  bool ssl = false;  // `action=proxy` exists only with ssl
};

enum class Page {
  unauthorized,     // 401 with the Basic challenge
  webmedia,         // the poll (no authentication)
  webmedia_refused, // a pin that is not 4 characters: the connection closes without a reply (C-132)
  visujson,
  live,             // no action, or an empty one
  stats,
  metrics,          // PaviKit: `/metrics`, the Prometheus text
  proxy,            // only with ssl
  other,            // an unknown action: the footer alone
};

// The header line the original compares, byte for byte: "Authorization: Basic " + base64(user:password).
std::string expected_authorization(std::string_view user, std::string_view password);
bool authorized(const VisuRequest& request, const VisuAccess& access, std::string_view client_ip);

Page route(const VisuRequest& request, const VisuAccess& access, std::string_view client_ip);

}  // namespace pavi::gateway::visuweb
