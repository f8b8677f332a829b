// Recordings, replays and logs on real sockets (visuweb-stats-recordings.md §3, §5): what the recording holds,
// replays of it on the ws port, the clean-up at start-up, retention at a session's end and at a graceful stop,
// and the log lines (C-140, C-141, C-142, C-143).
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gateway/operations/gateway_log.hpp"
#include "gateway/operations/recordings_folder.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/operations_test_folder.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using pavi::test::read_file;
using test::body;
using test::ScriptedService;
using test::TestFolder;
using videotex::FunctionKey;
namespace fs = std::filesystem;

constexpr auto kTimeout = 10s;

ScriptedService::Answer paging_service() {
  return [](const ServiceCall& call) {
    service::ServiceReply reply;
    service::InputTxt field;
    field.x = 1;
    field.y = 10;
    field.l = 20;
    field.validwith = 128;
    reply.command = service::command_to_json(field);
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "HOME ")") + call.request.unique_id;
    } else {
      reply.content = bytes(R"(0C "PAGE ")") + (call.request.content.empty() ? "" : call.request.content.front());
    }
    return body(service::reply_body(reply));
  };
}

struct Gateway {
  explicit Gateway(const TestFolder& folder) : service(paging_service()), server(config(folder), service.caller(),
                                                                                   test::local_options({{ConnectionKind::ws, 0}})) {
    started = server.start().empty();
  }
  static GatewayConfig config(const TestFolder& folder) {
    GatewayConfig config = test::test_config();
    config.rpath = folder.slash() + "rec/";
    config.lpath = folder.slash() + "logs/";
    config.spath = folder.slash() + "stats/";
    return config;
  }
  std::string url(const std::string& query = "") const {
    return "ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/" + query;
  }
  bool connect(sim::Terminal& terminal) { return terminal.connect(url()) && terminal.wait_for_text("HOME", kTimeout); }
  static std::string unique_id_of(const sim::Terminal& terminal) {
    const std::string text = terminal.text();
    const auto at = text.find("HOME ");
    return at == std::string::npos ? std::string() : text.substr(at + 5, 14);
  }
  ScriptedService service;
  GatewayServer server;
  bool started = false;
};

bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::string this_months_log(const TestFolder& folder) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return read_file(log_file_path(folder.slash() + "logs/", local.tm_year + 1900, local.tm_mon + 1));
}

TEST(ServerRecordings, TheRecordingHoldsEveryByteSentAndReplaysWhileLive) {  // C-140, C-141
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  sim::Terminal user;
  ASSERT_TRUE(gateway.connect(user));
  const std::string id = Gateway::unique_id_of(user);
  ASSERT_EQ(id.size(), 14u) << user.text();
  user.type("hello");
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("PAGE HELLO", kTimeout)) << user.text();
  ASSERT_TRUE(user.wait_until_quiet(200ms, kTimeout));
  const std::string recording_file = folder.slash() + "rec/rec-" + id + ".vdt";
  ASSERT_TRUE(eventually([&] { return read_file(recording_file) == user.received_bytes(); }))
      << read_file(recording_file).size() << " bytes recorded, " << user.received_bytes().size() << " received";
  EXPECT_NE(user.received_bytes().find("MiniPAVI 1.6WS"), std::string::npos);  // the banner is in it

  sim::Terminal viewer;
  ASSERT_TRUE(viewer.connect(gateway.url("?streamuniqueid=" + id)));
  ASSERT_TRUE(viewer.wait_for_disconnect(kTimeout));
  EXPECT_EQ(viewer.received_bytes(), user.received_bytes() + std::string(replay_trailer()));
}

TEST(ServerRecordings, ReplayWithSeqSendsTheCaptureWithoutTrailer) {  // C-141
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  fs::create_directories(folder.path() / "rec");
  std::ofstream(folder.path() / "rec/rec-17953548184589-1795354900.vdt", std::ios::binary) << "\x0c" "CAPTURED";
  sim::Terminal viewer;
  ASSERT_TRUE(viewer.connect(gateway.url("?streamuniqueid=17953548184589&seq=1795354900")));
  ASSERT_TRUE(viewer.wait_for_disconnect(kTimeout));
  EXPECT_EQ(viewer.received_bytes(), "\x0c" "CAPTURED");
  EXPECT_TRUE(gateway.service.calls().empty());  // a replay is no session: no CNX
}

