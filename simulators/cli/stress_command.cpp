// `pavi stress`: load on a gateway (N simulated Minitels) or straight on a service (N headless users playing the
// gateway's side of the protocol), each user looping over a visit script, bounded by --count or --duration, with
// a live progress line and a final report (text, or JSON for CI).
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

#include "gateway/service_client/service_client.hpp"
#include "simulators/cli/args.hpp"
#include "simulators/cli/commands.hpp"
#include "simulators/cli/visit_options.hpp"
#include "simulators/load/gateway_user.hpp"
#include "simulators/load/load_driver.hpp"
#include "simulators/load/service_load_user.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: pavi stress URL --script FILE (--count N | --duration S) [options]\n"
    "       pavi stress --service URL --script FILE (--count N | --duration S) [options]\n"
    "\n"
    "Loads a Minitel gateway, or a MiniPavi service directly, with virtual users that each play a visit\n"
    "script (docs/SCRIPTS.md) again and again: a visit whose step fails is counted with its error kind and\n"
    "the user starts a new one.\n"
    "  through a gateway (URL: ws://, wss://, telnet://): each user is a simulated Minitel that connects,\n"
    "      plays the script and hangs up; latencies are the waits for the expected screens.\n"
    "  straight at a service (--service URL): no gateway; each user plays the gateway's side of the\n"
    "      protocol (CNX, then the scripted keys, following next, context and the input commands);\n"
    "      latencies are those of the service's HTTP replies. For service authors.\n"
    "A progress line is shown on standard error. The report gives throughput, latency percentiles\n"
    "(p50/p90/p99/max), errors by kind and sessions completed.\n"
    "\n"
    "options:\n"
    "  --script FILE          the visit each user plays (required)\n"
    "  --count N              stop after N visits in all (the visits under way finish)\n"
    "  --duration S           stop after S seconds (visits under way are cut short and reported apart)\n"
    "  --users N              virtual users at once (default 1)\n"
    "  --ramp-up S            start the users evenly over S seconds (default 0: all at once)\n"
    "  --think MS             pause before every key or text a user sends, as a person reading (default 0)\n"
    "  --warm-up S            measure the steady state: leave the first S seconds (users connecting) and\n"
    "                         the hang-ups after --duration out of the request count, latency and rate\n"
    "  --hold                 after its first completed visit, each user keeps the line open and idle until\n"
    "                         the end of the run, then hangs up (needs --duration): what idle sessions cost;\n"
    "                         the report says how many were held at once\n"
    "  --service URL          service mode: the service's URL (http:// or https://)\n"
    "  --json                 the report as JSON on standard output (for CI)\n"
    "  --quiet                no progress line\n"
    "  --identity MODEL       gateway mode: minitel1b (default), minitel2, emulator\n"
    "  --insecure             do not check TLS certificates (wss://, https://)\n"
    "  --ca FILE              gateway mode, wss://: also trust the CA certificates in FILE (PEM)\n"
    "  --connect-timeout MS   gateway mode: longest wait for a connection (default 10000)\n"
    "  --io-threads N         gateway mode: network threads shared by the simulated Minitels (default 2)\n"
    "  --help                 this text\n"
    "\n"
    "examples:\n"
    "  pavi stress ws://127.0.0.1:8182 --script visit.txt --users 200 --ramp-up 20 --think 1000 --duration 120\n"
    "  pavi stress --service http://127.0.0.1:8080/index.php --script visit.txt --users 50 --count 5000 --json\n"
    "  pavi stress ws://127.0.0.1:8182 --script idle.txt --users 10000 --ramp-up 20 --hold --duration 60\n"
    "\n"
    "exit status: 0 every visit completed, 1 some failed (the report says why), 2 bad usage\n";

const OptionSpec kOptions[] = {
    {"--script", true},   {"--count", true},           {"--duration", true},   {"--users", true},
    {"--ramp-up", true},  {"--think", true},           {"--service", true},    {"--json", false},
    {"--quiet", false},   {"--identity", true},        {"--insecure", false},  {"--ca", true},
    {"--connect-timeout", true}, {"--io-threads", true}, {"--help", false},    {"-h", false},
    {"--hold", false},    {"--warm-up", true}};

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

// Prints the progress line: rewritten in place on a terminal, a line every few seconds otherwise (logs, CI).
struct Progress {
  std::ostream& out;
  bool tty;
  std::size_t width = 0;
  std::mutex mutex;  // user threads print failures between progress lines

  void show(const sim::LoadSnapshot& snapshot) {
    const auto line = sim::progress_line(snapshot);
    const std::lock_guard lock(mutex);
    if (tty) {
      out << '\r' << line << std::string(width > line.size() ? width - line.size() : 0, ' ') << std::flush;
      width = line.size();
    } else {
      out << line << '\n' << std::flush;
    }
  }
  void end() {
    const std::lock_guard lock(mutex);
    end_line();
  }
  // Text between progress lines.
  void note(const std::string& text) {
    const std::lock_guard lock(mutex);
    end_line();
    out << text << std::flush;
  }

 private:
  void end_line() {
    if (tty && width > 0) out << '\n';
    width = 0;
  }
};

