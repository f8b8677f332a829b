// The example exchanges of service-protocol.md §8, as exact JSON: the requests our types serialise byte for
// byte, and the replies read back (and rebuilt from value types) to the same meaning and bytes.
#include <gtest/gtest.h>

#include "gateway/service_protocol/reply_builder.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::service {
namespace {

using test::bytes;

Request telnet_request(std::string fctn, std::string_view url) {
  Request request;
  request.unique_id = "17953543836654";
  request.remote_addr = "127.0.0.1";
  request.typesocket = "TELN";
  request.fctn = std::move(fctn);
  request.urlparams = urlparams_from_url(url);
  return request;
}

// Example A: telnet connection, home page with a single-line field.
TEST(SpecExampleA, CnxRequest) {  // C-003, C-004, C-014, C-016, C-018
  const Request request = telnet_request("CNX", "http://127.0.0.1:8090/index.php?sc=default");
  EXPECT_EQ(*serialise_request(request).text,
            R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"???","content":[],"datas":null,"context":"","fctn":"CNX","webmedia":0},)"
            R"("URLPARAMS":{"sc":"default"}})");
}

constexpr std::string_view kExampleAReply =
    R"({"version":"1.1","content":"DB9BQUhlbGxv","context":"ctx1","echo":"on",)"
    R"("next":"http://127.0.0.1:8090/index.php?sc=default&step=2",)"
    R"("COMMAND":{"name":"InputTxt","param":{"x":5,"y":10,"l":6,"char":"","spacechar":".",)"
    R"("prefill":"ab","cursor":"on","validwith":192}}})";

TEST(SpecExampleA, Reply) {
  const auto plan = plan_reply(parse_response(kExampleAReply));
  EXPECT_FALSE(plan.error);
  EXPECT_EQ(plan.content, bytes(R"(0C 1F 41 41 "Hello")"));
  EXPECT_EQ(plan.new_context, "ctx1");
  EXPECT_EQ(plan.echo, true);
  EXPECT_EQ(plan.new_url, "http://127.0.0.1:8090/index.php?sc=default&step=2");
  ASSERT_TRUE(plan.command);
  EXPECT_EQ(std::get<InputTxt>(*plan.command), (InputTxt{5, 10, 6, "", ".", "ab", true, 192}));
  EXPECT_EQ(plan.directcall, DirectCall::none);
}

TEST(SpecExampleA, ReplyRebuiltFromValues) {
  ServiceReply reply;
  reply.content = bytes(R"(0C 1F 41 41 "Hello")");
  reply.context = "ctx1";
  reply.echo = "on";
  reply.next = "http://127.0.0.1:8090/index.php?sc=default&step=2";
  reply.command = command_to_json(InputTxt{5, 10, 6, "", ".", "ab", true, 192});
  EXPECT_EQ(reply_body(reply), kExampleAReply);
}

// Example B: typed input, ENQROM answer, Envoi.
TEST(SpecExampleB, EnvoiRequest) {  // C-017, C-024
  Request request = telnet_request("ENVOI", "http://127.0.0.1:8090/index.php?sc=default&step=2");
  request.versionminitel = "Cu;";
  request.content = {"abxZ"};
  request.context = "ctx1";
  EXPECT_EQ(*serialise_request(request).text,
            R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"Cu;","content":["abxZ"],"datas":null,"context":"ctx1","fctn":"ENVOI","webmedia":0},)"
            R"("URLPARAMS":{"sc":"default","step":"2"}})");
}

TEST(SpecExampleB, ReplyKeepsContextAndUrl) {  // C-029, C-030
  constexpr std::string_view body = R"({"version":"1.1","content":"UEFHRTI=","context":"","echo":"on"})";
  const auto plan = plan_reply(parse_response(body));
  EXPECT_EQ(plan.content, "PAGE2");
  EXPECT_FALSE(plan.new_context);  // the context stays "ctx1"
  EXPECT_FALSE(plan.new_url);      // the URL stays ...step=2
  ServiceReply reply;
  reply.content = "PAGE2";
  reply.context = "";
  reply.echo = "on";
  EXPECT_EQ(reply_body(reply), body);
}

