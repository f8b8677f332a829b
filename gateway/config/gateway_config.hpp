// The gateway's settings: every key of MiniPavi's XML config and command line (config.md), with their
// built-in values, and the functions that load, override, validate and print them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pavi::gateway {

struct AsteriskConfig {
  std::string sipchannel;  // dial string, %NUM% replaced by the number called
  std::string ip;
  std::string port;
  std::string user;
  std::string pwd;
  std::string context;
  std::string ext;
  std::string maxtime;      // seconds
  std::string calltimeout;  // milliseconds
};

struct CaptureConfig {
  std::string hlbrowser;
  std::string key;  // first character, upper-cased
  std::string message;
  std::string messagemax;
  int max = 0;
  bool enabled() const {
    return !hlbrowser.empty() && !key.empty() && !message.empty() && !messagemax.empty() && max > 0;
  }
};

inline constexpr int kDefaultMaxHisto = 30;
inline constexpr int kDefaultTimeout = 600;

struct GatewayConfig {
  std::string cfgfile;  // empty: no file
  // <general>
  std::string host;
  bool verbose = false;
  std::string durl;
  int maxc = 0;
  int maxcip = 0;  // 0: unlimited
  int maxhisto = kDefaultMaxHisto;
  int timeout = kDefaultTimeout;
  bool screensaver = true;
  int wsport = 0;
  int wssport = 0;
  int astport = 0;
  int telnport = 0;
  int httpport = 0;
  std::string httpuser;
  std::string httppwd;
  std::string lpath = "./";
  std::string spath = "./";
  std::string ssl;
  std::string sslkey;
  std::string ipdbkey;
  std::string ipblacklist;
  std::string ipwhitelist;
  std::string viewer;
  std::vector<std::string> allowip;
  std::string annuaire;  // PaviKit: the welcome service's directory (paviacc.conf format); "" = empty directory
  // <connecttocmd>
  bool has_connecttocmd = false;
  std::vector<std::string> keys;
  std::string extcallurl;
  std::string visukey;
  std::optional<AsteriskConfig> asterisk;
  // <recordings>
  std::string rpath;  // empty: recordings off
  // <capture>
  CaptureConfig capture;
};

// One problem found in a config: where (file and key) and why. `to_line()` is what the operator reads.
struct ConfigError {
  std::string file;    // "" for the command line
  std::string key;     // "general/maxc", "--wsport", ...
  std::string reason;
  std::string to_line() const;
};

struct LoadResult {
  GatewayConfig config;
  std::vector<ConfigError> errors;    // fatal
  std::vector<ConfigError> warnings;  // kept going, as the original does, but said
  bool help = false;                  // --help was given
};

// PHP (int) semantics: leading blanks, optional sign, leading digits; anything else gives 0.
int php_int(std::string_view text);

// Reads the XML file into `config` (only the keys present change). Errors: missing, unparsable, wrong root.
void load_config_file(const std::string& path, GatewayConfig& config, std::vector<ConfigError>& errors,
                      std::vector<ConfigError>& warnings);
// What `pavi-gateway` with no arguments at all runs: the embedded welcome service on ws 8182 and telnet 8183,
// for this machine (host localhost), up to 10,000 connections.
GatewayConfig quick_start_config();
// The durl that means "the embedded welcome service" (also what an absent durl means).
inline constexpr std::string_view kInternalDurl = "internal:";

// The whole startup: --cfgfile first, then every other flag over it, then the checks of config.md §2.
LoadResult load_gateway_config(const std::vector<std::string>& args);
// The startup checks (config.md §2 "Startup validation"), in the original's order.
std::vector<ConfigError> validate(const GatewayConfig& config);
// The startup banner, line for line as the original prints it (config.md §8).
std::string startup_banner(const GatewayConfig& config, std::string_view version);
// The --help text.
std::string usage_text();

}  // namespace pavi::gateway
