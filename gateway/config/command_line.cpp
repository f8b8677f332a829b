// The gateway's command line (config.md §7): --cfgfile is loaded first, every other flag then overrides it;
// both "--opt value" and "--opt=value" work, as with PHP's getopt.
#include <algorithm>
#include <array>

#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {
namespace {

enum class Kind { string, integer, path };

struct Flag {
  std::string_view name;
  Kind kind;
  std::string GatewayConfig::*text = nullptr;
  int GatewayConfig::*number = nullptr;
};

const std::array kFlags{
    Flag{"--host", Kind::string, &GatewayConfig::host},
    Flag{"--durl", Kind::string, &GatewayConfig::durl},
    Flag{"--maxc", Kind::integer, nullptr, &GatewayConfig::maxc},
    Flag{"--wsport", Kind::integer, nullptr, &GatewayConfig::wsport},
    Flag{"--wssport", Kind::integer, nullptr, &GatewayConfig::wssport},
    Flag{"--telnport", Kind::integer, nullptr, &GatewayConfig::telnport},
    Flag{"--astport", Kind::integer, nullptr, &GatewayConfig::astport},
    Flag{"--httpport", Kind::integer, nullptr, &GatewayConfig::httpport},
    Flag{"--httpuser", Kind::string, &GatewayConfig::httpuser},
    Flag{"--httppwd", Kind::string, &GatewayConfig::httppwd},
    Flag{"--lpath", Kind::path, &GatewayConfig::lpath},
    Flag{"--spath", Kind::path, &GatewayConfig::spath},
    Flag{"--rpath", Kind::path, &GatewayConfig::rpath},
    Flag{"--ipdbkey", Kind::string, &GatewayConfig::ipdbkey},
    Flag{"--ssl", Kind::string, &GatewayConfig::ssl},
    Flag{"--sslkey", Kind::string, &GatewayConfig::sslkey},
    Flag{"--annuaire", Kind::string, &GatewayConfig::annuaire},
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

struct Given {
  std::string name;
  std::string value;
};

}  // namespace

GatewayConfig quick_start_config() {
  GatewayConfig config;
  config.host = "localhost";
  config.durl = std::string(kInternalDurl);
  config.maxc = 10000;
  config.wsport = 8182;
  config.telnport = 8183;
  return config;
}

LoadResult load_gateway_config(const std::vector<std::string>& args) {
  LoadResult result;
  if (args.empty()) {
    result.config = quick_start_config();
    return result;
  }
  std::vector<Given> given;
  std::string cfgfile;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      result.help = true;
      return result;
    }
    if (arg == "-v") {
      result.config.verbose = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const bool known = name == "--cfgfile" ||
                       std::any_of(kFlags.begin(), kFlags.end(), [&](const Flag& f) { return f.name == name; });
    if (!known) {
      // The original ignores unknown options silently; a typo then goes unnoticed, so PaviKit says it.
      result.warnings.push_back({"", arg, "unknown option, ignored (see --help)"});
      continue;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      result.errors.push_back({"", name, "needs a value"});
      continue;
    }
    if (name == "--cfgfile") {
      cfgfile = value;
    } else {
      given.push_back({name, value});
    }
  }

  GatewayConfig& config = result.config;
  if (!cfgfile.empty()) {
    const bool verbose_flag = config.verbose;
    load_config_file(cfgfile, config, result.errors, result.warnings);
    config.verbose = config.verbose || verbose_flag;
    if (!result.errors.empty()) return result;
  }
  for (const Given& g : given) {
    const auto flag = std::find_if(kFlags.begin(), kFlags.end(), [&](const Flag& f) { return f.name == g.name; });
    switch (flag->kind) {
      case Kind::integer: {
        const std::string value = trim(g.value);
        config.*(flag->number) = php_int(value);
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
          result.errors.push_back({"", g.name, "'" + g.value + "' is not a whole number"});
        }
        break;
      }
      case Kind::path: {
        std::string value = trim(g.value);
        if (!value.empty() && value.back() != '/') value += '/';
        config.*(flag->text) = value.empty() && flag->name != "--rpath" ? "./" : value;
        break;
      }
      case Kind::string:
        config.*(flag->text) = trim(g.value);
        break;
    }
  }
  if (!result.errors.empty()) return result;
  if (config.durl.empty()) config.durl = std::string(kInternalDurl);  // the embedded welcome service
  result.errors = validate(config);
  return result;
}

std::string usage_text() {
  return R"(usage: pavi-gateway [--cfgfile FILE] [options]

PaviKit's MiniPavi-compatible Minitel gateway. Settings come from MiniPavi's XML file (--cfgfile); every flag
given here overrides the file.

  --cfgfile FILE     MiniPavi XML configuration (<config><general>...)
  --host NAME        public host name or IP (required)
  --durl URL         default (home) service URL; absent or "internal:": the embedded welcome service
  --maxc N           maximum simultaneous connections (required, >= 1)
  --wsport N         WebSocket port        --wssport N    TLS WebSocket port (needs --ssl and --sslkey)
  --telnport N       raw TCP port          --astport N    Asterisk soft-modem port
  --httpport N       VisuWeb port (needs --httpuser and --httppwd)
  --httpuser U       --httppwd P           VisuWeb credentials (no ':')
  --lpath DIR        logs                  --spath DIR    statistics      --rpath DIR   recordings
  --ipdbkey KEY      AbuseIPDB key         --ssl FILE     PEM certificate --sslkey FILE PEM key
  --annuaire FILE    the welcome service's directory of service codes (MiniPaviAcc's paviacc.conf format)
  -v                 verbose               --help         this text

At least one of --wsport, --wssport, --telnport, --astport is needed. With no arguments at all, the gateway
starts on this machine with the welcome service: ws://localhost:8182/ and telnet port 8183, maxc 10000.
Exit status: 0 stopped cleanly, 2 invalid configuration (one line per problem on stderr).
)";
}

}  // namespace pavi::gateway
