// Reply processing (service-protocol.md §3): the order of the checks, what each key does, and plan_reply's
// account of what a session applies.
#include <gtest/gtest.h>

#include "gateway/service_protocol/response.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::service {
namespace {

using test::bytes;

TEST(ServiceResponse, EmptyOrBlankBodyIsNoResponse) {  // C-011
  for (const char* body : {"", "  \r\n\t", "\n"}) {
    const auto parse = parse_response(body);
    EXPECT_EQ(parse.status, ResponseStatus::no_response);
    EXPECT_TRUE(plan_reply(parse).no_response);
  }
}

TEST(ServiceResponse, NonJsonGivesErr03WithTheParserMessage) {  // C-007, C-078
  const auto parse = parse_response("Not found page");
  ASSERT_EQ(parse.status, ResponseStatus::not_json);
  EXPECT_EQ(parse.json_error, "Syntax error");
  EXPECT_EQ(parse.body_excerpt, "Not found page");
  const auto plan = plan_reply(parse);
  EXPECT_EQ(plan.error, ErrorCode::not_json);
  EXPECT_EQ(plan.error_info, "Exception: Syntax error");
  EXPECT_EQ(plan.error_extra, "Votre serveur a répondu: Not found page");
  EXPECT_FALSE(plan.new_url);  // C-079: URL, context and echo unchanged
  EXPECT_FALSE(plan.new_context);
  EXPECT_FALSE(plan.echo);
}

TEST(ServiceResponse, InvalidNextStopsEverything) {  // C-080
  const auto parse = parse_response(R"({"content":"SGk=","context":"c","echo":"on","next":"notaurl",)"
                                    R"("COMMAND":{"name":"libCnx"}})");
  ASSERT_EQ(parse.status, ResponseStatus::bad_next);
  EXPECT_EQ(parse.bad_next, "notaurl");
  const auto plan = plan_reply(parse);
  EXPECT_EQ(plan.error, ErrorCode::bad_next_url);
  EXPECT_EQ(plan.error_info, "notaurl");
  EXPECT_FALSE(plan.new_url);
  EXPECT_FALSE(plan.new_context);
  EXPECT_FALSE(plan.echo);
  EXPECT_FALSE(plan.command);
  EXPECT_FALSE(plan.content);
}

TEST(ServiceResponse, NextWithSpacesAroundIsInvalidButBlankNextKeepsTheUrl) {  // C-029
  EXPECT_EQ(parse_response(R"({"next":" http://h/x"})").status, ResponseStatus::bad_next);
  for (const char* body : {R"({"next":null})", R"({"next":""})", R"({"next":"   "})", R"({})"}) {
    const auto parse = parse_response(body);
    ASSERT_EQ(parse.status, ResponseStatus::ok) << body;
    EXPECT_FALSE(plan_reply(parse).new_url) << body;
  }
  EXPECT_EQ(parse_response(R"({"next":123})").bad_next, "123");
}

TEST(ServiceResponse, ContextIsKeptUnlessANonEmptyOneArrives) {  // C-030
  EXPECT_FALSE(parse_response(R"({"context":""})").response.context);
  EXPECT_FALSE(parse_response(R"({"version":"1.1"})").response.context);
  EXPECT_EQ(parse_response(R"({"context":"c2"})").response.context, "c2");
  const std::string long_context(64010, 'x');
  EXPECT_EQ(parse_response(R"({"context":")" + long_context + "\"}").response.context->size(), 64000u);
  std::string accents;
  for (int i = 0; i < 64001; ++i) accents += "é";
  EXPECT_EQ(parse_response(R"({"context":")" + accents + "\"}").response.context->size(), 128000u);  // characters
}

TEST(ServiceResponse, EchoIsOnOnlyForOnOrTrue) {  // C-028
  EXPECT_TRUE(parse_response(R"({"echo":"on"})").response.echo);
  EXPECT_TRUE(parse_response(R"({"echo":true})").response.echo);
  for (const char* body : {R"({"echo":"off"})", R"({"echo":"ON"})", R"({"echo":1})", R"({})"}) {
    EXPECT_FALSE(parse_response(body).response.echo) << body;
    EXPECT_EQ(plan_reply(parse_response(body)).echo, false);  // an explicit "off": echo is turned off
  }
}

TEST(ServiceResponse, ContentIsDecodedLeniently) {  // C-026
  EXPECT_EQ(parse_response(R"({"content":"!!!Zm9v###"})").response.content, "foo");
  EXPECT_EQ(parse_response(R"({"content":"gIH/"})").response.content, bytes("80 81 FF"));  // 8-bit bytes kept
  EXPECT_FALSE(parse_response(R"({"content":null})").response.content);
  EXPECT_FALSE(parse_response(R"({})").response.content);
  EXPECT_EQ(parse_response(R"({"content":""})").response.content, "");
}

TEST(ServiceResponse, DirectCall) {  // C-031
  EXPECT_EQ(parse_response(R"({"directcall":"yes"})").response.directcall, DirectCall::yes);
  EXPECT_EQ(parse_response(R"({"directcall":true})").response.directcall, DirectCall::yes);
  EXPECT_EQ(parse_response(R"({"directcall":"yes-cnx"})").response.directcall, DirectCall::yes_cnx);
  EXPECT_EQ(parse_response(R"({"directcall":"no"})").response.directcall, DirectCall::none);
  EXPECT_EQ(parse_response(R"({"directcall":"YES"})").response.directcall, DirectCall::none);
}

TEST(ServiceResponse, NonObjectJsonIsAnEmptyReply) {
  for (const char* body : {"[1,2]", "\"text\"", "42", "null"}) {
    const auto parse = parse_response(body);
    ASSERT_EQ(parse.status, ResponseStatus::ok) << body;
    const auto plan = plan_reply(parse);
    EXPECT_FALSE(plan.content);
    EXPECT_FALSE(plan.command);
    EXPECT_EQ(plan.echo, false);
  }
}

TEST(ServiceResponse, UnknownCommandAppliesNextContextEchoButNotContent) {  // C-081
  const auto parse = parse_response(R"({"content":"SGk=","context":"c7","echo":"on","next":"http://h/n",)"
                                    R"("COMMAND":{"name":"Bogus","param":{"a":1}}})");
  ASSERT_EQ(parse.status, ResponseStatus::ok);
  const auto plan = plan_reply(parse);
  EXPECT_EQ(plan.error, ErrorCode::unknown_command);
  EXPECT_EQ(plan.new_url, "http://h/n");
  EXPECT_EQ(plan.new_context, "c7");
  EXPECT_EQ(plan.echo, true);
  EXPECT_FALSE(plan.content);
  EXPECT_EQ(plan.error_info,
            "stdClass Object\n(\n    [name] => Bogus\n    [param] => stdClass Object\n        (\n"
            "            [a] => 1\n        )\n\n)\n");
}

TEST(ServiceResponse, ArmedInputIgnoresTheCommandButKeepsTheRest) {  // C-035
  const auto parse = parse_response(R"({"content":"SGk=","context":"c","echo":"on","next":"http://h/n",)"
                                    R"("COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":3}}})");
  const auto armed = plan_reply(parse, true);
  EXPECT_FALSE(armed.command);
  EXPECT_EQ(armed.content, "Hi");
  EXPECT_EQ(armed.new_url, "http://h/n");
  EXPECT_EQ(armed.new_context, "c");
  EXPECT_TRUE(plan_reply(parse, false).command);
  // Even an unknown command is ignored then: no ERR#07, the content shows.
  const auto unknown = plan_reply(parse_response(R"({"content":"SGk=","COMMAND":{"name":"Bogus"}})"), true);
  EXPECT_FALSE(unknown.error);
  EXPECT_EQ(unknown.content, "Hi");
}

TEST(ServiceResponse, MissingOrEmptyCommandNameMeansNoCommand) {
  for (const char* body : {R"({"COMMAND":{"name":""}})", R"({"COMMAND":{}})", R"({"COMMAND":[]})",
                           R"({"COMMAND":"InputTxt"})", R"({"COMMAND":{"name":null}})", R"({"COMMAND":{"name":false}})"}) {
    const auto plan = plan_reply(parse_response(body));
    EXPECT_FALSE(plan.command) << body;
    EXPECT_FALSE(plan.error) << body;
  }
}

TEST(ServiceResponse, WrongTypesThatCrashTheOriginalGiveErr10) {  // C-086
  const auto content = parse_response(R"({"content":["a"],"context":"c","next":"http://h/n"})");
  ASSERT_EQ(content.status, ResponseStatus::malformed);
  EXPECT_EQ(content.malformed_key, MalformedKey::content);
  const auto plan = plan_reply(content);
  EXPECT_EQ(plan.error, ErrorCode::malformed_command);
  EXPECT_EQ(plan.new_url, "http://h/n");  // applied before the crash
  EXPECT_EQ(plan.new_context, "c");
  EXPECT_NE(plan.error_info.find("base64_decode()"), std::string::npos);

  const auto context = plan_reply(parse_response(R"({"context":{"a":1},"next":"http://h/n"})"));
  EXPECT_EQ(context.error, ErrorCode::malformed_command);
  EXPECT_EQ(context.new_url, "http://h/n");
  EXPECT_FALSE(context.echo);

  const auto next = plan_reply(parse_response(R"({"next":["http://h/n"]})"));
  EXPECT_EQ(next.error, ErrorCode::malformed_command);
  EXPECT_FALSE(next.new_url);

  const auto form = plan_reply(parse_response(R"({"context":"c","COMMAND":{"name":"InputForm","param":{"x":1}}})"));
  EXPECT_EQ(form.error, ErrorCode::malformed_command);
  EXPECT_EQ(form.new_context, "c");
  EXPECT_NE(form.error_info.find("Countable"), std::string::npos);
}

TEST(ServiceResponse, ErrorPagesComeFromThePlan) {  // C-082
  const auto page = plan_reply(parse_response("oops")).error_page("17953543836654");
  EXPECT_EQ(page.substr(0, 11), bytes("0C 0F 1F 42 41 1B 4D 1B 47 1B 51"));
  EXPECT_NE(page.find(bytes(R"(1F 58 41 "UID:17953543836654 Aide:aide@minipavi.fr")")), std::string::npos);
  EXPECT_EQ(plan_reply(parse_response("{}")).error_page("1"), "");
}

}  // namespace
}  // namespace pavi::service
