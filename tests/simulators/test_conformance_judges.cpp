// The conformance judges against observations written from the spec's facts (conformance-checklist.md): each one
// passes on the behaviour the checklist describes and fails on a plausible mistake. Error pages are built with
// gateway/service_protocol's error_page functions, which transcribe service-protocol.md §7.1 independently.
#include <gtest/gtest.h>

#include "gateway/service_protocol/error_page.hpp"
#include "simulators/conformance/judges.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::conformance {
namespace {

using test::bytes;

constexpr const char* kId = "17953543836654";

// A request body with these fields; content given as a JSON list.
std::string body(const std::string& fctn, const std::string& content = "[]", const std::string& context = "",
                 const std::string& extra = "") {
  return std::string(R"({"PAVI":{"version":"1.6","uniqueId":")") + kId +
         R"(","remoteAddr":"127.0.0.1","typesocket":"WS","versionminitel":"Cu;","content":)" + content +
         R"(,"datas":null,"context":")" + context + R"(","fctn":")" + fctn + R"(","webmedia":0})" + extra + "}";
}

Observation requests(std::vector<sim::RecordedRequest> list) {
  Observation o;
  o.requests = std::move(list);
  return o;
}

// Adds segments after the current bytes (one mark before each).
void segments(Observation& o, const std::vector<std::string>& parts) {
  for (const auto& p : parts) {
    o.marks.push_back(o.received.size());
    o.received += p;
  }
}

TEST(ConformanceJudges, ErrorPages) {  // C-078, C-080, C-081, C-082, C-083, C-084
  auto err03 = requests({recorded_request(body("CNX"), "/c078/a"), recorded_request(body("ENVOI"), "/c078/a")});
  err03.received = service::not_json_page("Syntax error", std::string(kNotJsonBody), kId);
  EXPECT_EQ(judge_err03_page(err03).verdict, Verdict::pass) << judge_err03_page(err03).reason;
  EXPECT_EQ(judge_error_footer(err03).verdict, Verdict::pass) << judge_error_footer(err03).reason;
  EXPECT_EQ(judge_err03_recovers(err03).verdict, Verdict::pass) << judge_err03_recovers(err03).reason;
  auto err03_other_url = err03;
  err03_other_url.requests[1] = recorded_request(body("ENVOI"), "/elsewhere");
  EXPECT_EQ(judge_err03_recovers(err03_other_url).verdict, Verdict::fail);  // C-079
  auto wrong_message = err03;
  wrong_message.received = service::not_json_page("Bad JSON", std::string(kNotJsonBody), kId);
  EXPECT_EQ(judge_err03_page(wrong_message).verdict, Verdict::fail);
  auto other_uid = err03;
  other_uid.received = service::not_json_page("Syntax error", std::string(kNotJsonBody), "1");
  EXPECT_EQ(judge_error_footer(other_uid).verdict, Verdict::fail);

  auto err05 = requests({recorded_request(body("CNX"), "/c080/a"), recorded_request(body("ENVOI", "[]", "k1"), "/c080/b"),
                         recorded_request(body("ENVOI", "[]", "k1"), "/c080/b")});
  err05.received = "OK1" + service::bad_next_url_page("not a url", kId);
  EXPECT_EQ(judge_err05(err05).verdict, Verdict::pass) << judge_err05(err05).reason;
  auto err05_applied = err05;
  err05_applied.received += "NOPE";
  EXPECT_EQ(judge_err05(err05_applied).verdict, Verdict::fail);
  auto err05_context = err05;
  err05_context.requests[2] = recorded_request(body("ENVOI", "[]", "zzz"), "/c080/b");
  EXPECT_EQ(judge_err05(err05_context).verdict, Verdict::fail);

  auto err07 = requests({recorded_request(body("CNX"), "/c081/a"), recorded_request(body("ENVOI", "[]", "k7"), "/c081/b")});
  err07.received = service::unknown_command_page("Array\n(\n    [name] => NoSuchCommand\n)\n", kId);
  EXPECT_EQ(judge_err07(err07).verdict, Verdict::pass) << judge_err07(err07).reason;
  auto err07_next_ignored = err07;
  err07_next_ignored.requests[1] = recorded_request(body("ENVOI", "[]", "k7"), "/c081/a");
  EXPECT_EQ(judge_err07(err07_next_ignored).verdict, Verdict::fail);

  Observation err02;
  err02.received = "MiniPAVI" + service::bad_start_url_page("notaurl", kId);
  err02.closed = true;
  EXPECT_EQ(judge_err02(err02).verdict, Verdict::pass) << judge_err02(err02).reason;
  auto err02_open = err02;
  err02_open.closed = false;
  EXPECT_EQ(judge_err02(err02_open).verdict, Verdict::fail);
  auto err02_request = err02;
  err02_request.requests.push_back(recorded_request(body("CNX")));
  EXPECT_EQ(judge_err02(err02_request).verdict, Verdict::fail);

  Observation err09;
  err09.facts["start_url"] = "http://127.0.0.1:1/c084";
  err09.received = service::service_unavailable_page("http://127.0.0.1:1/c084", kId);
  err09.closed = true;
  EXPECT_EQ(judge_err09(err09).verdict, Verdict::pass) << judge_err09(err09).reason;
  err09.received = service::not_json_page("Syntax error", "", kId);
  EXPECT_EQ(judge_err09(err09).verdict, Verdict::fail);
}

