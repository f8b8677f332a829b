// `pavi session`: one scripted visit (type, press, expect) with a simulated Minitel against a gateway, printing the
// screens as they are checked. Exit 0 only if every expectation held, 1 if one failed or the gateway could not be
// reached (with the reason and the screen), 2 on bad usage.
#include <filesystem>
#include <ostream>
#include <string>

#include "simulators/cli/args.hpp"
#include "simulators/cli/commands.hpp"
#include "simulators/cli/visit_options.hpp"
#include "simulators/load/terminal_target.hpp"
#include "simulators/load/visit_runner.hpp"

namespace pavi::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: pavi session URL --script FILE [options]\n"
    "\n"
    "Runs one visit with a simulated Minitel against a gateway (or any Minitel server): connects to URL\n"
    "(ws://, wss://, telnet://HOST:PORT or tcp://HOST:PORT), then plays the script's steps: type text, press\n"
    "keys, expect texts or patterns on the screen, wait for quiet, pause. The screen is printed after each\n"
    "expectation. The visit stops at the first expectation that does not hold, with the reason and the screen.\n"
    "Script format: docs/SCRIPTS.md, e.g.\n"
    "    expect \"MINIPAVI\" timeout=5s\n"
    "    type 3615\n"
    "    press Envoi\n"
    "    expect regex \"^Choix\" at=24\n"
    "\n"
    "options:\n"
    "  --script FILE          the visit to play (required)\n"
    "  --screens WHEN         print the screen after: expect (each expectation, default), all (every step),\n"
    "                         end (the last step only) or none\n"
    "  --identity MODEL       what the Minitel answers to ENQROM: minitel1b (default), minitel2, emulator\n"
    "  --insecure             wss://: do not check the server's certificate\n"
    "  --ca FILE              wss://: also trust the CA certificates in FILE (PEM)\n"
    "  --connect-timeout MS   longest wait for the connection (default 10000)\n"
    "  --transcript FILE      save every byte both ways, timestamped (replay it with pavi replay)\n"
    "  --png-dir DIR          save the screen as DIR/step-NN.png whenever it is printed\n"
    "  --help                 this text\n"
    "\n"
    "examples:\n"
    "  pavi session ws://127.0.0.1:8182 --script fixtures/scripts/visit.txt\n"
    "  pavi session wss://minitel.example.org/ws --script visit.txt --identity emulator --screens all\n"
    "  pavi session telnet://127.0.0.1:8183 --script visit.txt --transcript visit.json --png-dir screens\n"
    "\n"
    "exit status: 0 every expectation held, 1 one failed or the connection failed, 2 bad usage\n";

const OptionSpec kOptions[] = {{"--script", true},   {"--screens", true},         {"--identity", true},
                                   {"--insecure", false}, {"--ca", true},             {"--connect-timeout", true},
                                   {"--transcript", true}, {"--png-dir", true},       {"--help", false},
                                   {"-h", false}};

enum class Screens { expect, all, end, none };

Screens screens_option(const ParsedArgs& args) {
  const auto text = args.value("--screens").value_or("expect");
  if (text == "expect") return Screens::expect;
  if (text == "all") return Screens::all;
  if (text == "end") return Screens::end;
  if (text == "none") return Screens::none;
  throw UsageError{"option '--screens' expects expect, all, end or none, got '" + text + "'"};
}

std::string milliseconds_text(std::chrono::microseconds elapsed) {
  return std::to_string(elapsed.count() / 1000) + "." + std::to_string(elapsed.count() % 1000 / 100) + " ms";
}

struct Session {
  const sim::VisitScript& script;
  sim::Terminal& terminal;
  Screens screens;
  std::optional<std::filesystem::path> png_dir;
  Io io;
  std::string png_error;

