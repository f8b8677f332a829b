// Screen captures over real sockets: CR + the capture key writes rec-<uid>-<time>.vdt in rpath, getScreenList
// lists it, getScreen draws it as a PNG, and the files go with the session (gateway-behaviour.md §13,
// service-protocol.md §5.13). Also the ScreenCaptures files on their own.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <unistd.h>

#include "gateway/server/screen_captures.hpp"
#include "gateway/service_protocol/base64.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::ScriptedService;
using videotex::FunctionKey;
namespace fs = std::filesystem;

constexpr auto kTimeout = 10s;

struct TempFolder {
  TempFolder() : path(fs::temp_directory_path() / ("pavikit-captures-" + std::to_string(::getpid()) + "-" +
                                                   std::to_string(counter++))) {
    fs::remove_all(path);
  }
  ~TempFolder() { fs::remove_all(path); }
  // The screen captures (rec-<uid>-<time>.vdt): the session's own recording (rec-<uid>.vdt) sits beside them.
  std::vector<std::string> captures() const {
    static const std::regex capture(R"(rec-\d+-\d+\.vdt)");
    std::vector<std::string> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      const std::string name = entry.path().filename().string();
      if (std::regex_match(name, capture)) found.push_back(name);
    }
    return found;
  }
  static inline int counter = 0;
  fs::path path;
};

const std::string kPng = "\x89PNG";

TEST(ScreenCaptures, SavedListedDrawnAndRemoved) {
  TempFolder folder;
  const ScreenCaptures captures(folder.path / "rec", "17953543836654");  // the folder is made on first save
  EXPECT_TRUE(captures.list().empty());
  ASSERT_TRUE(captures.save("HELLO", 1795354400));
  ASSERT_TRUE(captures.save("WORLD", 1795354390));
  const ScreenCaptures other(folder.path / "rec", "17953543831111");
  ASSERT_TRUE(other.save("NOT MINE", 1795354395));
  const service::Json list = captures.list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["seq"], "1795354390");  // oldest first
  EXPECT_EQ(list[1]["seq"], "1795354400");
  EXPECT_TRUE(list[0]["date"].is_number_integer());

  service::GetScreen request;
  request.seq = "1795354400";
  const service::Json drawn = captures.screen_png(request);
  EXPECT_EQ(drawn["item"], "getscreen");
  EXPECT_EQ(drawn["result"], true);
  EXPECT_EQ(drawn["seq"], "1795354400");
  EXPECT_EQ(service::base64_decode_lenient(drawn["datas"].get<std::string>()).substr(0, 4), kPng);
  request.seq = 1795354400;  // a number is accepted and echoed as sent
  EXPECT_EQ(captures.screen_png(request)["seq"], 1795354400);
  for (const service::Json& missing : {service::Json("1"), service::Json(""), service::Json("../x"), service::Json()}) {
    request.seq = missing;
    EXPECT_EQ(captures.screen_png(request), (service::Json{{"item", "getscreen"}, {"result", false}})) << missing;
  }
  captures.remove_all();
  EXPECT_TRUE(captures.list().empty());
  EXPECT_EQ(other.list().size(), 1u);
}

// Envoi asks for the list, Sommaire for the first capture's PNG; DATAS requests show what came back on row 0.
ScriptedService::Answer capturing_service() {
  return [](const ServiceCall& call) {
    service::ServiceReply reply;
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "MY PAGE")");
    } else if (call.request.fctn == "ENVOI") {
      reply.command = service::Json{{"name", "getScreenList"}};
    } else if (call.request.fctn == "SOMMAIRE") {
      const service::Json& list = call.request.datas["datas"];
      reply.command = service::Json{{"name", "getScreen"},
                                    {"param", {{"seq", list.empty() ? "" : list[0]["seq"]}, {"color", 1}}}};
    } else if (call.request.fctn == "DATAS") {
      const service::Json& datas = call.request.datas;
      const std::string item = datas.value("item", "");
      std::string shown = item + " " + (datas.value("result", false) ? "OK" : "NO");
      if (item == "getscreenlist") shown += " " + std::to_string(datas["datas"].size());
      if (item == "getscreen" && datas["datas"].is_string()) {
        const bool png = service::base64_decode_lenient(datas["datas"].get<std::string>()).substr(0, 4) == kPng;
        shown += png ? " PNG" : " NOT PNG";
      }
      reply.content = "\x1f\x40\x41" + shown + "\x18\x0a";
    }
    return body(service::reply_body(reply));
  };
}

GatewayConfig capture_config(const fs::path& rpath) {
  GatewayConfig config = test::test_config();
  config.rpath = rpath.string();
  config.capture = CaptureConfig{"chromium --headless", "P", "Capture OK", "Capture max", 1};
  return config;
}

TEST(ServerScreenCaptures, TheKeyCapturesTheServiceListsAndDrawsThemAndTheyGoWithTheSession) {  // §13, §5.13
  TempFolder rpath;
  ScriptedService service(capturing_service());
  GatewayServer server(capture_config(rpath.path), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/"));
  ASSERT_TRUE(user.wait_for_text("MY PAGE", kTimeout));

  user.send_raw("\x0dp");
  ASSERT_TRUE(user.wait_for_text("Capture OK", kTimeout)) << user.text();
  ASSERT_EQ(rpath.captures().size(), 1u);
  std::ifstream saved(rpath.path / rpath.captures()[0], std::ios::binary);
  const std::string kept{std::istreambuf_iterator<char>(saved), std::istreambuf_iterator<char>()};
  EXPECT_NE(kept.find("MY PAGE"), std::string::npos);
  user.send_raw("\x0dP");  // over `max`
  ASSERT_TRUE(user.wait_for_text("Capture max", kTimeout)) << user.text();
  EXPECT_EQ(rpath.captures().size(), 1u);

  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("getscreenlist OK 1", kTimeout)) << user.text();
  user.press(FunctionKey::sommaire);
  ASSERT_TRUE(user.wait_for_text("getscreen OK PNG", kTimeout)) << user.text();

  user.disconnect();
  ASSERT_TRUE(service.wait_for_fctn("FIN", kTimeout));
  for (int i = 0; i < 100 && !rpath.captures().empty(); ++i) std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(rpath.captures().empty());
}

}  // namespace
}  // namespace pavi::gateway
