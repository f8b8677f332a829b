// COMMAND parameters, ranges and defaults (service-protocol.md §5), and command_to_json round trips.
#include <gtest/gtest.h>

#include "gateway/service_protocol/commands.hpp"

namespace pavi::service {
namespace {

Command parse(std::string_view json) {
  const auto decoded = php_json_decode(json);
  EXPECT_TRUE(decoded.ok()) << json;
  const auto parsed = parse_command(*decoded.value);
  EXPECT_TRUE(parsed.command.has_value()) << json << " " << parsed.malformed.value_or("");
  return parsed.command.value_or(Command{LibCnx{}});
}

template <typename T>
T parse_as(std::string_view json) {
  const Command command = parse(json);
  EXPECT_TRUE(std::holds_alternative<T>(command)) << json;
  return std::holds_alternative<T>(command) ? std::get<T>(command) : T{};
}

std::optional<std::string> malformed(std::string_view json) {
  return parse_command(*php_json_decode(json).value).malformed;
}

TEST(InputTxtCommand, RangesAndDefaults) {  // C-037, C-038, C-040
  const auto txt = parse_as<InputTxt>(R"({"name":"InputTxt","param":{"x":0,"y":0,"l":99}})");
  EXPECT_EQ(txt.x, 1);
  EXPECT_EQ(txt.y, 0);  // row 0 is allowed
  EXPECT_EQ(txt.l, 1);  // reset to 1, not clamped
  EXPECT_EQ(txt.spacechar, " ");
  EXPECT_TRUE(txt.cursor);
  EXPECT_EQ(txt.validwith, 0);  // no default
  const auto far = parse_as<InputTxt>(R"({"name":"InputTxt","param":{"x":41,"y":25,"l":"3abc","cursor":"off",)"
                                      R"("spacechar":"-=","char":"*","validwith":"192"}})");
  EXPECT_EQ(far.x, 1);
  EXPECT_EQ(far.y, 1);
  EXPECT_EQ(far.l, 3);
  EXPECT_FALSE(far.cursor);
  EXPECT_EQ(far.spacechar, "-");
  EXPECT_EQ(far.mask, "*");  // C-041
  EXPECT_EQ(far.validwith, 192);
}

TEST(InputTxtCommand, CursorIsOffOnlyForOff) {
  EXPECT_TRUE(parse_as<InputTxt>(R"({"name":"InputTxt","param":{"cursor":"maybe"}})").cursor);
  EXPECT_TRUE(parse_as<InputTxt>(R"({"name":"InputTxt","param":{"cursor":false}})").cursor);
  EXPECT_FALSE(parse_as<InputTxt>(R"({"name":"InputTxt","param":{"cursor":"off"}})").cursor);
}

TEST(InputTxtCommand, LongPrefillKeepsTheTailAsTheOriginal) {  // C-039 (Q)
  const auto txt = parse_as<InputTxt>(R"({"name":"InputTxt","param":{"x":38,"l":8,"prefill":"abcdefgh"}})");
  EXPECT_EQ(txt.l, 1);  // 8 > 41-38
  EXPECT_EQ(txt.prefill_as_original(), "bcdefgh");
  EXPECT_EQ(txt.prefill_truncated(), "a");
  const auto short_prefill = parse_as<InputTxt>(R"({"name":"InputTxt","param":{"l":6,"prefill":"ab"}})");
  EXPECT_EQ(short_prefill.prefill_as_original(), "ab");
}

TEST(InputTxtCommand, JsonTrueAsNameSelectsInputTxt) {  // PHP switch() compares loosely
  EXPECT_TRUE(std::holds_alternative<InputTxt>(parse(R"({"name":true,"param":{}})")));
}

TEST(InputMsgCommand, RangesAndDefaults) {  // C-046, C-047
  const auto msg = parse_as<InputMsg>(R"({"name":"InputMsg","param":{"x":30,"y":20,"w":20,"h":9,"validwith":-1,)"
                                      R"("prefill":["abcdefghijklmn","","  ","xy","too many"]}})");
  EXPECT_EQ(msg.w, 11);  // clamped to 41-x
  EXPECT_EQ(msg.h, 5);   // clamped to 25-y
  EXPECT_EQ(msg.validwith, 128);
  ASSERT_EQ(msg.prefill.size(), 5u);
  EXPECT_EQ(msg.prefill[0], "abcdefghijk");
  EXPECT_EQ(msg.cursor_line(), 4);
  const auto few = parse_as<InputMsg>(R"({"name":"InputMsg","param":{"h":2,"prefill":["a","b","c"]}})");
  EXPECT_EQ(few.prefill, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(parse_as<InputMsg>(R"({"name":"InputMsg","param":{"prefill":"text"}})").prefill.empty());
}

TEST(InputFormCommand, FieldsAndDefaults) {  // C-052..C-058
  const auto form = parse_as<InputForm>(
      R"({"name":"InputForm","param":{"x":[1,20,0],"y":[3,3,30],"l":[5,50,2],"prefill":["abcdefg","x"],)"
      R"("char":["","*"],"validwith":4}})");
  ASSERT_EQ(form.fields.size(), 3u);
  EXPECT_EQ(form.fields[0].prefill, "abcde");
  EXPECT_EQ(form.fields[1].l, 21);  // C-058: l clamped to 41-x
  EXPECT_EQ(form.fields[1].mask, "*");
  EXPECT_EQ(form.fields[2].x, 1);
  EXPECT_EQ(form.fields[2].y, 1);
  EXPECT_EQ(form.spacechar, ".");    // C-053
  EXPECT_EQ(form.validwith, 128);    // C-054: 4 behaves as 128
  EXPECT_FALSE(form.layout_fallback);
}

TEST(InputFormCommand, MismatchedListsFallBackToOneField) {
  const auto form = parse_as<InputForm>(R"({"name":"InputForm","param":{"x":[1,2],"y":[1],"l":[5,5]}})");
  EXPECT_TRUE(form.layout_fallback);
  EXPECT_EQ(form.declared_count, 2u);
  ASSERT_EQ(form.fields.size(), 1u);
  EXPECT_EQ(form.fields[0], (InputFormField{1, 1, 10, "", ""}));
}

TEST(InputFormCommand, NonListCoordinatesAreMalformed) {  // C-086
  EXPECT_TRUE(malformed(R"({"name":"InputForm","param":{"x":1,"y":[1],"l":[1]}})"));
  EXPECT_TRUE(malformed(R"({"name":"InputForm","param":{}})"));
}

TEST(InputFormCommand, StringMaskIsIndexedByField) {
  const auto form = parse_as<InputForm>(R"({"name":"InputForm","param":{"x":[1,1],"y":[1,2],"l":[3,3],"char":"*"}})");
  EXPECT_EQ(form.fields[0].mask, "*");
  EXPECT_EQ(form.fields[1].mask, "");
}

TEST(PushServiceMsgCommand, PluralIdsSingularMessage) {  // C-062
  const auto push = parse_as<PushServiceMsg>(
      R"({"name":"PushServiceMsg","param":{"uniqueids":["1","2",17953543836654],"message":["héllo","x"]}})");
  EXPECT_EQ(push.uniqueids, (std::vector<std::string>{"1", "2", "17953543836654"}));
  EXPECT_EQ(push.messages, (std::vector<std::string>{"héllo", "x", ""}));
  EXPECT_TRUE(parse_as<PushServiceMsg>(R"({"name":"PushServiceMsg","param":{"uniqueid":["1"]}})").uniqueids.empty());
  EXPECT_TRUE(unique_id_matches("17953543836654", "17953543836654"));
  EXPECT_TRUE(unique_id_matches("017953543836654", "17953543836654"));  // loose == on numeric strings
  EXPECT_FALSE(unique_id_matches("1795354383665", "17953543836654"));
}

TEST(BackgroundCallCommand, EntriesPairedByIndex) {  // C-063, C-065
  const auto call = parse_as<BackgroundCall>(
      R"({"name":"BackgroundCall","param":{"url":["u0","u1","u2"],"time":[10,20,30],"uniqueid":["a","b","c"],)"
      R"("simulate":[true,false,false]}})");
  ASSERT_EQ(call.entries.size(), 3u);
  EXPECT_EQ(call.entries[1], (BackgroundCallEntry{"u1", 20, "b", false}));
  // The original removes the simulated entry from `time` only: the calls then pair shifted urls and ids (Q).
  const auto scheduled = call.scheduled_as_original();
  ASSERT_EQ(scheduled.size(), 3u);
  EXPECT_EQ(scheduled[0], (BackgroundCallEntry{"u0", 10, "a", true}));
  EXPECT_EQ(scheduled[1], (BackgroundCallEntry{"u0", 20, "a", false}));
  EXPECT_EQ(scheduled[2], (BackgroundCallEntry{"u1", 30, "b", false}));
}

TEST(BridgeCommands, Parameters) {
  const auto ws = parse_as<ConnectToWs>(
      R"({"name":"connectToWs","param":{"host":" h:8080 ","key":"k","echo":"on","case":"lower","proto":"tty"}})");
  EXPECT_EQ(ws.host, "h:8080");
  EXPECT_TRUE(ws.echo);
  EXPECT_TRUE(ws.lower_case);
  EXPECT_EQ(ws.request_path(), "/");  // the original sends "GET  HTTP/1.1" here
  EXPECT_EQ(ws.proto, "tty");
  EXPECT_FALSE(parse_as<ConnectToWs>(R"({"name":"connectToWs","param":{"case":"LOWER","echo":true}})").lower_case);
  const auto tln = parse_as<ConnectToTln>(
      R"({"name":"connectToTln","param":{"host":"localhost:9301","startseq":"\\x13\\x41hello"}})");
  EXPECT_EQ(tln.startseq, "\x13\x41hello");  // §5.8
  const auto ext = parse_as<ConnectToExt>(R"({"name":"connectToExt","param":{"number":"3615","RX":"-35","TX":-20}})");
  EXPECT_EQ(ext.rx, -35);
  EXPECT_EQ(ext.tx, -20);
  const auto dup = parse_as<DuplicateStream>(R"({"name":"duplicateStream","param":{"uniqueid":" 42 ","key":"v"}})");
  EXPECT_EQ(dup.uniqueid, "42");
  EXPECT_TRUE(malformed(R"({"name":"connectToTln","param":{"host":["x"]}})"));
}

TEST(BridgeCommands, KeyRules) {  // C-072, C-074, C-075
  const std::vector<std::string> keys = {"secret"};
  EXPECT_TRUE(bridge_key_accepted(Json("secret"), keys));
  EXPECT_FALSE(bridge_key_accepted(Json("bad"), keys));
  EXPECT_TRUE(bridge_key_accepted(Json(true), keys));  // PHP loose array_search
  EXPECT_FALSE(bridge_key_accepted(Json(nullptr), keys));
  EXPECT_TRUE(bridge_key_exempt("http://127.0.0.1:8090/index.php", "127.0.0.1:9301"));
  EXPECT_TRUE(bridge_key_exempt("http://127.0.0.1:8090/index.php", "ssl://127.0.0.1:443"));
  EXPECT_FALSE(bridge_key_exempt("http://127.0.0.1:8090/index.php", "localhost:9301"));
  EXPECT_FALSE(bridge_key_exempt("http://127.0.0.1:8090/index.php", "localhost"));
  EXPECT_TRUE(duplicate_key_accepted(Json("v"), "v"));
  EXPECT_FALSE(duplicate_key_accepted(Json(true), "v"));
  EXPECT_TRUE(duplicate_key_accepted(Json(""), ""));  // <connecttocmd> without <visukey>
}

TEST(SetParamCommand, ScreensaverAndTimeout) {  // C-068, C-069
  const auto text = parse_as<SetParam>(
      R"({"name":"setParam","param":{"paramName":"screensaver","params":{"type":3,"text":"HELLO"}}})");
  EXPECT_EQ(text.kind, SetParam::Kind::screensaver);
  EXPECT_EQ(text.screensaver_type, 3);
  EXPECT_EQ(text.screensaver_text, "HELLO");
  EXPECT_EQ(parse_as<SetParam>(R"({"name":"setParam","param":{"paramName":"screensaver","params":{"type":7}}})")
                .screensaver_type,
            2);
  EXPECT_EQ(parse_as<SetParam>(R"({"name":"setParam","param":{"paramName":"screensaver","params":[3]}})")
                .screensaver_type,
            0);  // an array reads as all-zero values
  EXPECT_EQ(parse_as<SetParam>(
                R"({"name":"setParam","param":{"paramName":"screensaver","params":{"type":3,"text":""}}})")
                .screensaver_text,
            "Not set");
  const auto timeout = parse_as<SetParam>(R"({"name":"setParam","param":{"paramName":"timeout","params":{"minutes":1}}})");
  EXPECT_EQ(timeout.kind, SetParam::Kind::timeout);
  EXPECT_EQ(timeout.timeout_minutes, 1);
  EXPECT_EQ(parse_as<SetParam>(R"({"name":"setParam","param":{"paramName":"timeout","params":{"minutes":31}}})")
                .timeout_minutes,
            0);
  EXPECT_EQ(parse_as<SetParam>(R"({"name":"setParam","param":{"paramName":"other"}})").kind, SetParam::Kind::other);
}

TEST(OtherCommands, ScreensLibCnxAndUnknown) {  // C-067, C-070, C-081
  const auto get = parse_as<GetScreen>(R"({"name":"getScreen","param":{"seq":"123","color":"1","minitel":0}})");
  EXPECT_EQ(get.seq, Json("123"));
  EXPECT_TRUE(get.color);
  EXPECT_FALSE(get.minitel);
  EXPECT_TRUE(std::holds_alternative<GetScreenList>(parse(R"({"name":"getScreenList"})")));
  EXPECT_TRUE(std::holds_alternative<LibCnx>(parse(R"({"name":"libCnx"})")));
  const auto unknown = parse_as<UnknownCommand>(R"({"name":"inputtxt"})");  // names are case-sensitive
  EXPECT_EQ(command_name(Command{unknown}), "inputtxt");
  EXPECT_EQ(unknown.dump(), "stdClass Object\n(\n    [name] => inputtxt\n)\n");
}

TEST(CommandKinds, InputAndBridgeGroups) {
  EXPECT_TRUE(is_input_command(Command{InputForm{}}));
  EXPECT_FALSE(is_input_command(Command{LibCnx{}}));
  EXPECT_TRUE(is_bridge_command(Command{DuplicateStream{}}));
  EXPECT_FALSE(is_bridge_command(Command{BackgroundCall{}}));
}

TEST(ValidWith, KeyBits) {  // §5.10
  using videotex::FunctionKey;
  EXPECT_EQ(validwith_bit(FunctionKey::sommaire), 1);
  EXPECT_EQ(validwith_bit(FunctionKey::retour), 4);
  EXPECT_EQ(validwith_bit(FunctionKey::envoi), 128);
  EXPECT_EQ(validwith_bit(FunctionKey::connexion_fin), 0);
}

TEST(CommandJson, RoundTripsEveryKind) {
  InputForm form;
  form.fields = {InputFormField{2, 3, 4, "ab", "*"}, InputFormField{2, 5, 10, "", ""}};
  SetParam screensaver;
  screensaver.kind = SetParam::Kind::screensaver;
  screensaver.name = "screensaver";
  screensaver.screensaver_type = 3;
  screensaver.screensaver_text = "HELLO";
  const std::vector<Command> commands = {
      InputTxt{5, 10, 6, "", ".", "ab", true, 192},
      InputMsg{1, 5, 10, 3, " ", {"l1", "", "l3"}, false, 128},
      form,
      LibCnx{},
      PushServiceMsg{{"1", "2"}, {"a", "b"}},
      BackgroundCall{{BackgroundCallEntry{"http://h/bg?k=1", 1795354533, "999", false}}},
      ConnectToWs{"h:8080", Json("k"), "/ws", true, true, "tty"},
      ConnectToTln{"h:23", Json("k"), false, false, std::string("\x13\x41hi\\", 5)},
      ConnectToExt{"3615", -35, -20, Json("k")},
      DuplicateStream{"17953543836654", Json("v")},
      screensaver,
      GetScreen{Json("12"), true, false},
      GetScreenList{},
  };
  for (const auto& command : commands) {
    const auto parsed = parse_command(command_to_json(command));
    ASSERT_TRUE(parsed.command) << command_name(command);
    EXPECT_EQ(*parsed.command, command) << command_name(command) << " " << command_to_json(command).dump();
  }
}

}  // namespace
}  // namespace pavi::service
