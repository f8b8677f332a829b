// Options shared by `pavi session` and `pavi stress`: numbers, the terminal identity, connection settings and the
// visit script, each read with one clear usage error.
#pragma once

#include <string>

#include "simulators/cli/args.hpp"
#include "simulators/load/visit_script.hpp"
#include "simulators/net/transport.hpp"
#include "simulators/terminal/terminal.hpp"

namespace pavi::cli {

struct UsageError {
  std::string message;
};

// Option `name` as a whole number in [low, high], or `fallback` when absent. Throws UsageError.
long long whole_option(const ParsedArgs& args, const std::string& name, long long fallback, long long low,
                       long long high);
// Option `name` in seconds (decimals allowed) as milliseconds, or `fallback`. Throws UsageError.
std::chrono::milliseconds seconds_option(const ParsedArgs& args, const std::string& name,
                                         std::chrono::milliseconds fallback, double high);
// --identity minitel1b|minitel2|emulator. Throws UsageError.
sim::TerminalOptions terminal_options(const ParsedArgs& args);
// --insecure, --ca FILE, --connect-timeout MS. Throws UsageError.
sim::ConnectOptions connect_options(const ParsedArgs& args);
// --script FILE, required; a parse error is a usage error (exit 2) naming file:line.
sim::VisitScript script_option(const ParsedArgs& args);

}  // namespace pavi::cli
