// The session's conversation with services without sockets: the examples of service-protocol.md §8, the return
// to the default service, failures and fallbacks, direct-call chains (checklist sections C, D, K, N).
#include <gtest/gtest.h>

#include "gateway/service_protocol/php_json.hpp"
#include "gateway/session/service_session.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;

constexpr const char* kHome = "http://127.0.0.1:8090/index.php?sc=default";

SessionSetup telnet_setup(std::string start_url = "") {
  return {"17953543836654", "127.0.0.1", "TELN", kHome, std::move(start_url), "<banner>"};
}

std::string body_of(const ServiceCall& call) {
  return service::php_json_encode(service::request_to_json(call.request), service::JsonStyle::php).text.value_or("<encode failed>");
}

ServiceResult reply(std::string body) { return {false, std::move(body), std::nullopt}; }

constexpr const char* kExampleAReply =
    R"({"version":"1.1","content":"DB9BQUhlbGxv","context":"ctx1","echo":"on",)"
    R"("next":"http://127.0.0.1:8090/index.php?sc=default&step=2",)"
    R"("COMMAND":{"name":"InputTxt","param":{"x":5,"y":10,"l":6,"char":"","spacechar":".",)"
    R"("prefill":"ab","cursor":"on","validwith":192}}})";

TEST(ServiceSession, ExamplesAandB) {  // C-016, C-017, C-022, C-027, C-030
  ServiceSession session(telnet_setup());
  Step first = session.start();
  ASSERT_TRUE(first.call);
  EXPECT_EQ(first.call->url, kHome);
  EXPECT_EQ(body_of(*first.call),
            R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"???","content":[],"datas":null,"context":"","fctn":"CNX","webmedia":0},)"
            R"("URLPARAMS":{"sc":"default"}})");

  Step page = session.on_result(reply(kExampleAReply));
  EXPECT_EQ(page.output, "<banner>" + bytes("0C 1F 41 41 \"Hello\" 1F 4A 45 2E 12 45 1F 4A 45 11 \"ab\""));
  EXPECT_FALSE(page.call);
  EXPECT_TRUE(session.input_armed());

  EXPECT_EQ(session.on_terminal(bytes("78 79 13 47")).output, bytes("78 79 08 2E 08"));
  EXPECT_EQ(session.on_terminal(bytes("5A 01 43 75 3B 04")).output, "Z");
  Step envoi = session.on_terminal(bytes("13 41"));
  ASSERT_TRUE(envoi.call);
  EXPECT_EQ(body_of(*envoi.call),
            R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"Cu;","content":["abxZ"],"datas":null,"context":"ctx1","fctn":"ENVOI","webmedia":0},)"
            R"("URLPARAMS":{"sc":"default","step":"2"}})");
  Step page2 = session.on_result(reply(R"({"version":"1.1","content":"UEFHRTI=","context":"","echo":"on"})"));
  EXPECT_EQ(page2.output, "PAGE2");
  EXPECT_EQ(session.context(), "ctx1");
  EXPECT_EQ(session.url(), "http://127.0.0.1:8090/index.php?sc=default&step=2");

  // C-022: a key with no armed input re-sends the previous content.
  Step sommaire = session.on_terminal(bytes("13 46"));
  ASSERT_TRUE(sommaire.call);
  EXPECT_EQ(sommaire.call->request.fctn, "SOMMAIRE");
  EXPECT_EQ(sommaire.call->request.content, std::vector<std::string>{"abxZ"});
}

TEST(ServiceSession, BadStartUrlGivesErr02AndNoRequest) {
  ServiceSession session(telnet_setup("not a url"));
  Step step = session.start();
  EXPECT_FALSE(step.call);
  EXPECT_TRUE(step.close);
  EXPECT_EQ(step.output.rfind("<banner>", 0), 0u);
  EXPECT_NE(step.output.find(" ERR #02"), std::string::npos);
}