TEST(ConformanceJudges, StaleContentAndContext) {  // C-022, C-023, C-024, C-030
  auto stale = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["ABC"])")),
                         recorded_request(body("REPETITION", R"(["ABC"])"))});
  EXPECT_EQ(judge_stale_content(stale).verdict, Verdict::pass);
  stale.requests[2] = recorded_request(body("REPETITION", "[]"));
  EXPECT_EQ(judge_stale_content(stale).verdict, Verdict::fail);

  auto direct = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["ABC"])")),
                          recorded_request(body("DIRECT", R"([""])"))});
  EXPECT_EQ(judge_direct_content_reset(direct).verdict, Verdict::pass);
  direct.requests[2] = recorded_request(body("DIRECT", R"(["ABC"])"));
  EXPECT_EQ(judge_direct_content_reset(direct).verdict, Verdict::fail);

  auto context = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", "[]", "ctx1")),
                           recorded_request(body("DIRECTCNX", "[]", "ctx1")), recorded_request(body("ENVOI", "[]", "ctx1"))});
  EXPECT_EQ(judge_context_kept(context).verdict, Verdict::pass);
  context.requests[2] = recorded_request(body("DIRECTCNX", "[]", ""));  // reset on DIRECTCNX: wrong
  EXPECT_EQ(judge_context_kept(context).verdict, Verdict::fail);

  auto rules = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", "[]", "c1")),
                         recorded_request(body("ENVOI", "[]", "c1")),
                         recorded_request(body("ENVOI", "[]", std::string(64000, 'x')))});
  EXPECT_EQ(judge_context_rules(rules).verdict, Verdict::pass);
  rules.requests[3] = recorded_request(body("ENVOI", "[]", std::string(64100, 'x')));
  EXPECT_EQ(judge_context_rules(rules).verdict, Verdict::fail);
}

TEST(ConformanceJudges, G2Content) {  // C-020, C-021
  auto accents = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["\u00e9\u00e7"])"))});
  EXPECT_EQ(judge_g2_content(accents).verdict, Verdict::pass);
  accents.requests[1] = recorded_request(body("ENVOI", R"(["e c"])"));
  EXPECT_EQ(judge_g2_content(accents).verdict, Verdict::fail);

  auto quirk = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["\u00ee\u0019/"])"))});
  EXPECT_EQ(judge_g2_quirk(quirk).verdict, Verdict::pass);
  quirk.requests[1] = recorded_request(body("ENVOI", R"(["\u00ef\u2193"])"));  // the corrected decoding
  EXPECT_EQ(judge_g2_quirk(quirk).verdict, Verdict::fail);
}

TEST(ConformanceJudges, EchoAndEmptyReplies) {  // C-011, C-028
  auto echo = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["AB"])"))});
  segments(echo, {"AB", bytes("1F 4A 41 20 12 49"), ""});
  EXPECT_EQ(judge_echo(echo).verdict, Verdict::pass);
  echo.received += "CD";
  EXPECT_EQ(judge_echo(echo).verdict, Verdict::fail);

  auto empty = requests({recorded_request(body("CNX"), "/c011/a"), recorded_request(body("ENVOI"), "/c011/b"),
                         recorded_request(body("ENVOI"), "/c011/b")});
  segments(empty, {"", ""});
  EXPECT_EQ(judge_empty_body(empty).verdict, Verdict::pass);
  empty.received.insert(empty.marks[0], "X");
  empty.marks[1] += 1;
  EXPECT_EQ(judge_empty_body(empty).verdict, Verdict::fail);
}

