// The `pavi` subcommands: each is a function from arguments to an exit code, testable without a process.
// Exit codes: 0 success, 1 the job failed (unreadable file, failed expectation), 2 bad usage.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace pavi::cli {

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using CommandFn = int (*)(std::span<const std::string> args, Io io);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFn run;
};

int replay_command(std::span<const std::string> args, Io io);
int line_command(std::span<const std::string> args, Io io);
int conformance_command(std::span<const std::string> args, Io io);
int session_command(std::span<const std::string> args, Io io);
int stress_command(std::span<const std::string> args, Io io);

// Every subcommand, in the order `pavi --help` lists them.
std::span<const Command> commands();
// Dispatches argv (without the program name) to a subcommand.
int run_pavi(std::span<const std::string> args, Io io);

}  // namespace pavi::cli