// Example C: WebSocket start URL, multi-line area.
TEST(SpecExampleC, StartUrlQueryBecomesUrlParams) {  // C-091
  const auto ws_query = urlparams_from_query("url=http%3A%2F%2F127.0.0.1%3A8090%2Findex.php%3Fsc%3Dws%26x%3D1");
  ASSERT_TRUE(ws_query);
  const std::string start_url = (*ws_query)["url"].get<std::string>();
  EXPECT_EQ(start_url, "http://127.0.0.1:8090/index.php?sc=ws&x=1");
  EXPECT_EQ(urlparams_from_url(start_url)->dump(), R"({"sc":"ws","x":"1"})");
}

constexpr std::string_view kExampleCReply =
    R"({"version":"1.1","content":"V1NQQUdF","context":"c","echo":"on",)"
    R"("next":"http://127.0.0.1:8090/index.php?sc=ws&step=1",)"
    R"("COMMAND":{"name":"InputMsg","param":{"x":1,"y":5,"w":10,"h":3,"spacechar":" ",)"
    R"("prefill":["l1","","l3"],"cursor":"off","validwith":0}}})";

TEST(SpecExampleC, Reply) {  // C-046, C-047
  const auto plan = plan_reply(parse_response(kExampleCReply));
  EXPECT_EQ(plan.content, "WSPAGE");
  ASSERT_TRUE(plan.command);
  const auto& msg = std::get<InputMsg>(*plan.command);
  EXPECT_EQ(msg, (InputMsg{1, 5, 10, 3, " ", {"l1", "", "l3"}, false, 128}));  // validwith 0 -> 128
  EXPECT_EQ(msg.cursor_line(), 2);  // the cursor goes to row 7 (1F 47 43), after "l3"
  ServiceReply reply;
  reply.content = "WSPAGE";
  reply.context = "c";
  reply.echo = "on";
  reply.next = "http://127.0.0.1:8090/index.php?sc=ws&step=1";
  reply.command = command_to_json(InputMsg{1, 5, 10, 3, " ", {"l1", "", "l3"}, false, 0});
  EXPECT_EQ(reply_body(reply), kExampleCReply);
}

TEST(SpecExampleC, EnvoiRequest) {  // C-019
  Request request;
  request.unique_id = "17953543836654";
  request.remote_addr = "127.0.0.1";
  request.typesocket = "WS";
  request.content = {"l1", "0123456789", "l3abcAB"};
  request.context = "c";
  request.fctn = "ENVOI";
  request.urlparams = urlparams_from_url("http://127.0.0.1:8090/index.php?sc=ws&step=1");
  const auto json = *serialise_request(request).text;
  EXPECT_NE(json.find(R"("typesocket":"WS","versionminitel":"???","content":["l1","0123456789","l3abcAB"],)"
                      R"("datas":null,"context":"c","fctn":"ENVOI","webmedia":0},"URLPARAMS":{"sc":"ws","step":"1"}})"),
            std::string::npos);
}

// Example D: background call and simulated input.
constexpr std::string_view kExampleDReply =
    R"({"version":"1.1","content":"","echo":"on","next":"http://127.0.0.1:8090/b?sc=b&step=2",)"
    R"("COMMAND":{"name":"BackgroundCall","param":{"url":["http://127.0.0.1:8090/bg?k=1&u=2","data-for-B"],)"
    R"("time":[1795354533,1795354533],"uniqueid":["999","17953545314284"],"simulate":[false,true]}}})";

TEST(SpecExampleD, Reply) {  // C-063, C-065
  const auto plan = plan_reply(parse_response(kExampleDReply));
  EXPECT_EQ(plan.content, "");
  ASSERT_TRUE(plan.command);
  const auto& call = std::get<BackgroundCall>(*plan.command);
  ASSERT_EQ(call.entries.size(), 2u);
  EXPECT_EQ(call.entries[0], (BackgroundCallEntry{"http://127.0.0.1:8090/bg?k=1&u=2", 1795354533, "999", false}));
  EXPECT_EQ(call.entries[1], (BackgroundCallEntry{"data-for-B", 1795354533, "17953545314284", true}));
  EXPECT_EQ(call.scheduled_as_original().size(), 2u);  // the simulated entry is last: no shifted pairs here
  ServiceReply reply;
  reply.content = "";
  reply.echo = "on";
  reply.next = "http://127.0.0.1:8090/b?sc=b&step=2";
  reply.command = command_to_json(call);
  EXPECT_EQ(reply_body(reply), kExampleDReply);
}