TEST(ConformanceJudges, NextAndDirectCalls) {  // C-029, C-031, C-032, C-033
  auto next = requests({recorded_request(body("CNX"), "/c029/a")});
  for (int i = 0; i < 4; ++i) next.requests.push_back(recorded_request(body("ENVOI"), "/c029/b"));
  EXPECT_EQ(judge_next_kept(next).verdict, Verdict::pass);
  next.requests[3] = recorded_request(body("ENVOI"), "/c029/a");
  EXPECT_EQ(judge_next_kept(next).verdict, Verdict::fail);

  auto direct = requests({recorded_request(body("CNX"), "/c031/a"), recorded_request(body("DIRECT"), "/c031/d1"),
                          recorded_request(body("DIRECTCNX"), "/c031/d2")});
  EXPECT_EQ(judge_directcall(direct).verdict, Verdict::pass);
  direct.requests[2] = recorded_request(body("DIRECT"), "/c031/d2");
  EXPECT_EQ(judge_directcall(direct).verdict, Verdict::fail);

  auto cap = requests({recorded_request(body("CNX"))});
  for (int i = 0; i < 5; ++i) cap.requests.push_back(recorded_request(body("DIRECT")));
  segments(cap, {"Z"});
  EXPECT_EQ(judge_directcall_cap(cap).verdict, Verdict::pass);
  cap.requests.push_back(recorded_request(body("DIRECT")));  // a 6th direct call
  EXPECT_EQ(judge_directcall_cap(cap).verdict, Verdict::fail);

  auto order = requests({recorded_request(body("CNX")), recorded_request(body("DIRECT")), recorded_request(body("DIRECT"))});
  order.facts = {{"page_before_request_1", "yes"}, {"page_before_request_2", "yes"}};
  EXPECT_EQ(judge_direct_output_order(order).verdict, Verdict::pass);
  order.facts["page_before_request_2"] = "no";
  EXPECT_EQ(judge_direct_output_order(order).verdict, Verdict::fail);
}

TEST(ConformanceJudges, KeyboardParsing) {  // C-100, C-101, C-105, C-106
  std::vector<sim::RecordedRequest> keys = {recorded_request(body("CNX"))};
  for (const char* f : {"ENVOI", "RETOUR", "REPETITION", "GUIDE", "ANNULATION", "SOMMAIRE", "CORRECTION", "SUITE", "FIN"}) {
    keys.push_back(recorded_request(body(f)));
  }
  EXPECT_EQ(judge_function_keys(requests(keys)).verdict, Verdict::pass);
  keys[9] = recorded_request(body("GUIDE"));  // 13 59 not read as Connexion/Fin
  EXPECT_EQ(judge_function_keys(requests(keys)).verdict, Verdict::fail);

  auto refused = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["B"])")),
                           recorded_request(body("ENVOI", R"([""])"))});
  segments(refused, {"", "B"});
  EXPECT_EQ(judge_refused_key_drops_chunk(refused).verdict, Verdict::pass);
  auto kept_rest = refused;
  kept_rest.requests[2] = recorded_request(body("ENVOI", R"(["C"])"));  // the byte after Envoi was kept
  EXPECT_EQ(judge_refused_key_drops_chunk(kept_rest).verdict, Verdict::fail);
  auto echoed = refused;
  echoed.received.insert(echoed.marks[0], "A");
  echoed.marks[1] += 1;
  EXPECT_EQ(judge_refused_key_drops_chunk(echoed).verdict, Verdict::fail);

  auto split = requests({recorded_request(body("CNX")), recorded_request(body("ENVOI", R"(["ghgh"])"))});
  EXPECT_EQ(judge_split_key(split).verdict, Verdict::pass);
  EXPECT_EQ(judge_split_key_doubles(split).verdict, Verdict::pass);
  split.requests[1] = recorded_request(body("ENVOI", R"(["gh"])"));  // the fixed behaviour
  EXPECT_EQ(judge_split_key(split).verdict, Verdict::pass);
  EXPECT_EQ(judge_split_key_doubles(split).verdict, Verdict::fail);
  EXPECT_EQ(judge_split_key(requests({recorded_request(body("CNX"))})).verdict, Verdict::fail);
}

