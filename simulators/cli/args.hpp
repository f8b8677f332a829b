// A small argument parser for the subcommands: named options with or without a value, positionals,
// and one clear error line for anything unexpected.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pavi::cli {

struct OptionSpec {
  std::string name;         // "--png"
  bool takes_value = false;
};

struct ParsedArgs {
  std::map<std::string, std::string> options;  // "--png" -> "out.png"; flags map to ""
  std::vector<std::string> positionals;
  std::string error;                           // non-empty on bad usage

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;
};

// "--name value" and "--name=value" are both accepted; "-" alone is a positional (stdin); "--" ends options.
ParsedArgs parse_args(std::span<const std::string> args, std::span<const OptionSpec> specs);

}  // namespace pavi::cli
