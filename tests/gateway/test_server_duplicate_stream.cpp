// duplicateStream over real sockets: a viewer watches another live session (gateway-behaviour.md §11,
// service-protocol.md §5.11): the key check, what the viewer sees and does not see, the end keys, the watched
// user leaving, and sessions that are not there. connectToExt's refusals (C-076) ride along: same result path.
#include <gtest/gtest.h>

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

constexpr auto kTimeout = 10s;

// Every user gets a page with an input field (the keyboard types upper case). "watch" + Envoi asks to watch the uniqueId typed on the second
// page; "ext" + Envoi asks for connectToExt; any other text + Envoi shows "PAGE <text>" to the one who typed it.
// A bridge result is shown on row 0.
ScriptedService::Answer watching_service(std::string key) {
  return [key](const ServiceCall& call) {
    service::ServiceReply reply;
    service::InputTxt field;
    field.x = 1;
    field.y = 10;
    field.l = 30;
    field.validwith = 128;
    reply.command = service::command_to_json(field);
    const std::string typed = call.request.content.empty() ? std::string() : call.request.content.front();
    if (call.request.fctn == "CNX") {
      reply.content = bytes(R"(0C "HOME ")") + call.request.unique_id;
    } else if (call.request.fctn == "ENVOI" && typed.size() > 5 && typed.substr(0, 5) == "WATCH") {
      reply.content = bytes(R"(0C "AFTER WATCHING")");
      reply.command = service::Json{{"name", "duplicateStream"},
                                    {"param", {{"uniqueid", typed.substr(5)}, {"key", key}}}};
    } else if (call.request.fctn == "ENVOI" && typed == "EXT") {
      reply.command = service::Json{{"name", "connectToExt"},
                                    {"param", {{"number", "0836150000"}, {"RX", -35}, {"TX", -18}, {"key", key}}}};
    } else if (call.request.fctn == "ENVOI") {
      reply.content = bytes(R"(0C "PAGE ")") + typed;
    } else {
      reply.content = bytes(R"(1F 40 41 "RESULT )") + call.request.fctn;
    }
    return body(service::reply_body(reply));
  };
}

GatewayConfig config_with_visukey(std::string visukey) {
  GatewayConfig config = test::test_config();
  config.has_connecttocmd = true;
  config.visukey = std::move(visukey);
  config.keys = {"secret"};
  return config;
}

struct Gateway {
  explicit Gateway(GatewayConfig config, std::string key = "visu")
      : service(watching_service(std::move(key))),
        server(std::move(config), service.caller(), test::local_options({{ConnectionKind::ws, 0}})) {
    started = server.start().empty();
  }
  bool connect(sim::Terminal& terminal) {
    return terminal.connect("ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/") &&
           terminal.wait_for_text("HOME", kTimeout);
  }
  // The uniqueId the service saw in this terminal's CNX (the home page shows it).
  static std::string unique_id_of(const sim::Terminal& terminal) {
    const std::string text = terminal.text();
    const auto at = text.find("HOME ");
    return at == std::string::npos ? std::string() : text.substr(at + 5, 14);
  }
  ScriptedService service;
  GatewayServer server;
  bool started = false;
};

void submit(sim::Terminal& terminal, const std::string& text) {
  terminal.type(text);
  terminal.press(FunctionKey::envoi);
}

// The mirror starts when the viewer's session has handled the reply, a moment after the service answered it:
// the watched user sends pages until one reaches the viewer.
bool until_mirrored(sim::Terminal& watched, sim::Terminal& viewer, const std::string& text) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    submit(watched, text);
    if (viewer.wait_for_text("PAGE " + text, 500ms)) return true;
  }
  return false;
}

TEST(ServerDuplicateStream, TheViewerSeesWhatTheWatchedUserGetsFromNowOn) {  // C-128
  Gateway gateway(config_with_visukey("visu"));
  ASSERT_TRUE(gateway.started);
  sim::Terminal watched;
  sim::Terminal viewer;
  ASSERT_TRUE(gateway.connect(watched));
  ASSERT_TRUE(gateway.connect(viewer));
  const std::string id = Gateway::unique_id_of(watched);
  ASSERT_EQ(id.size(), 14u) << watched.text();

  submit(viewer, "watch" + id);
  ASSERT_TRUE(until_mirrored(watched, viewer, "FIRST")) << viewer.text();
  EXPECT_EQ(viewer.received_bytes().find("HOME " + id), std::string::npos);  // not the earlier screen

  const std::size_t requests_before = gateway.service.calls().size();
  submit(viewer, "typed by the viewer");  // discarded: neither the watched user nor the service gets it
  submit(watched, "second");
  ASSERT_TRUE(viewer.wait_for_text("PAGE SECOND", kTimeout)) << viewer.text();
  EXPECT_EQ(watched.received_bytes().find("TYPED BY"), std::string::npos);
  EXPECT_EQ(gateway.service.calls().size(), requests_before + 1);  // the watched user's Envoi only

  viewer.send_raw(bytes(R"("***" 13 46)"));  // *** + Sommaire ends the mirror
  const auto ended = viewer.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(ended) << ended.describe();
  EXPECT_TRUE(viewer.wait_for_text("AFTER WATCHING", kTimeout));  // the reply's content follows the bridge
}