  void print_screen(std::size_t index) {
    io.out << terminal.text();
    if (!io.out.good()) return;
    io.out << std::string(40, '-') << '\n';
    if (!png_dir || !png_error.empty()) return;
    char name[32];
    std::snprintf(name, sizeof name, "step-%02zu.png", index + 1);
    std::string error;
    if (!terminal.save_png((*png_dir / name).string(), error)) png_error = error;
  }

  void on_step(const sim::VisitStep& step, const sim::StepResult& result) {
    const std::string where = script.name + ":" + std::to_string(step.line);
    if (!result.ok) return;  // reported by the caller, with the screen
    io.out << "ok    " << where << ": " << sim::describe(step);
    if (step.is_wait()) io.out << "  (" << milliseconds_text(result.elapsed) << ")";
    io.out << '\n';
    const bool last = result.index + 1 == script.steps.size();
    const bool expectation =
        step.kind == sim::VisitStep::Kind::expect_text || step.kind == sim::VisitStep::Kind::expect_regex;
    if (screens == Screens::all || (screens == Screens::expect && expectation) || (screens == Screens::end && last)) {
      print_screen(result.index);
    }
  }
};

int run(std::span<const std::string> args, Io io) {
  const auto parsed = parse_args(args, kOptions);
  if (parsed.has("--help") || parsed.has("-h")) {
    io.out << kUsage;
    return 0;
  }
  if (!parsed.error.empty()) throw UsageError{parsed.error};
  if (parsed.positionals.size() != 1) {
    throw UsageError{parsed.positionals.empty() ? "missing the gateway URL (ws://HOST:PORT, telnet://HOST:PORT...)"
                                                : "one URL only, got '" + parsed.positionals[1] + "' too"};
  }
  const auto& url = parsed.positionals[0];
  const auto script = script_option(parsed);
  const auto screens = screens_option(parsed);
  auto terminal_opts = terminal_options(parsed);
  const auto connect = connect_options(parsed);
  std::optional<std::filesystem::path> png_dir;
  if (const auto dir = parsed.value("--png-dir")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) {
      io.err << "pavi session: cannot create '" << *dir << "': " << ec.message() << '\n';
      return 1;
    }
    png_dir = *dir;
  }

  sim::Terminal terminal(terminal_opts);
  const auto connected = terminal.connect(url, connect);
  if (!connected) {
    io.err << "pavi session: " << connected.error << '\n';
    return 1;
  }
  io.out << "connected to " << url << '\n';
  Session session{script, terminal, screens, png_dir, io, {}};
  sim::TerminalTarget target(terminal);
  sim::VisitRunOptions options;
  options.on_step = [&session](const sim::VisitStep& step, const sim::StepResult& result) {
    session.on_step(step, result);
  };
  const auto visit = sim::run_visit(script, target, options);

  int status = 0;
  if (const auto* failure = visit.failure()) {
    const auto& step = script.steps[failure->index];
    io.out << "FAIL  " << script.name << ":" << step.line << ": " << sim::describe(step) << '\n'
           << failure->screen << std::string(40, '-') << '\n';
    io.err << "pavi session: " << script.name << ":" << step.line << ": " << failure->message << '\n';
    status = 1;
  } else {
    io.out << "all " << script.steps.size() << " steps held in " << milliseconds_text(visit.elapsed) << '\n';
  }
  terminal.disconnect();
  if (const auto path = parsed.value("--transcript")) {
    std::string error;
    if (!terminal.save_transcript(*path, error)) {
      io.err << "pavi session: cannot write the transcript '" << *path << "': " << error << '\n';
      status = 1;
    }
  }
  if (!session.png_error.empty()) {
    io.err << "pavi session: cannot write a PNG: " << session.png_error << '\n';
    status = 1;
  }
  return status;
}

}  // namespace

int session_command(std::span<const std::string> args, Io io) {
  try {
    return run(args, io);
  } catch (const UsageError& e) {
    io.err << "pavi session: " << e.message << " (see pavi session --help)\n";
    return 2;
  }
}

}  // namespace pavi::cli