TEST(ServiceSession, ConnexionFinReturnsHomeInOneWrite) {  // C-107
  ServiceSession session(telnet_setup());
  session.start();
  session.on_result(reply(R"({"content":"SE9NRQ==","next":"http://127.0.0.1:8090/other.php"})"));
  Step fin = session.on_terminal(bytes("13 49"));
  ASSERT_TRUE(fin.call);
  EXPECT_EQ(fin.call->request.fctn, "FIN");
  EXPECT_EQ(fin.call->url, "http://127.0.0.1:8090/other.php");
  EXPECT_FALSE(fin.call->fire_and_forget);
  Step cnx = session.on_result(reply(R"({"content":"QllF"})"));  // "BYE"
  EXPECT_EQ(cnx.output, "");
  ASSERT_TRUE(cnx.call);
  EXPECT_EQ(cnx.call->request.fctn, "CNX");
  EXPECT_EQ(cnx.call->url, kHome);
  Step home = session.on_result(reply(R"({"content":"QUNDMg=="})"));  // "ACC2"
  EXPECT_EQ(home.output, "BYEACC2");
}

TEST(ServiceSession, ConnexionFinOnTheHomeServiceEndsTheSession) {  // C-108
  ServiceSession session(telnet_setup());
  session.start();
  session.on_result(reply(R"({"content":"SE9NRQ=="})"));
  Step fin = session.on_terminal(bytes("13 59"));
  EXPECT_TRUE(fin.close);
  ASSERT_TRUE(fin.call);
  EXPECT_TRUE(fin.call->fire_and_forget);
  EXPECT_EQ(fin.call->request.fctn, "FIN");
  EXPECT_TRUE(session.on_terminal("more").output.empty());
}

TEST(ServiceSession, FailureOnTheDefaultServiceFallsBackToCnx) {  // §7.3
  ServiceSession session(telnet_setup());
  session.start();
  session.on_result(reply(R"({"next":"http://127.0.0.1:9/broken"})"));
  Step envoi = session.on_terminal(bytes("13 41"));
  ASSERT_TRUE(envoi.call);
  Step fallback = session.on_result({true, "", std::nullopt});
  ASSERT_TRUE(fallback.call);
  EXPECT_EQ(fallback.call->request.fctn, "CNX");
  EXPECT_EQ(fallback.call->url, kHome);
  Step dead = session.on_result({true, "", std::nullopt});  // the fallback fails too: ERR#09, close
  EXPECT_TRUE(dead.close);
  EXPECT_NE(dead.output.find(" ERR #09"), std::string::npos);
}

TEST(ServiceSession, FailureOnAnExplicitStartUrlIsErr09) {
  ServiceSession session(telnet_setup("http://127.0.0.1:9/explicit"));
  session.start();
  Step dead = session.on_result({true, "", std::nullopt});
  EXPECT_TRUE(dead.close);
  EXPECT_NE(dead.output.find(" ERR #09"), std::string::npos);
  EXPECT_EQ(dead.output.rfind("<banner>", 0), 0u);
}

TEST(ServiceSession, NotJsonShowsErr03AndKeepsTheSession) {  // C-078
  ServiceSession session(telnet_setup());
  session.start();
  Step page = session.on_result(reply("<html>oops</html>"));
  EXPECT_NE(page.output.find(" ERR #03"), std::string::npos);
  EXPECT_FALSE(page.close);
  Step again = session.on_terminal(bytes("13 41"));
  ASSERT_TRUE(again.call);
  EXPECT_EQ(again.call->url, kHome);
}

TEST(ServiceSession, EmptyReplyChangesNothing) {  // §3.4
  ServiceSession session(telnet_setup());
  session.start();
  EXPECT_EQ(session.on_result(reply("  \n")).output, "<banner>");
  EXPECT_FALSE(session.input_armed());
}

TEST(ServiceSession, DirectCallsAreCappedAtFive) {  // C-031, C-032, C-034
  ServiceSession session(telnet_setup());
  Step step = session.start();
  const std::string direct =
      R"({"directcall":"yes","COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":5,"validwith":128}}})";
  for (int i = 0; i < 5; ++i) {
    step = session.on_result(reply(direct));
    ASSERT_TRUE(step.call) << i;
    EXPECT_EQ(step.call->request.fctn, "DIRECT");
    EXPECT_EQ(step.call->request.content, std::vector<std::string>{""});
    EXPECT_FALSE(session.input_armed());
  }
  step = session.on_result(reply(direct));
  EXPECT_FALSE(step.call);  // the 6th is ignored and its input stays armed
  EXPECT_TRUE(session.input_armed());
}

TEST(ServiceSession, ReadsDuringARequestWaitForItsResult) {
  ServiceSession session(telnet_setup());
  session.start();
  EXPECT_TRUE(session.on_terminal("ab").output.empty());
  Step page = session.on_result(reply(
      R"({"echo":"on","COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":5,"validwith":128}}})"));
  EXPECT_EQ(page.output, "<banner>" + bytes("1F 41 41 20 12 44 1F 41 41 11") + "ab");
}

TEST(ServiceSession, BridgeContentWaitsForTheEndOfTheBridge) {  // C-071
  ServiceSession session(telnet_setup());
  session.start();
  Step bridge = session.on_result(reply(
      R"({"content":"QUZURVI=","COMMAND":{"name":"connectToTln","param":{"host":"127.0.0.1:9301","key":"k"}}})"));
  EXPECT_EQ(bridge.output, "<banner>");
  ASSERT_EQ(bridge.host_commands.size(), 1u);
  Step after = session.on_command_done(service::Fctn::directcallended);
  EXPECT_EQ(after.output, "AFTER");
  ASSERT_TRUE(after.call);
  EXPECT_EQ(after.call->request.fctn, "DIRECTCALLENDED");
}

TEST(ServiceSession, LibCnxSendsFinThenCnxHome) {  // Example E's last step
  ServiceSession session(telnet_setup());
  session.start();
  Step fin = session.on_result(reply(R"({"next":"http://127.0.0.1:8090/x?step=6","COMMAND":{"name":"libCnx"}})"));
  ASSERT_TRUE(fin.call);
  EXPECT_EQ(fin.call->request.fctn, "FIN");
  EXPECT_EQ(fin.call->url, "http://127.0.0.1:8090/x?step=6");
  Step cnx = session.on_result(reply(""));
  ASSERT_TRUE(cnx.call);
  EXPECT_EQ(cnx.call->request.fctn, "CNX");
}

TEST(ServiceSession, TypedDiaeresisIReachesTheServiceCorrectly) {  // C-021, fixed
  ServiceSession session(telnet_setup());
  session.start();
  session.on_result(reply(R"({"COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":9,"validwith":128}}})"));
  session.on_terminal(bytes("\"na\" 19 48 69 \"f\""));
  Step envoi = session.on_terminal(bytes("13 41"));
  ASSERT_TRUE(envoi.call);
  EXPECT_EQ(envoi.call->request.content, std::vector<std::string>{"naïf"});
}

}  // namespace
}  // namespace pavi::gateway

namespace pavi::gateway {
namespace {

TEST(ServiceSession, SimulatedInputIsBgcallSimuAndKeepsTheArmedField) {  // C-065, §3.3
  ServiceSession session(telnet_setup());
  session.start();
  session.on_result(reply(R"({"context":"ctxB","echo":"on","COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":5,"validwith":128}}})"));
  session.on_terminal("ab");
  ASSERT_TRUE(session.input_armed());
  Step simu = session.on_simulated_input("data-for-B");
  ASSERT_TRUE(simu.call);
  EXPECT_EQ(simu.call->request.fctn, "BGCALL-SIMU");
  EXPECT_EQ(simu.call->request.content, std::vector<std::string>{"data-for-B"});
  EXPECT_EQ(simu.call->request.context, "ctxB");
  EXPECT_TRUE(session.on_simulated_input("again").output.empty());  // a request is under way: nothing
  EXPECT_FALSE(session.on_simulated_input("again").call);
  // The reply's COMMAND is ignored while the field is armed; its content is shown.
  Step page = session.on_result(reply(R"({"content":"T0s=","COMMAND":{"name":"InputTxt","param":{"x":9,"y":9,"l":2}}})"));
  EXPECT_EQ(page.output, "OK");
  EXPECT_TRUE(session.input_armed());
  EXPECT_FALSE(page.call);
}

}  // namespace
}  // namespace pavi::gateway