TEST(ServerDuplicateStream, TheWatchedUserLeavingEndsTheMirror) {  // gateway-behaviour.md §11.4
  Gateway gateway(config_with_visukey("visu"));
  ASSERT_TRUE(gateway.started);
  sim::Terminal watched;
  sim::Terminal viewer;
  ASSERT_TRUE(gateway.connect(watched));
  ASSERT_TRUE(gateway.connect(viewer));
  submit(viewer, "watch" + Gateway::unique_id_of(watched));
  ASSERT_TRUE(until_mirrored(watched, viewer, "BYE")) << viewer.text();
  watched.disconnect();
  const auto ended = viewer.wait_for_text("RESULT DIRECTCALLENDED", kTimeout);
  ASSERT_TRUE(ended) << ended.describe();
}

TEST(ServerDuplicateStream, AWrongKeyIsEndedAndNobodyThereIsFailed) {  // C-075, C-129
  Gateway gateway(config_with_visukey("visu"), "not the key");
  ASSERT_TRUE(gateway.started);
  sim::Terminal watched;
  sim::Terminal viewer;
  ASSERT_TRUE(gateway.connect(watched));
  ASSERT_TRUE(gateway.connect(viewer));
  submit(viewer, "watch" + Gateway::unique_id_of(watched));
  ASSERT_TRUE(viewer.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << viewer.text();

  Gateway right_key(config_with_visukey("visu"));
  ASSERT_TRUE(right_key.started);
  sim::Terminal user;
  ASSERT_TRUE(right_key.connect(user));
  const std::string own_id = Gateway::unique_id_of(user);
  submit(user, "watch17000000001234");
  ASSERT_TRUE(user.wait_for_text("RESULT DIRECTCALLFAILED", kTimeout)) << user.text();
  submit(user, "watch" + own_id);  // oneself: failed, not an endless mirror
  ASSERT_TRUE(right_key.service.wait_for_fctn("DIRECTCALLFAILED", kTimeout, 2)) << user.text();
}

TEST(ServerDuplicateStream, WithoutConnecttocmdEveryKeyIsRefused) {  // service-protocol.md §5.11
  GatewayConfig config = test::test_config();
  Gateway gateway(config, "");
  ASSERT_TRUE(gateway.started);
  sim::Terminal watched;
  sim::Terminal viewer;
  ASSERT_TRUE(gateway.connect(watched));
  ASSERT_TRUE(gateway.connect(viewer));
  submit(viewer, "watch" + Gateway::unique_id_of(watched));
  ASSERT_TRUE(viewer.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << viewer.text();

  Gateway empty_visukey(config_with_visukey(""), "");  // a section without visukey accepts the empty key
  ASSERT_TRUE(empty_visukey.started);
  sim::Terminal target;
  sim::Terminal watcher;
  ASSERT_TRUE(empty_visukey.connect(target));
  ASSERT_TRUE(empty_visukey.connect(watcher));
  submit(watcher, "watch" + Gateway::unique_id_of(target));
  ASSERT_TRUE(until_mirrored(target, watcher, "SEEN")) << watcher.text();
}

TEST(ServerConnectToExt, RefusedWithoutAsteriskOrWithAWrongKey) {  // C-076
  Gateway without_asterisk(config_with_visukey("visu"), "secret");
  ASSERT_TRUE(without_asterisk.started);
  sim::Terminal user;
  ASSERT_TRUE(without_asterisk.connect(user));
  submit(user, "ext");
  ASSERT_TRUE(user.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << user.text();

  GatewayConfig with_asterisk = config_with_visukey("visu");
  with_asterisk.asterisk = AsteriskConfig{};
  Gateway wrong_key(with_asterisk, "wrong");
  ASSERT_TRUE(wrong_key.started);
  sim::Terminal caller;
  ASSERT_TRUE(wrong_key.connect(caller));
  submit(caller, "ext");
  ASSERT_TRUE(caller.wait_for_text("RESULT DIRECTCALLENDED", kTimeout)) << caller.text();
}

}  // namespace
}  // namespace pavi::gateway