TEST(ServerRecordings, UnknownOrMalformedReplaysCloseWithNoData) {  // C-141
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  fs::create_directories(folder.path() / "rec");
  std::ofstream(folder.path() / "secret.vdt") << "outside rpath";
  for (const std::string query : {"?streamuniqueid=12345678901234", "?streamuniqueid=..%2Fsecret",
                                  "?streamuniqueid=1&seq=..%2F..%2Fsecret"}) {
    sim::Terminal viewer;
    ASSERT_TRUE(viewer.connect(gateway.url(query))) << query;
    ASSERT_TRUE(viewer.wait_for_disconnect(kTimeout)) << query;
    EXPECT_EQ(viewer.received_bytes(), "") << query;
  }
}

TEST(ServerRecordings, StartUpRemovesOldRecordingsOnly) {  // C-142 with the anchored pattern
  TestFolder folder;
  fs::create_directories(folder.path() / "rec");
  std::ofstream(folder.path() / "rec/rec-1.vdt") << "old";
  std::ofstream(folder.path() / "rec/rec-1-2.vdt") << "old capture";
  std::ofstream(folder.path() / "rec/xrec-1.vdt.bak") << "operator's copy";
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  EXPECT_FALSE(fs::exists(folder.path() / "rec/rec-1.vdt"));
  EXPECT_FALSE(fs::exists(folder.path() / "rec/rec-1-2.vdt"));
  EXPECT_TRUE(fs::exists(folder.path() / "rec/xrec-1.vdt.bak"));
}

TEST(ServerRecordings, AShortSessionsRecordingGoesWhenItEnds) {  // §3.2: last action < 10 s after connecting
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  sim::Terminal user;
  ASSERT_TRUE(gateway.connect(user));
  const std::string recording_file = folder.slash() + "rec/rec-" + Gateway::unique_id_of(user) + ".vdt";
  ASSERT_TRUE(fs::exists(recording_file));
  user.disconnect();
  EXPECT_TRUE(eventually([&] { return !fs::exists(recording_file); }));
}

TEST(ServerRecordings, AGracefulStopKeepsEveryRecordingComplete) {  // PaviKit: kept at stop (COMPATIBILITY)
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  sim::Terminal first;
  sim::Terminal second;
  ASSERT_TRUE(gateway.connect(first));
  ASSERT_TRUE(gateway.connect(second));
  ASSERT_TRUE(first.wait_until_quiet(200ms, kTimeout));
  ASSERT_TRUE(second.wait_until_quiet(200ms, kTimeout));
  gateway.server.stop();
  ASSERT_TRUE(first.wait_for_disconnect(kTimeout));
  ASSERT_TRUE(second.wait_for_disconnect(kTimeout));
  for (const sim::Terminal* user : {&first, &second}) {
    const std::string recording_file = folder.slash() + "rec/rec-" + Gateway::unique_id_of(*user) + ".vdt";
    EXPECT_EQ(read_file(recording_file), user->received_bytes());
  }
}

TEST(ServerRecordings, TheLogHasTheOriginalsLinesAndNoTypedText) {  // C-143
  TestFolder folder;
  Gateway gateway(folder);
  ASSERT_TRUE(gateway.started);
  sim::Terminal user;
  ASSERT_TRUE(gateway.connect(user));
  const std::string id = Gateway::unique_id_of(user);
  user.type("secret");
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("PAGE SECRET", kTimeout));
  user.disconnect();
  ASSERT_TRUE(eventually([&] { return this_months_log(folder).find("***DECO***") != std::string::npos; }));
  const std::string log = this_months_log(folder);
  EXPECT_NE(log.find("] Connexion #"), std::string::npos) << log;
  EXPECT_NE(log.find("] ***CNX*** WS from 127.0.0.1 UID=" + id + "\r\n"), std::string::npos) << log;
  EXPECT_NE(log.find("] Appel service [ENVOI] [<6 car.>] > http://127.0.0.1:1/home\r\n"), std::string::npos) << log;
  EXPECT_NE(log.find("] ***DECO*** onStop: UID=" + id + "\r\n"), std::string::npos) << log;
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_NE(log.find('\n'), std::string::npos);
  for (std::size_t at = 0; (at = log.find('\n', at)) != std::string::npos; ++at) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(log[at - 1], '\r');  // CR LF line ends
  }
}

}  // namespace
}  // namespace pavi::gateway
