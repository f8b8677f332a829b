// `pavi conformance`: the gateway conformance suite from the command line. Starts the fake service (or binds the
// address of --service-url), tells the operator which durl to configure, waits for the gateway, finds out whether
// the gateway's default service is the fake service, runs the selected checks with a progress line, and writes the
// report. Exit 0 when no non-Q check failed, 1 otherwise, 2 on bad usage.
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "simulators/cli/args.hpp"
#include "simulators/cli/commands.hpp"
#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/harness.hpp"
#include "simulators/conformance/report.hpp"
#include "simulators/conformance/suite.hpp"
#include "simulators/net/endpoint.hpp"
#include "simulators/net/io_runner.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::cli {
namespace {

using namespace std::chrono_literals;
namespace conf = pavi::conformance;

constexpr std::string_view kUsage =
    "usage: pavi conformance --gateway ws://HOST:PORT [--telnet HOST:PORT] [options]\n"
    "\n"
    "Checks that a Minitel gateway behaves like MiniPavi 1.6, item by item of the conformance checklist\n"
    "(C-001 ... C-150). The suite plays both ends: a simulated Minitel connects to the gateway, and a fake\n"
    "MiniPavi service answers the gateway's HTTP requests and records them. Each check drives one scenario and\n"
    "reports pass, fail or skip with the reason. Items that cannot be seen from outside (configuration files,\n"
    "Asterisk, VisuWeb, long timers) are reported as skipped. (Q) items reproduce quirks of the original: they\n"
    "are reported apart and only fail the run with --strict-quirks.\n"
    "\n"
    "The gateway must call the fake service: without --service-url the suite starts it on a free port of\n"
    "127.0.0.1 and prints the durl to give the gateway (its default service), then waits for the gateway to\n"
    "accept connections. In CI, fix the address with --service-url and configure the gateway with it first.\n"
    "Checks that need the default service (and telnet sessions, which always start there) are skipped when\n"
    "the gateway's durl is not the fake service.\n"
    "\n"
    "options:\n"
    "  --gateway URL        the gateway's WebSocket listener, e.g. ws://127.0.0.1:8182\n"
    "  --telnet HOST:PORT   the gateway's telnet listener (raw TCP), e.g. 127.0.0.1:8183\n"
    "  --service-url URL    where the gateway reaches the fake service, e.g. http://127.0.0.1:8090/home : the\n"
    "                       fake service listens on that port, and the URL is taken as the gateway's durl (give\n"
    "                       it a path: a durl that prefixes every URL makes every service the default one)\n"
    "  --listen ADDR        address the fake service binds (default 127.0.0.1; 0.0.0.0 when --service-url names\n"
    "                       another host, e.g. a gateway in a container)\n"
    "  --wait S             wait up to S seconds for the gateway to accept connections (default 30)\n"
    "  --only IDS           run only these items or checks, comma-separated: --only C-001,C-042,C-014.telnet\n"
    "  --format F           report format: text (default), junit (JUnit XML for CI) or json\n"
    "  --output FILE        write the report to FILE instead of standard output\n"
    "  --strict-quirks      (Q) items count: a quirk the gateway does not reproduce fails the run\n"
    "  --visukey KEY        the gateway's <connecttocmd><visukey>: runs the duplicateStream checks (C-128, C-129)\n"
    "  --timeout MS         longest wait inside a check (default 5000)\n"
    "  --list               list the checks and the items reported as skipped, then exit\n"
    "  --help               this text\n"
    "\n"
    "examples:\n"
    "  pavi conformance --gateway ws://127.0.0.1:8182\n"
    "  pavi conformance --gateway ws://127.0.0.1:8182 --telnet 127.0.0.1:8183 \\\n"
    "      --service-url http://127.0.0.1:8090/home --format junit --output conformance.xml\n"
    "  pavi conformance --gateway ws://127.0.0.1:8182 --only C-036,C-043 --timeout 2000\n"
    "\n"
    "exit status: 0 no check failed (Q items aside), 1 a check failed or the gateway is unreachable, 2 bad usage\n";

constexpr OptionSpec kOptions[] = {{"--gateway", true},     {"--telnet", true},  {"--service-url", true},
                                   {"--listen", true},      {"--wait", true},    {"--only", true},
                                   {"--format", true},      {"--output", true},  {"--strict-quirks", false},
                                   {"--timeout", true},     {"--list", false},   {"--visukey", true},
                                   {"--help", false},       {"-h", false}};

struct UsageError {
  std::string message;
};

long whole_number(const ParsedArgs& args, const std::string& name, long fallback, long low, long high) {
  const auto text = args.value(name);
  if (!text) return fallback;
  long value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    throw UsageError{"option '" + name + "' expects a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got '" + *text + "'"};
  }
  return value;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

struct HttpUrl {
  std::string host;
  std::uint16_t port = 80;
  std::string base;  // "http://host:port"
};

std::optional<HttpUrl> parse_http_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0) return std::nullopt;
  const std::string rest = url.substr(7);
  const std::string authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) return std::nullopt;
  HttpUrl out;
  const auto colon = authority.rfind(':');
  out.host = authority.substr(0, colon);
  if (colon != std::string::npos) {
    unsigned value = 0;
    const std::string port = authority.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  if (out.host.empty()) return std::nullopt;
  out.base = "http://" + authority;
  return out;
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

void list_checks(std::ostream& out) {
  for (const auto& c : conf::all_checks()) {
    std::string ids;
    for (const auto& id : c.ids) ids += (ids.empty() ? "" : ",") + id;
    out << (c.run ? "check " : "skip  ") << c.key << std::string(c.key.size() < 14 ? 14 - c.key.size() : 1, ' ')
        << (c.quirk ? "(Q) " : "") << c.title;
    if (ids != c.key) out << "  [" << ids << "]";
    if (!c.run) out << "  -- " << c.skip_reason;
    out << '\n';
  }
}

// Until host:port accepts a TCP connection, or `wait` has passed.
bool wait_for_listener(const std::string& host, std::uint16_t port, std::chrono::seconds wait) {
  sim::IoRunner runner;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  sim::ConnectOptions options;
  options.timeout = 1000ms;
  do {
    auto opened = sim::open_transport(runner, "tcp://" + host + ":" + std::to_string(port), options);
    if (opened) {
      opened.transport->close();
      return true;
    }
    std::this_thread::sleep_for(500ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

// Whether a session without start URL lands on the fake service.
bool probe_default_service(conf::Harness& harness) {
  harness.begin("probe");
  harness.respond(conf::in_order({conf::page("")}));
  bool connected = false;
  if (!harness.settings().gateway_ws.empty()) {
    connected = harness.connect_ws("", false);
  } else {
    connected = harness.connect_telnet(false);
  }
  const bool called = connected && harness.wait_requests(1);
  harness.finish();
  return called;
}

int run(const ParsedArgs& args, Io io) {
  conf::ReportFormat format = conf::ReportFormat::text;
  if (const auto f = args.value("--format"); f && !conf::parse_report_format(*f, format)) {
    throw UsageError{"option '--format' expects text, junit or json, got '" + *f + "'"};
  }
  const long timeout_ms = whole_number(args, "--timeout", 5000, 100, 600000);
  const long wait_s = whole_number(args, "--wait", 30, 0, 86400);
  std::vector<std::string> only;
  if (const auto o = args.value("--only")) {
    only = split_list(*o);
    if (only.empty()) throw UsageError{"option '--only' expects ids such as C-001,C-042"};
  }
  const auto selection = conf::select_checks(conf::all_checks(), only);
  if (!selection.error.empty()) throw UsageError{selection.error};

  conf::HarnessSettings settings;
  std::optional<sim::Endpoint> ws_endpoint;
  if (const auto g = args.value("--gateway")) {
    const auto parsed = sim::parse_endpoint(*g);
    if (!parsed.endpoint || (parsed.endpoint->scheme != sim::Scheme::ws)) {
      throw UsageError{"option '--gateway' expects ws://HOST:PORT, got '" + *g + "'"};
    }
    ws_endpoint = parsed.endpoint;
    settings.gateway_ws = "ws://" + sim::host_header(*parsed.endpoint);
  }
  std::optional<sim::Endpoint> telnet_endpoint;
  if (const auto t = args.value("--telnet")) {
    const std::string url = t->find("://") == std::string::npos ? "tcp://" + *t : *t;
    const auto parsed = sim::parse_endpoint(url);
    if (!parsed.endpoint || parsed.endpoint->scheme == sim::Scheme::ws || parsed.endpoint->scheme == sim::Scheme::wss) {
      throw UsageError{"option '--telnet' expects HOST:PORT, got '" + *t + "'"};
    }
    telnet_endpoint = parsed.endpoint;
    settings.gateway_telnet = "tcp://" + parsed.endpoint->host + ":" + std::to_string(parsed.endpoint->port);
  }
  if (!ws_endpoint && !telnet_endpoint) throw UsageError{"give the gateway's address with --gateway (and/or --telnet)"};

  std::optional<HttpUrl> service_url;
  if (const auto s = args.value("--service-url")) {
    service_url = parse_http_url(*s);
    if (!service_url) throw UsageError{"option '--service-url' expects http://HOST:PORT/..., got '" + *s + "'"};
  }
  sim::FakeServiceOptions service_options;
  service_options.address = args.value("--listen").value_or(
      service_url && !is_loopback(service_url->host) ? std::string("0.0.0.0") : std::string("127.0.0.1"));
  if (service_url) service_options.port = service_url->port;

  std::unique_ptr<sim::FakeService> service;
  try {
    service = std::make_unique<sim::FakeService>(service_options);
  } catch (const std::exception& e) {
    io.err << "pavi conformance: cannot start the fake service on " << service_options.address << ":"
           << service_options.port << ": " << e.what() << '\n';
    return 1;
  }
  settings.service_base = service_url ? service_url->base : service->base_url();
  settings.durl = service_url ? *args.value("--service-url") : service->url("/home");
  const std::string& gateway_host = ws_endpoint ? ws_endpoint->host : telnet_endpoint->host;
  settings.visukey = args.value("--visukey").value_or("");
  settings.local = is_loopback(gateway_host) && (!service_url || is_loopback(service_url->host));
  settings.timeout = std::chrono::milliseconds(timeout_ms);

  io.err << "pavi conformance: fake service on " << service_options.address << ":" << service->port() << "\n"
         << "  configure the gateway's default service: durl = " << settings.durl << "\n";
  const auto& probe_endpoint = ws_endpoint ? *ws_endpoint : *telnet_endpoint;
  io.err << "  waiting up to " << wait_s << " s for the gateway at " << probe_endpoint.host << ":" << probe_endpoint.port
         << " ...\n";
  if (!wait_for_listener(probe_endpoint.host, probe_endpoint.port, std::chrono::seconds(wait_s))) {
    io.err << "pavi conformance: the gateway at " << probe_endpoint.host << ":" << probe_endpoint.port
           << " does not accept connections\n";
    return 1;
  }

  conf::Harness harness(*service, settings);
  const bool durl_is_fake = probe_default_service(harness);
  harness.set_durl_is_fake(durl_is_fake);
  if (!durl_is_fake) {
    io.err << "  note: a session without start URL did not reach the fake service; the checks that need the\n"
           << "  default service are skipped (set the gateway's durl to " << settings.durl << ")\n";
  }

  const auto progress = [&io](std::size_t index, std::size_t total, const conf::CheckResult& result) {
    io.err << "\r[" << (index + 1) << "/" << total << "] " << result.key << " "
           << conf::verdict_name(result.outcome.verdict) << "            " << std::flush;
  };
  const auto report = conf::run_suite(harness, selection.checks, args.has("--strict-quirks"), progress);
  io.err << "\n";

  const std::string text = conf::format_report(report, format);
  if (const auto output = args.value("--output")) {
    std::ofstream file(*output, std::ios::binary);
    file << text;
    if (!file) {
      io.err << "pavi conformance: cannot write " << *output << '\n';
      return 1;
    }
    const auto counts = report.counts(false);
    io.err << "pavi conformance: " << counts.pass << " pass, " << counts.fail << " fail, " << counts.skip
           << " skip; report in " << *output << '\n';
  } else {
    io.out << text;
  }
  return report.failed() ? 1 : 0;
}

}  // namespace

int conformance_command(std::span<const std::string> arguments, Io io) {
  const ParsedArgs args = parse_args(arguments, kOptions);
  try {
    if (!args.error.empty()) throw UsageError{args.error};
    if (args.has("--help") || args.has("-h")) {
      io.out << kUsage;
      return 0;
    }
    if (!args.positionals.empty()) throw UsageError{"unexpected argument '" + args.positionals[0] + "'"};
    if (args.has("--list")) {
      list_checks(io.out);
      return 0;
    }
    return run(args, io);
  } catch (const UsageError& usage) {
    io.err << "pavi conformance: " << usage.message << " (try pavi conformance --help)\n";
    return 2;
  }
}

}  // namespace pavi::cli
