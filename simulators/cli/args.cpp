// Argument parsing for the subcommands.
#include "simulators/cli/args.hpp"

#include <algorithm>

namespace pavi::cli {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

ParsedArgs parse_args(std::span<const std::string> args, std::span<const OptionSpec> specs) {
  ParsedArgs parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      parsed.error = "unknown option '" + name + "'";
      return parsed;
    }
    if (!spec->takes_value) {
      if (eq != std::string::npos) {
        parsed.error = "option '" + name + "' takes no value";
        return parsed;
      }
      parsed.options[name] = "";
    } else if (eq != std::string::npos) {
      parsed.options[name] = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      parsed.options[name] = args[++i];
    } else {
      parsed.error = "option '" + name + "' needs a value";
      return parsed;
    }
  }
  return parsed;
}

}  // namespace pavi::cli