TEST(SpecExampleD, BackgroundRequests) {  // C-063, C-065
  EXPECT_EQ(*serialise_request(background_call_request("999", "http://127.0.0.1:8090/bg?k=1&u=2")).text,
            R"({"PAVI":{"version":"1.6","uniqueId":"999","remoteAddr":"","typesocket":"","versionminitel":"",)"
            R"("content":[],"datas":null,"context":"","fctn":"BGCALL","webmedia":0},"URLPARAMS":{"k":"1","u":"2"}})");
  Request simu;
  simu.unique_id = "17953545314284";
  simu.remote_addr = "127.0.0.1";
  simu.typesocket = "TELN";
  simu.content = {"data-for-B"};
  simu.context = "ctxB";
  simu.fctn = "BGCALL-SIMU";
  simu.urlparams = urlparams_from_url("http://127.0.0.1:8090/b?sc=b&step=2");
  EXPECT_EQ(*serialise_request(simu).text,
            R"({"PAVI":{"version":"1.6","uniqueId":"17953545314284","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"???","content":["data-for-B"],"datas":null,"context":"ctxB","fctn":"BGCALL-SIMU",)"
            R"("webmedia":0},"URLPARAMS":{"sc":"b","step":"2"}})");
}

// Example E: the bridge chain and libCnx, reply by reply.
TEST(SpecExampleE, BridgeChainReplies) {  // C-067, C-072, C-073, C-075, C-076, C-077
  const auto command_of = [](std::string_view body) {
    const auto plan = plan_reply(parse_response(body));
    EXPECT_FALSE(plan.error) << body;
    EXPECT_TRUE(plan.command) << body;
    return plan.command.value_or(Command{GetScreenList{}});
  };
  const auto tln_bad_key = command_of(
      R"({"content":"MQ==","next":"http://127.0.0.1:8090/x?step=1","COMMAND":{"name":"connectToTln",)"
      R"("param":{"host":"localhost:9301","key":"bad"}}})");
  EXPECT_TRUE(is_bridge_command(tln_bad_key));
  EXPECT_FALSE(bridge_key_exempt("http://127.0.0.1:8090/x?step=1", std::get<ConnectToTln>(tln_bad_key).host));
  EXPECT_FALSE(bridge_key_accepted(std::get<ConnectToTln>(tln_bad_key).key, {"good"}));  // -> DIRECTCALLENDED
  const auto ws = command_of(R"({"COMMAND":{"name":"connectToWs","param":{"host":"localhost:9302","key":"good"}}})");
  EXPECT_TRUE(bridge_key_accepted(std::get<ConnectToWs>(ws).key, {"good"}));
  const auto dup = command_of(R"({"COMMAND":{"name":"duplicateStream","param":{"uniqueid":"1","key":"bad"}}})");
  EXPECT_FALSE(duplicate_key_accepted(std::get<DuplicateStream>(dup).key, "visu"));
  EXPECT_TRUE(std::holds_alternative<ConnectToExt>(command_of(R"({"COMMAND":{"name":"connectToExt","param":{}}})")));
  const auto lib = plan_reply(parse_response(R"({"content":"Ng==","next":"http://127.0.0.1:8090/x?step=6",)"
                                             R"("COMMAND":{"name":"libCnx"}})"));
  ASSERT_TRUE(lib.command);
  EXPECT_TRUE(std::holds_alternative<LibCnx>(*lib.command));
  EXPECT_EQ(lib.new_url, "http://127.0.0.1:8090/x?step=6");  // the FIN goes to the new URL
  EXPECT_EQ(lib.content, "6");
}

}  // namespace
}  // namespace pavi::service
