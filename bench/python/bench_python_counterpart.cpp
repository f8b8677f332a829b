// The C++ counterpart of bench_python_overhead.py: the same two operations, timed the same way, so that the
// difference is what calling from Python costs. Prints one JSON object:
//   {"decode_us": ..., "round_trip_us": ...}
// decode: a fresh decoder fed one page, and a copy of the screen (what pavikit.decode returns).
// round trip: ENVOI through an in-process gateway to a scripted fake service, until the new page is on screen.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <string>

#include "gateway/config/gateway_config.hpp"
#include "gateway/server/gateway_server.hpp"
#include "gateway/service_client/service_client.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "simulators/terminal/terminal.hpp"
#include "videotex/decoder.hpp"
#include "videotex/encoder.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace pavi;

// The page both sides decode: 20 rows of coloured text (about 1 kB).
std::string bench_page() {
  videotex::encode::Page page;
  page.clear();
  for (int row = 1; row <= 20; ++row) {
    page.at(row, 1).fg(static_cast<videotex::Colour>(row % 8)).text("Ligne " + std::to_string(row) +
                                                                    " : le Minitel répond à PaviKit");
  }
  return page.str();
}

double decode_us(int iterations) {
  const std::string page = bench_page();
  long long checksum = 0;
  const auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    videotex::Decoder decoder;
    decoder.feed(page);
    const videotex::Screen screen = decoder.screen();
    checksum += screen.at(1, 1).code;
  }
  const auto elapsed = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  if (checksum == 0) std::fputs("unexpected screen\n", stderr);
  return elapsed / iterations;
}

constexpr const char* kScript = R"({"start": "home", "pages": {"home": {"path": "/", "bytes": "0C", "text": "R{index}.",
  "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 3, "l": 1, "validwith": 128}}}}})";

double round_trip_us(int iterations) {
  sim::FakeService service;
  auto script = sim::FakeScript::parse(kScript);
  if (!script.script) {
    std::fprintf(stderr, "script: %s\n", script.error.c_str());
    std::exit(1);
  }
  service.set_script(std::move(*script.script));
  gateway::GatewayConfig config;
  config.host = "localhost";
  config.maxc = 10;
  // Its log and stats files go to the temp folder, not to wherever the benchmark is run from.
  config.lpath = config.spath = std::filesystem::temp_directory_path().string() + "/";
  config.wsport = 1;
  config.durl = service.url("/");
  gateway::ServerOptions options;
  options.bind_address = "127.0.0.1";
  options.threads = 2;
  options.listen = {{gateway::ConnectionKind::ws, 0}};
  auto http = std::make_unique<gateway::ServiceClient>();
  gateway::GatewayServer server(config, [client = http.get()](gateway::ServiceCall call, auto done) {
    client->call(call, [done = std::move(done)](gateway::ServiceResult r, gateway::CallStats) { done(std::move(r)); });
  }, options);
  if (!server.start().empty()) std::exit(1);
  double result = 0;
  {
    sim::Terminal terminal;
    const auto url = "ws://127.0.0.1:" + std::to_string(server.port(gateway::ConnectionKind::ws)) + "/";
    if (!terminal.connect(url)) std::exit(1);
    if (!terminal.wait_for_text("R0.", std::chrono::seconds(5))) std::exit(1);
    const auto start = Clock::now();
    for (int i = 1; i <= iterations; ++i) {
      terminal.press(videotex::FunctionKey::envoi);
      if (!terminal.wait_for_text("R" + std::to_string(i) + ".", std::chrono::seconds(5))) std::exit(1);
    }
    result = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / iterations;
    terminal.disconnect();
  }
  server.stop();
  http.reset();
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const int decodes = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int trips = argc > 2 ? std::atoi(argv[2]) : 300;
  if (decodes <= 0 || trips <= 0) {
    std::fputs("usage: bench_python_counterpart [DECODES] [ROUND_TRIPS]\n", stderr);
    return 2;
  }
  const double decode = decode_us(decodes);
  const double trip = round_trip_us(trips);
  std::printf("{\"decode_us\": %.3f, \"round_trip_us\": %.1f}\n", decode, trip);
  return 0;
}