TEST(ConformanceJudges, ConnexionFin) {  // C-107, C-108, C-109, C-111
  auto home = requests({recorded_request(body("CNX"), "/"), recorded_request(body("ENVOI"), "/c107/svc"),
                        recorded_request(body("FIN"), "/c107/svc"), recorded_request(body("CNX"), "/")});
  home.facts["durl_path"] = "/";
  home.chunks = {"HOME", "SVC", "BYE-OTHERACC2"};
  EXPECT_EQ(judge_fin_returns_home(home).verdict, Verdict::pass);
  home.chunks = {"HOME", "SVC", "BYE-OTHER", "ACC2"};
  EXPECT_EQ(judge_fin_returns_home(home).verdict, Verdict::fail);

  auto closes = requests({recorded_request(body("CNX")), recorded_request(body("FIN"))});
  closes.closed = true;
  EXPECT_EQ(judge_fin_closes(closes).verdict, Verdict::pass);
  closes.closed = false;
  EXPECT_EQ(judge_fin_closes(closes).verdict, Verdict::fail);

  auto content = requests({recorded_request(body("CNX")), recorded_request(body("FIN", R"(["PAR"])", "ctxF"))});
  EXPECT_EQ(judge_fin_content(content).verdict, Verdict::pass);
  content.requests[1] = recorded_request(body("FIN", "[]", "ctxF"));
  EXPECT_EQ(judge_fin_content(content).verdict, Verdict::fail);

  EXPECT_EQ(judge_disconnect_fin(requests({recorded_request(body("CNX")), recorded_request(body("FIN"))})).verdict,
            Verdict::pass);
  EXPECT_EQ(judge_disconnect_fin(requests({recorded_request(body("CNX"))})).verdict, Verdict::fail);
}

TEST(ConformanceJudges, WebSocketHandshake) {  // C-090, C-114, C-116
  Observation o;
  o.facts["raw"] = "HTTP/1.1 101 Web Socket Protocol Handshake\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "WebSocket-Origin: 127.0.0.1\r\nWebSocket-Location: ws://127.0.0.1:8182/\r\n"
                   "Sec-WebSocket-Accept:s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\x81\x03RAW";
  EXPECT_EQ(judge_ws_handshake(o).verdict, Verdict::pass) << judge_ws_handshake(o).reason;
  auto switching = o;
  switching.facts["raw"].replace(13, 29, "Switching Protocols");
  EXPECT_EQ(judge_ws_handshake(switching).verdict, Verdict::fail);
  auto wrong_accept = o;
  wrong_accept.facts["raw"].replace(wrong_accept.facts["raw"].find("s3pP"), 4, "AAAA");
  EXPECT_EQ(judge_ws_handshake(wrong_accept).verdict, Verdict::fail);
  auto masked = o;
  masked.facts["raw"].back() = 'W';
  masked.facts["raw"].replace(masked.facts["raw"].find("\x81\x03"), 2, std::string("\x81\x83", 2));
  EXPECT_EQ(judge_ws_handshake(masked).verdict, Verdict::fail);

  auto ping = o;
  ping.facts["raw"] += std::string("\x89\x00", 2);
  EXPECT_EQ(judge_ws_ping(ping).verdict, Verdict::pass);
  EXPECT_EQ(judge_ws_ping(o).verdict, Verdict::fail);

  Observation ignored;
  EXPECT_EQ(judge_close_frame_ignored(ignored).verdict, Verdict::pass);
  ignored.facts["raw_after_close"] = std::string("\x88\x02\x03\xE8", 4);
  EXPECT_EQ(judge_close_frame_ignored(ignored).verdict, Verdict::fail);
}

TEST(ConformanceJudges, ScenarioErrorsFail) {
  Observation o;
  o.error = "ws://127.0.0.1:9/: cannot connect: Connection refused";
  for (const auto judge : {judge_post_json, judge_unique_id, judge_echo, judge_err02, judge_ws_handshake}) {
    const auto outcome = judge(o);
    EXPECT_EQ(outcome.verdict, Verdict::fail);
    EXPECT_NE(outcome.reason.find("Connection refused"), std::string::npos) << outcome.reason;
  }
}

}  // namespace
}  // namespace pavi::conformance
