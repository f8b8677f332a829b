// How much load `pavi stress --service` generates: visits and HTTP requests per second against the in-process
// fake service (which shares the machine, so this is a floor for the driver alone), the CPU time each request
// costs the whole process, and how many virtual users it holds at once.
#include <benchmark/benchmark.h>

#include <ctime>
#include <fstream>
#include <string>

#include "gateway/service_client/service_client.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "simulators/load/load_driver.hpp"
#include "simulators/load/service_load_user.hpp"

namespace {

using namespace pavi::sim;

constexpr const char* kService = R"({
  "start": "home",
  "pages": {
    "home": {"path": "/", "bytes": "0C \"BIENVENUE\"", "routes": [{"fctn": "ENVOI", "goto": "one"}]},
    "one": {"path": "/one", "bytes": "0C \"Page 1\"", "next": "home"}
  }})";

VisitScript script_of(const std::string& text) {
  auto load = parse_visit_script(text, "bench");
  return load.script.value_or(VisitScript{});
}

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double rss_megabytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kb = 0;
      status >> kb;
      return kb / 1024.0;
    }
  }
  return 0;
}

struct Stand {
  FakeService service;
  pavi::gateway::ServiceClient client;
  Stand() {
    auto loaded = FakeScript::parse(kService);
    service.set_script(std::move(*loaded.script));
  }
};

// Users loop over CNX, ENVOI, FIN with no think time: requests/s the driver and the fake service reach together.
void BM_ServiceModeRequests(benchmark::State& state) {
  Stand stand;
  const auto script = script_of("expect \"BIENVENUE\"\npress Envoi\nexpect \"Page 1\"\ndisconnect\n");
  std::uint64_t requests = 0;
  std::uint64_t visits = 0;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    LoadStats stats;
    LoadOptions options;
    options.users = static_cast<std::size_t>(state.range(0));
    options.count = 2000;
    const auto result = run_load(script, options, service_user_factory(stand.service.url("/"), stand.client), stats);
    if (result.sessions_completed != 2000) state.SkipWithError("a visit failed");
    requests += result.requests;
    visits += result.sessions_completed;
  }
  const double cpu = process_cpu_seconds() - cpu_start;
  state.counters["requests/s"] = benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
  state.counters["visits/s"] = benchmark::Counter(static_cast<double>(visits), benchmark::Counter::kIsRate);
  state.counters["cpu_us/request"] = cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(1, requests));
}
BENCHMARK(BM_ServiceModeRequests)->Arg(1)->Arg(8)->Arg(64)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every user connects, then thinks for 2 s while holding its session, then goes on: how many are held at once,
// and the memory they take.
void BM_ServiceModeUsersHeld(benchmark::State& state) {
  Stand stand;
  const auto script = script_of("expect \"BIENVENUE\"\nthink 2s\npress Envoi\nexpect \"Page 1\"\ndisconnect\n");
  const auto users = static_cast<std::size_t>(state.range(0));
  std::uint64_t peak = 0;
  double peak_rss = 0;
  for (auto _ : state) {
    LoadStats stats;
    LoadOptions options;
    options.users = users;
    options.count = users;
    options.progress_interval = std::chrono::milliseconds(200);
    options.on_progress = [&](const LoadSnapshot& s) {
      peak = std::max(peak, s.active_users);
      peak_rss = std::max(peak_rss, rss_megabytes());
    };
    const auto result = run_load(script, options, service_user_factory(stand.service.url("/"), stand.client), stats);
    if (result.sessions_completed != users) state.SkipWithError("a visit failed");
  }
  state.counters["users_held"] = static_cast<double>(peak);
  state.counters["rss_MB"] = peak_rss;
}
BENCHMARK(BM_ServiceModeUsersHeld)->Arg(100)->Arg(1000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
