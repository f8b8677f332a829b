// The driver in service mode, against the in-process fake service: headless users on one shared ServiceClient,
// every HTTP request counted once (the service's own count), errors by their CallStats kind.
#include <gtest/gtest.h>

#include "gateway/service_client/service_client.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "simulators/load/load_driver.hpp"
#include "simulators/load/service_load_user.hpp"

namespace pavi::sim {
namespace {

constexpr const char* kService = R"({
  "start": "home",
  "pages": {
    "home": {"path": "/", "bytes": "0C \"BIENVENUE\"", "routes": [{"fctn": "ENVOI", "goto": "one"}]},
    "one": {"path": "/one", "bytes": "0C \"Page 1\"", "next": "home"}
  }})";

VisitScript script_of(std::string_view text) {
  auto load = parse_visit_script(text, "v.txt");
  EXPECT_TRUE(load) << load.error;
  return load.script.value_or(VisitScript{});
}

TEST(LoadServiceMode, RequestCountIsTheServicesOwn) {
  FakeService service;
  auto loaded = FakeScript::parse(kService);
  ASSERT_TRUE(loaded.script) << loaded.error;
  service.set_script(std::move(*loaded.script));
  gateway::ServiceClient client;
  LoadStats stats;
  LoadOptions options;
  options.users = 3;
  options.count = 12;
  const auto result = run_load(script_of("expect \"BIENVENUE\" timeout=20s\ntype 1\npress Envoi\n"
                                         "expect \"Page 1\" timeout=20s\npress Connexion/Fin\n"),
                               options, service_user_factory(service.url("/"), client), stats);
  EXPECT_EQ(result.sessions_completed, 12u);
  EXPECT_EQ(result.requests, service.request_count());
  EXPECT_EQ(result.latency_count, service.request_count());
  EXPECT_GE(service.request_count(), 24u);  // CNX and ENVOI per visit, and the FIN unless Fin already hung up
  EXPECT_TRUE(result.errors.empty());
}

TEST(LoadServiceMode, FailedRequestsCountUnderTheirKindOnce) {
  FakeService service;
  service.set_handler([](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.fctn() == "ENVOI") return FakeReply::invalid_json();
    return std::nullopt;
  });
  gateway::ServiceClient client;
  LoadStats stats;
  LoadOptions options;
  options.users = 2;
  options.count = 4;
  const auto result = run_load(script_of("press Envoi\nexpect \"Page 1\" timeout=2s\n"), options,
                               service_user_factory(service.url("/"), client), stats);
  EXPECT_EQ(result.sessions_failed, 4u);
  EXPECT_EQ(result.requests, service.request_count());
  // The failing request is the cause: its kind is counted, the visit's own "timeout" is not added on top.
  EXPECT_EQ(result.errors, (std::map<std::string, std::uint64_t>{{"not_json", 4}}));
}

}  // namespace
}  // namespace pavi::sim
