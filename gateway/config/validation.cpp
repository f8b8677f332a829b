// The startup checks of config.md §2, in the original's order, as errors naming the key and the reason, plus
// the checks the original lacks (port ranges, two listeners on one port).
#include <filesystem>
#include <map>

#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {

std::vector<ConfigError> validate(const GatewayConfig& c) {
  std::vector<ConfigError> errors;
  const std::string& file = c.cfgfile;
  const auto fail = [&](std::string key, std::string reason) { errors.push_back({file, std::move(key), std::move(reason)}); };

  if (c.maxc < 1) fail("general/maxc", "maximum connections missing or wrong: must be at least 1");
  if (c.wsport < 1 && c.wssport < 1 && c.telnport < 1 && c.astport < 1) {
    fail("general/wsport", "no listener: at least one of wsport, wssport, telnport, astport must be above 0");
  }
  if (c.wssport > 0 && (c.ssl.empty() || c.sslkey.empty())) {
    fail(c.ssl.empty() ? "general/ssl" : "general/sslkey", "a TLS websocket (wssport) needs both ssl and sslkey");
  }
  if (c.httpport > 0 && (c.httpuser.empty() || c.httppwd.empty() || c.httpuser.find(':') != std::string::npos ||
                         c.httppwd.find(':') != std::string::npos)) {
    fail(c.httpuser.empty() || c.httpuser.find(':') != std::string::npos ? "general/httpuser" : "general/httppwd",
         "VisuWeb (httpport) needs a user name and a password, without ':'");
  }
  if (c.host.empty()) fail("general/host", "host missing");

  std::map<int, std::string> ports;
  for (const auto& [name, port] : {std::pair{"wsport", c.wsport}, {"wssport", c.wssport}, {"telnport", c.telnport},
                                   {"astport", c.astport}, {"httpport", c.httpport}}) {
    if (port > 65535) fail(std::string("general/") + name, std::to_string(port) + " is not a TCP port (1-65535)");
    if (port < 1) continue;
    const auto [it, inserted] = ports.emplace(port, name);
    if (!inserted) fail(std::string("general/") + name, "port " + std::to_string(port) + " is already used by " + it->second);
  }

  if (errors.empty() && c.wssport > 0) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(c.ssl, ec)) fail("general/ssl", c.ssl + " not found");
    if (!std::filesystem::is_regular_file(c.sslkey, ec)) fail("general/sslkey", c.sslkey + " not found");
  }
  if (c.asterisk) {
    const AsteriskConfig& a = *c.asterisk;
    for (const auto& [name, value] : {std::pair{"sipchannel", &a.sipchannel}, {"ip", &a.ip}, {"port", &a.port},
                                      {"user", &a.user}, {"context", &a.context}, {"ext", &a.ext},
                                      {"maxtime", &a.maxtime}, {"calltimeout", &a.calltimeout}}) {
      if (value->empty()) fail(std::string("connecttocmd/asterisk/") + name, "missing (outgoing Asterisk calls need all of sipchannel, ip, port, user, context, ext, maxtime, calltimeout)");
    }
  }
  return errors;
}

}  // namespace pavi::gateway
