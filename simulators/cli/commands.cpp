// The subcommand table and `pavi --help`.
#include "simulators/cli/commands.hpp"

#include <array>
#include <ostream>

namespace pavi::cli {
namespace {

constexpr std::array kCommands{
    Command{"replay", "decode a .vdt recording and show the screen (text, JSON, ANSI, PNG, frames)", replay_command},
    Command{"line", "V.23 modem audio through a simulated phone line: encode, decode WAV, BER sweep", line_command},
    Command{"session", "one scripted visit (type, press, expect) with a simulated Minitel against a gateway",
            session_command},
    Command{"stress", "load a gateway or a service with virtual users playing a script; latency and error report",
            stress_command},
    Command{"conformance", "run the gateway conformance suite against a gateway (text, JUnit XML, JSON report)",
            conformance_command},
};

void usage(std::ostream& out) {
  out << "usage: pavi <command> [options]\n\nPaviKit's Minitel toolkit. Commands:\n";
  for (const auto& c : kCommands) out << "  " << c.name << std::string(c.name.size() < 13 ? 13 - c.name.size() : 1, ' ') << c.summary << '\n';
  out << "\n`pavi <command> --help` describes a command.\n";
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

int run_pavi(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? io.err : io.out);
    return args.empty() ? 2 : 0;
  }
  for (const auto& c : kCommands) {
    if (c.name == args[0]) return c.run(args.subspan(1), io);
  }
  io.err << "pavi: unknown command '" << args[0] << "' (try pavi --help)\n";
  return 2;
}

}  // namespace pavi::cli