int run(std::span<const std::string> args, Io io) {
  const auto parsed = parse_args(args, kOptions);
  if (parsed.has("--help") || parsed.has("-h")) {
    io.out << kUsage;
    return 0;
  }
  if (!parsed.error.empty()) throw UsageError{parsed.error};
  const auto service_url = parsed.value("--service");
  if (service_url && !parsed.positionals.empty()) {
    throw UsageError{"give either a gateway URL or --service URL, not both"};
  }
  if (!service_url && parsed.positionals.size() != 1) {
    throw UsageError{parsed.positionals.empty() ? "missing the gateway URL (or --service URL for service mode)"
                                                : "one URL only, got '" + parsed.positionals[1] + "' too"};
  }
  if (service_url && service_url->rfind("http://", 0) != 0 && service_url->rfind("https://", 0) != 0) {
    throw UsageError{"--service expects an http:// or https:// URL, got '" + *service_url + "'"};
  }
  if (service_url) {
    for (const char* option : {"--identity", "--ca", "--connect-timeout", "--io-threads"}) {
      if (parsed.has(option)) throw UsageError{std::string("option '") + option + "' is for gateway mode only"};
    }
  }
  const auto script = script_option(parsed);

  sim::LoadOptions options;
  options.users = static_cast<std::size_t>(whole_option(parsed, "--users", 1, 1, 100000));
  options.ramp_up = seconds_option(parsed, "--ramp-up", std::chrono::milliseconds(0), 86400);
  options.think = std::chrono::milliseconds(whole_option(parsed, "--think", 0, 0, 3600000));
  if (parsed.has("--duration")) options.duration = seconds_option(parsed, "--duration", {}, 7 * 86400.0);
  if (parsed.has("--count")) options.count = static_cast<std::uint64_t>(whole_option(parsed, "--count", 0, 1, 1LL << 40));
  if (!options.duration && !options.count) throw UsageError{"bound the run with --count N or --duration S"};
  if (options.duration && options.duration->count() == 0) throw UsageError{"option '--duration' must be above 0"};
  options.warm_up = seconds_option(parsed, "--warm-up", std::chrono::milliseconds(0), 86400);
  if (options.duration && options.warm_up >= *options.duration) {
    throw UsageError{"option '--warm-up' must be shorter than --duration"};
  }
  options.hold = parsed.has("--hold");
  if (options.hold && !options.duration) throw UsageError{"--hold needs --duration S (held lines end with the run)"};

  const bool json = parsed.has("--json");
  const bool tty = &io.err == &std::cerr && isatty(STDERR_FILENO) != 0;
  Progress progress{io.err, tty, 0, {}};
  options.progress_interval = std::chrono::milliseconds(tty ? 500 : 5000);
  if (!parsed.has("--quiet")) options.on_progress = [&progress](const sim::LoadSnapshot& s) { progress.show(s); };
  // The first failure is shown in full (step, reason, screen): the tallies alone do not say what went wrong.
  std::once_flag first_failure;
  options.on_failure = [&](const sim::VisitStep& step, const sim::StepResult& result) {
    std::call_once(first_failure, [&] {
      progress.note("first failure: " + script.name + ":" + std::to_string(step.line) + ": " + sim::describe(step) +
                    ": " + result.message + "\n" + result.screen);
    });
  };
  // Ctrl-C ends the run as --duration would, and the report is still printed.
  g_interrupted = false;
  options.cancel = &g_interrupted;
  const auto previous_handler = std::signal(SIGINT, on_interrupt);

  sim::LoadStats stats;
  sim::LoadSnapshot result;
  std::string mode;
  if (service_url) {
    mode = "service";
    gateway::ServiceClientOptions client_options;
    client_options.verify_tls = !parsed.has("--insecure");
    gateway::ServiceClient client(client_options);
    const auto factory = sim::service_user_factory(*service_url, client);
    result = sim::run_load(script, options, factory, stats);
  } else {
    mode = "gateway";
    const auto io_threads = static_cast<std::size_t>(whole_option(parsed, "--io-threads", 2, 1, 64));
    const auto terminal = terminal_options(parsed);
    const auto connect = connect_options(parsed);
    std::vector<std::unique_ptr<sim::IoRunner>> runners;
    for (std::size_t i = 0; i < io_threads; ++i) runners.push_back(std::make_unique<sim::IoRunner>());
    const std::string url = parsed.positionals[0];
    const sim::LoadUserFactory factory = [&](std::size_t index, sim::LoadStats&) -> std::unique_ptr<sim::LoadUser> {
      auto user_terminal = terminal;
      user_terminal.runner = runners[index % runners.size()].get();
      return std::make_unique<sim::GatewayUser>(url, connect, user_terminal);
    };
    result = sim::run_load(script, options, factory, stats);
  }
  std::signal(SIGINT, previous_handler);
  progress.end();

  if (json) {
    io.out << sim::json_report(result, mode);
  } else {
    const std::string target = service_url ? *service_url : parsed.positionals[0];
    io.out << sim::text_report(result, "pavi stress (" + mode + " mode): " + target + ", " +
                                           std::to_string(options.users) + " users, script " + script.name);
  }
  return result.sessions_failed == 0 ? 0 : 1;
}

}  // namespace

int stress_command(std::span<const std::string> args, Io io) {
  try {
    return run(args, io);
  } catch (const UsageError& e) {
    io.err << "pavi stress: " << e.message << " (see pavi stress --help)\n";
    return 2;
  }
}

}  // namespace pavi::cli
