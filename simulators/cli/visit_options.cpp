// Reading the options shared by `pavi session` and `pavi stress`.
#include "simulators/cli/visit_options.hpp"

#include <charconv>
#include <cmath>

#include "simulators/terminal/identity.hpp"

namespace pavi::cli {

long long whole_option(const ParsedArgs& args, const std::string& name, long long fallback, long long low,
                       long long high) {
  const auto text = args.value(name);
  if (!text) return fallback;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    throw UsageError{"option '" + name + "' expects a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got '" + *text + "'"};
  }
  return value;
}

std::chrono::milliseconds seconds_option(const ParsedArgs& args, const std::string& name,
                                         std::chrono::milliseconds fallback, double high) {
  const auto text = args.value(name);
  if (!text) return fallback;
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || !std::isfinite(value) ||
      value < 0 || value > high) {
    throw UsageError{"option '" + name + "' expects seconds from 0 to " + std::to_string(static_cast<long>(high)) +
                     ", got '" + *text + "'"};
  }
  return std::chrono::milliseconds(static_cast<long long>(std::llround(value * 1000.0)));
}

sim::TerminalOptions terminal_options(const ParsedArgs& args) {
  sim::TerminalOptions options;
  if (const auto name = args.value("--identity")) {
    const auto model = sim::terminal_model_from_name(*name);
    if (!model) throw UsageError{"option '--identity' expects minitel1b, minitel2 or emulator, got '" + *name + "'"};
    options.identity = sim::identity_of(*model);
  }
  return options;
}

sim::ConnectOptions connect_options(const ParsedArgs& args) {
  sim::ConnectOptions options;
  options.insecure = args.has("--insecure");
  if (const auto ca = args.value("--ca")) options.ca_file = *ca;
  options.timeout = std::chrono::milliseconds(whole_option(args, "--connect-timeout", 10000, 1, 600000));
  return options;
}

sim::VisitScript script_option(const ParsedArgs& args) {
  const auto path = args.value("--script");
  if (!path) throw UsageError{"missing --script FILE (the visit to run; see docs/SCRIPTS.md)"};
  auto load = sim::load_visit_script(*path);
  if (!load) throw UsageError{load.error};
  return std::move(*load.script);
}

}  // namespace pavi::cli
