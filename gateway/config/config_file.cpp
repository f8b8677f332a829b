// Loading MiniPavi's XML configuration file (config.md §1-§6) with pugixml: trimmed texts, PHP integer
// semantics, <visuweb> nested in <general> and <asterisk> nested in <connecttocmd>.
#include <cctype>
#include <pugixml.hpp>

#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string text_of(const pugi::xml_node& node) { return trim(node.child_value()); }

// Whole-number keys: PHP's (int) is kept (so "600s" still means 600), but a value that is not a clean integer
// is reported, because it is almost always a typing mistake.
void read_int(const pugi::xml_node& section, const char* name, const std::string& where, int& out,
              std::vector<ConfigError>& warnings, const std::string& file) {
  const pugi::xml_node node = section.child(name);
  if (!node) return;
  const std::string value = text_of(node);
  out = php_int(value);
  const bool clean = !value.empty() && value.find_first_not_of("0123456789", value[0] == '-' ? 1 : 0) == std::string::npos;
  if (!clean) {
    warnings.push_back({file, where + "/" + name, "'" + value + "' is not a whole number; read as " + std::to_string(out)});
  }
}

void read_string(const pugi::xml_node& section, const char* name, std::string& out) {
  if (const pugi::xml_node node = section.child(name)) out = text_of(node);
}

std::string with_trailing_slash(std::string path) {
  if (path.empty()) return "./";
  if (path.back() != '/') path += '/';
  return path;
}

}  // namespace

int php_int(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  long long value = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    value = value * 10 + (text[i] - '0');
    if (value > 2147483647LL) return negative ? -2147483647 - 1 : 2147483647;
  }
  return static_cast<int>(negative ? -value : value);
}

std::string ConfigError::to_line() const {
  std::string line;
  if (!file.empty()) line += file + ": ";
  if (!key.empty()) line += key + ": ";
  return line + reason;
}

void load_config_file(const std::string& path, GatewayConfig& config, std::vector<ConfigError>& errors,
                      std::vector<ConfigError>& warnings) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_file(path.c_str(), pugi::parse_default | pugi::parse_trim_pcdata);
  if (parsed.status == pugi::status_file_not_found || parsed.status == pugi::status_io_error) {
    errors.push_back({path, "", "cannot read the configuration file"});
    return;
  }
  if (!parsed) {
    errors.push_back({path, "", std::string("not valid XML at byte ") + std::to_string(parsed.offset) + ": " +
                                    parsed.description()});
    return;
  }
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "config") {
    errors.push_back({path, root.name(), "the root element must be <config>"});
    return;
  }
  config.cfgfile = path;
  // The original's "no file" and "missing key" values differ for maxhisto only: with a file, absent is 0 there.
  // PaviKit keeps the documented default (30) in both cases: see docs/COMPATIBILITY.md.

  if (const pugi::xml_node general = root.child("general")) {
    read_string(general, "host", config.host);
    int verbose = config.verbose ? 1 : 0;
    read_int(general, "verbose", "general", verbose, warnings, path);
    config.verbose = verbose != 0;
    read_string(general, "durl", config.durl);
    read_int(general, "maxc", "general", config.maxc, warnings, path);
    read_int(general, "maxcip", "general", config.maxcip, warnings, path);
    if (general.child("maxhisto")) {
      read_int(general, "maxhisto", "general", config.maxhisto, warnings, path);
      if (config.maxhisto < 0) config.maxhisto = kDefaultMaxHisto;
    }
    read_int(general, "timeout", "general", config.timeout, warnings, path);
    if (config.timeout <= 0) config.timeout = kDefaultTimeout;
    if (const pugi::xml_node saver = general.child("screensaver")) config.screensaver = text_of(saver) != "no";
    read_int(general, "wsport", "general", config.wsport, warnings, path);
    read_int(general, "wssport", "general", config.wssport, warnings, path);
    read_int(general, "astport", "general", config.astport, warnings, path);
    read_int(general, "telnport", "general", config.telnport, warnings, path);
    read_int(general, "httpport", "general", config.httpport, warnings, path);
    read_string(general, "httpuser", config.httpuser);
    read_string(general, "httppwd", config.httppwd);
    read_string(general, "lpath", config.lpath);
    read_string(general, "spath", config.spath);
    config.lpath = with_trailing_slash(config.lpath);
    config.spath = with_trailing_slash(config.spath);
    read_string(general, "ssl", config.ssl);
    read_string(general, "sslkey", config.sslkey);
    read_string(general, "ipdbkey", config.ipdbkey);
    read_string(general, "ipblacklist", config.ipblacklist);
    read_string(general, "ipwhitelist", config.ipwhitelist);
    read_string(general, "viewer", config.viewer);
    read_string(general, "annuaire", config.annuaire);
    for (const pugi::xml_node ip : general.child("visuweb").children("allowip")) config.allowip.push_back(text_of(ip));
  }

  if (const pugi::xml_node cmd = root.child("connecttocmd")) {
    config.has_connecttocmd = true;
    for (const pugi::xml_node key : cmd.children("key")) config.keys.push_back(text_of(key));
    read_string(cmd, "extcallurl", config.extcallurl);
    read_string(cmd, "visukey", config.visukey);
    if (const pugi::xml_node ast = cmd.child("asterisk")) {
      AsteriskConfig a;
      read_string(ast, "sipchannel", a.sipchannel);
      read_string(ast, "ip", a.ip);
      read_string(ast, "port", a.port);
      read_string(ast, "user", a.user);
      read_string(ast, "pwd", a.pwd);
      read_string(ast, "context", a.context);
      read_string(ast, "ext", a.ext);
      read_string(ast, "maxtime", a.maxtime);
      read_string(ast, "calltimeout", a.calltimeout);
      config.asterisk = a;
    }
  }

  if (const pugi::xml_node rec = root.child("recordings")) {
    read_string(rec, "rpath", config.rpath);
    if (!config.rpath.empty() && config.rpath.back() != '/') config.rpath += '/';
  }

  if (const pugi::xml_node cap = root.child("capture")) {
    read_string(cap, "hlbrowser", config.capture.hlbrowser);
    std::string key;
    read_string(cap, "key", key);
    if (!key.empty()) config.capture.key = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(key[0]))));
    read_string(cap, "message", config.capture.message);
    read_string(cap, "messagemax", config.capture.messagemax);
    read_int(cap, "max", "capture", config.capture.max, warnings, path);
  }
}

}  // namespace pavi::gateway
