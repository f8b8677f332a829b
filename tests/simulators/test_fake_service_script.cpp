// Declarative fake services: loading and validation, page selection, routing, reply contents and faults,
// first as pure logic (FakeScript::reply), then end to end over HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/simulators/fake_service_client.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "gateway/service_protocol/xml_reply.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "tests/support/test_paths.hpp"
#include "videotex/encoder.hpp"

namespace pavi::sim {
namespace {

using test::bytes;

constexpr std::string_view kBase = "http://127.0.0.1:9";

FakeScript script_from(std::string_view json) {
  auto loaded = FakeScript::parse(json);
  EXPECT_TRUE(loaded.script) << loaded.error;
  return loaded.script ? std::move(*loaded.script) : FakeScript{};
}

RecordedRequest request(std::string fctn, std::string path = "/", std::vector<std::string> content = {},
                        std::string query = {}, std::string context = {}) {
  RecordedRequest recorded;
  recorded.method = "POST";
  recorded.path = std::move(path);
  service::Request parsed;
  parsed.unique_id = "17953543836654";
  parsed.fctn = std::move(fctn);
  parsed.content = std::move(content);
  parsed.context = std::move(context);
  parsed.urlparams = service::urlparams_from_query(query);
  recorded.request = parsed;
  return recorded;
}

service::ResponseParse answer(FakeScript& script, const RecordedRequest& r) {
  const FakeReply reply = script.reply(r, kBase);
  EXPECT_EQ(reply.transport, FakeReply::Transport::respond);
  return service::parse_response(reply.body);
}

TEST(FakeScriptLoad, RejectsMistakesWithAPlace) {
  const auto error = [](std::string_view json) { return FakeScript::parse(json).error; };
  EXPECT_NE(error("{").find("not JSON"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{}})").find("non-empty"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"txt":"x"}}})").find("pages.a: unknown key \"txt\""), std::string::npos);
  EXPECT_NE(error(R"({"start":"b","pages":{"a":{}}})").find("start page"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"routes":[{"goto":"nowhere"}]}}})").find("unknown page \"nowhere\""),
            std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"routes":[{"fctn":"ENVOI"}]}}})").find("no \"goto\""), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"routes":[{"content_regex":"(","goto":"a"}]}}})").find("regular expression"),
            std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"bytes":"0G"}}})").find("bad hex"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"fault":{"kind":"meltdown"}}}})").find("not a fault kind"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"vdt":"/nonexistent/x.vdt"}}})").find("cannot read"), std::string::npos);
  EXPECT_NE(error(R"({"pages":{"a":{"path":"x"}}})").find("must start with '/'"), std::string::npos);
}

TEST(FakeScriptReply, PageContentsFromTextBytesAndKeys) {
  FakeScript script = script_from(R"({"pages":{"home":{
      "bytes":"0C 1F 41 41", "text":"Bonjour {uniqueId}\nfctn={fctn}", "context":"ctx-{fctn}", "echo":"on",
      "directcall":"yes-cnx",
      "COMMAND":{"name":"InputTxt","param":{"x":5,"y":10,"l":6,"validwith":192}}}}})");
  const auto parse = answer(script, request("CNX"));
  ASSERT_EQ(parse.status, service::ResponseStatus::ok);
  const auto& response = parse.response;
  EXPECT_EQ(response.content, bytes("0C 1F 41 41") + videotex::encode::text("Bonjour 17953543836654") + "\r\n" +
                                  videotex::encode::text("fctn=CNX"));
  EXPECT_EQ(response.context, "ctx-CNX");
  EXPECT_TRUE(response.echo);
  EXPECT_EQ(response.directcall, service::DirectCall::yes_cnx);
  EXPECT_EQ(response.next, std::string(kBase) + "/");  // its own URL: the start page lives at "/"
  ASSERT_TRUE(response.command.command);
  EXPECT_EQ(std::get<service::InputTxt>(*response.command.command).validwith, 192);
}

