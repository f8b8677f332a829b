// The original compares the whole header line as text, so "authorization: basic ..." or two spaces fail; PaviKit
// keeps that: browsers and curl send the canonical form.
#include "gateway/visuweb/visuweb_route.hpp"

#include <algorithm>

#include "gateway/service_protocol/base64.hpp"

namespace pavi::gateway::visuweb {

std::string expected_authorization(std::string_view user, std::string_view password) {
  return "Authorization: Basic " + service::base64_encode(std::string(user) + ":" + std::string(password));
}

bool authorized(const VisuRequest& request, const VisuAccess& access, std::string_view client_ip) {
  if (std::find(access.allowip.begin(), access.allowip.end(), client_ip) != access.allowip.end()) return true;
  // Empty credentials never open the door (startup validation refuses them; this guards the library alone).
  if (access.user.empty() || access.password.empty()) return false;
  const std::string expected = expected_authorization(access.user, access.password);
  return std::find(request.lines.begin(), request.lines.end(), expected) != request.lines.end();
}

Page route(const VisuRequest& request, const VisuAccess& access, std::string_view client_ip) {
  const std::string action = request.param("action");
  if (action == "webmedia") return request.param("pin").size() == 4 ? Page::webmedia : Page::webmedia_refused;
  if (!authorized(request, access, client_ip)) return Page::unauthorized;
  if (request.path() == "/metrics") return Page::metrics;
  if (action.empty()) return Page::live;
  if (action == "visujson") return Page::visujson;
  if (action == "stats") return Page::stats;
  if (action == "proxy" && access.ssl) return Page::proxy;
  return Page::other;
}

}  // namespace pavi::gateway::visuweb