TEST(FakeScriptReply, NextForms) {
  FakeScript script = script_from(R"({"pages":{
      "home":{},
      "named":{"next":"home"},
      "query":{"next":"other?step=2"},
      "other":{"path":"/index.php?sc=o"},
      "absolute":{"next":"http://example.com/x"},
      "path":{"next":"/p?q=1"},
      "omitted":{"next":null},
      "empty":{"next":""},
      "routes":{"routes":[{"fctn":"ENVOI","content":"1","goto":"named"}, {"fctn":"ENVOI","content":"2","goto":"query"},
                          {"fctn":"ENVOI","content":"3","goto":"other"}, {"fctn":"ENVOI","content":"4","goto":"absolute"},
                          {"fctn":"ENVOI","content":"5","goto":"path"}, {"fctn":"ENVOI","content":"6","goto":"omitted"},
                          {"fctn":"ENVOI","content":"7","goto":"empty"}]}}})");
  const auto next_for = [&](std::string choice) {
    const auto raw = script.reply(request("ENVOI", "/routes", {std::move(choice)}), kBase).body;
    return service::php_json_decode(raw).value->value("next", std::string("<absent>"));
  };
  EXPECT_EQ(next_for("1"), std::string(kBase) + "/");
  EXPECT_EQ(next_for("2"), std::string(kBase) + "/index.php?step=2");
  EXPECT_EQ(next_for("3"), std::string(kBase) + "/index.php?sc=o");
  EXPECT_EQ(next_for("4"), "http://example.com/x");
  EXPECT_EQ(next_for("5"), std::string(kBase) + "/p?q=1");
  EXPECT_EQ(next_for("6"), "<absent>");
  EXPECT_EQ(next_for("7"), "");
  EXPECT_EQ(next_for("8"), std::string(kBase) + "/routes");  // no route: the page itself
}

TEST(FakeScriptRouting, ConditionsAndOrder) {
  FakeScript script = script_from(R"({"start":"home","pages":{
      "home":{"routes":[
        {"fctn":["SOMMAIRE","RETOUR"],"goto":"menu"},
        {"fctn":"ENVOI","content_regex":"^[0-9]+$","goto":"number"},
        {"fctn":"ENVOI","context":"vip","goto":"vip"},
        {"urlparams":{"lang":"fr"},"goto":"french"},
        {"fctn":"ENVOI","goto":"other"}]},
      "menu":{}, "number":{}, "vip":{}, "french":{}, "other":{}}})");
  EXPECT_EQ(script.answering_page(request("SOMMAIRE")), "menu");
  EXPECT_EQ(script.answering_page(request("RETOUR")), "menu");
  EXPECT_EQ(script.answering_page(request("ENVOI", "/", {"123"})), "number");
  EXPECT_EQ(script.answering_page(request("ENVOI", "/", {"abc"}, "", "vip")), "vip");
  EXPECT_EQ(script.answering_page(request("GUIDE", "/", {}, "lang=fr")), "french");
  EXPECT_EQ(script.answering_page(request("ENVOI", "/", {"abc"})), "other");
  EXPECT_EQ(script.answering_page(request("CNX")), "home");
}

TEST(FakeScriptRouting, PagesAreFoundByPathAndUrlParams) {
  FakeScript script = script_from(R"({"start":"home","pages":{
      "home":{"path":"/index.php"}, "step2":{"path":"/index.php?step=2"}, "step3":{"path":"/index.php?step=3&x=1"},
      "elsewhere":{"path":"/other"}}})");
  EXPECT_EQ(script.page_for(request("ENVOI", "/index.php")), "home");
  EXPECT_EQ(script.page_for(request("ENVOI", "/index.php", {}, "sc=default&step=2")), "step2");
  EXPECT_EQ(script.page_for(request("ENVOI", "/index.php", {}, "step=3")), "home");  // step3 also wants x=1
  EXPECT_EQ(script.page_for(request("ENVOI", "/index.php", {}, "step=3&x=1")), "step3");
  EXPECT_EQ(script.page_for(request("ENVOI", "/other")), "elsewhere");
  EXPECT_EQ(script.page_for(request("ENVOI", "/unknown")), "home");  // unknown paths go to the default page
  EXPECT_EQ(script.page_path("step2"), "/index.php?step=2");
  EXPECT_FALSE(script.page_path("nope"));
}

TEST(FakeScriptReply, VdtFilesAndVerbatimBodies) {
  const auto dir = std::filesystem::temp_directory_path() / ("pavikit-fake-script-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string vdt = bytes(R"(0C 0E 1F 41 41 "VDT" 19 42 65 80 FF)");
  std::ofstream(dir / "page.vdt", std::ios::binary) << vdt;
  std::ofstream(dir / "script.json") << R"({"pages":{"home":{"vdt":"page.vdt"},
      "b64":{"base64":"!!!Zm9v###"}, "verbatim":{"reply":{"version":"1.1","content":["not","a","string"]}},
      "string":{"reply":"<html>raw</html>"}}})";
  auto loaded = FakeScript::load(dir / "script.json");
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(loaded.script) << loaded.error;
  FakeScript& script = *loaded.script;
  EXPECT_EQ(answer(script, request("CNX")).response.content, vdt);
  EXPECT_EQ(answer(script, request("ENVOI", "/b64")).response.content, "foo");  // C-026
  EXPECT_EQ(answer(script, request("ENVOI", "/verbatim")).status, service::ResponseStatus::malformed);
  EXPECT_EQ(script.reply(request("ENVOI", "/string"), kBase).body, "<html>raw</html>");
}

TEST(FakeScriptFaults, KindsMethodsAndBudgets) {
  FakeScript script = script_from(R"({"pages":{"home":{"text":"ok"},
      "flaky":{"text":"back","fault":{"kind":"reset","times":1}},
      "fallback":{"faults":[{"kind":"close","method":"POST"},{"kind":"xml_interpreter","method":"GET"}]},
      "moved":{"fault":{"kind":"redirect","status":301,"to":"home"}},
      "big":{"fault":{"kind":"oversized","size":120000,"delay_ms":5}},
      "raw":{"fault":{"kind":"raw","status":404,"body":"Not found page","content_type":"text/plain"}},
      "broken":{"fault":{"kind":"http500"}}, "bad":{"fault":{"kind":"invalid_json"}}, "none":{"fault":{"kind":"empty"}}}})");
  EXPECT_EQ(script.reply(request("ENVOI", "/flaky"), kBase).transport, FakeReply::Transport::reset);
  EXPECT_EQ(script.reply(request("ENVOI", "/flaky"), kBase).transport, FakeReply::Transport::respond);
  EXPECT_EQ(script.reply(request("ENVOI", "/fallback"), kBase).transport, FakeReply::Transport::close);
  RecordedRequest get = request("", "/fallback");
  get.method = "GET";
  EXPECT_EQ(service::classify_xml_reply(script.reply(get, kBase).body).interpreter_url, std::string(kBase) + "/xmlint?url=");
  const auto moved = script.reply(request("ENVOI", "/moved"), kBase);
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.headers.at(0), (std::pair<std::string, std::string>{"Location", std::string(kBase) + "/"}));
  const auto big = script.reply(request("ENVOI", "/big"), kBase);
  EXPECT_GT(big.body.size(), 100000u);
  EXPECT_LE(big.body.size(), 120000u);
  EXPECT_EQ(big.delay.count(), 5);
  const auto raw = script.reply(request("ENVOI", "/raw"), kBase);
  EXPECT_EQ(raw.status, 404);
  EXPECT_EQ(service::parse_response(raw.body).json_error, "Syntax error");  // C-007
  EXPECT_EQ(script.reply(request("ENVOI", "/broken"), kBase).status, 500);
  EXPECT_EQ(service::parse_response(script.reply(request("ENVOI", "/bad"), kBase).body).status,
            service::ResponseStatus::not_json);
  EXPECT_EQ(script.reply(request("ENVOI", "/none"), kBase).body, "");
}

TEST(FakeScriptHttp, ScriptedVisitOverHttp) {
  FakeService service;
  const auto dir = std::filesystem::temp_directory_path() / ("pavikit-fake-visit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "visit.json") << R"({"start":"home","pages":{
      "home":{"path":"/index.php?sc=default","bytes":"0C 1F 41 41 \"Hello\"","context":"ctx1","echo":"on",
              "next":"step2", "COMMAND":{"name":"InputTxt","param":{"x":5,"y":10,"l":6,"char":"","spacechar":".",
              "prefill":"ab","cursor":"on","validwith":192}}},
      "step2":{"path":"/index.php?sc=default&step=2","routes":[{"fctn":"ENVOI","content":"abxZ","goto":"page2"}]},
      "page2":{"text":"PAGE2","context":"","echo":"on","next":null}}})";
  ASSERT_EQ(service.load_script(dir / "visit.json"), "");
  EXPECT_NE(service.load_script(dir / "missing.json"), "");  // the old script stays
  std::filesystem::remove_all(dir);

  test::CurlClient client;
  service::Request cnx;
  cnx.unique_id = "17953543836654";
  cnx.fctn = "CNX";
  cnx.urlparams = service::urlparams_from_url(service.page_url("home"));
  const auto first = service::plan_reply(service::parse_response(
      client.post(service.url("/index.php"), *service::serialise_request(cnx).text).body));
  EXPECT_EQ(first.content, bytes(R"(0C 1F 41 41 "Hello")"));  // as in service-protocol.md §8 example A
  EXPECT_EQ(first.new_url, service.url("/index.php?sc=default&step=2"));
  ASSERT_TRUE(first.command);

  service::Request envoi = cnx;
  envoi.fctn = "ENVOI";
  envoi.content = {"abxZ"};
  envoi.context = "ctx1";
  envoi.urlparams = service::urlparams_from_url(*first.new_url);
  const auto second = service::plan_reply(service::parse_response(
      client.post(service.url("/index.php"), *service::serialise_request(envoi).text).body));
  EXPECT_EQ(second.content, "PAGE2");
  EXPECT_FALSE(second.new_url);
  EXPECT_FALSE(second.new_context);
  ASSERT_EQ(service.request_count(), 2u);
  EXPECT_EQ(service.requests()[1].request->content, (std::vector<std::string>{"abxZ"}));
}

}  // namespace
}  // namespace pavi::sim
