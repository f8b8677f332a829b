// The conformance judges against the exchanges recorded from the original gateway (service-protocol.md §8,
// Examples A to E): each judge passes on the recorded exchange and fails on a variant that breaks its item.
#include <gtest/gtest.h>

#include "simulators/conformance/judges.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::conformance {
namespace {

using test::bytes;

constexpr const char* kExampleACnx =
    R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
    R"("versionminitel":"???","content":[],"datas":null,"context":"","fctn":"CNX","webmedia":0},)"
    R"("URLPARAMS":{"sc":"default"}})";
constexpr const char* kExampleBEnvoi =
    R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
    R"("versionminitel":"Cu;","content":["abxZ"],"datas":null,"context":"ctx1","fctn":"ENVOI","webmedia":0},)"
    R"("URLPARAMS":{"sc":"default","step":"2"}})";

std::string telnet_banner() {
  return bytes(R"(1B 39 7B 0C 1F 40 41 "MiniPAVI 1.6TELN 22/11/2026 13:33" 18 1B 40 14 "PIN:6654" 14 0A)");
}
std::string example_a_page() { return bytes(R"(0C 1F 41 41 "Hello" 1F 4A 45 2E 12 45 1F 4A 45 11 "ab")"); }

Observation example_a() {
  Observation o;
  o.requests.push_back(recorded_request(kExampleACnx));
  o.received = telnet_banner() + example_a_page();
  o.chunks = {o.received};
  o.unix_time = 1795354383;
  o.facts = {{"typesocket", "TELN"}, {"client_ip", "127.0.0.1"}, {"urlparams", R"({"sc":"default"})"},
             {"start_path", "/index.php"}, {"first_page", "Hello"}};
  return o;
}

// Example B after Example A: marks before "xy"+Correction, before "Z", and around keys pressed on an empty field.
Observation example_b() {
  Observation o = example_a();
  o.requests.push_back(recorded_request(kExampleBEnvoi));
  o.marks.push_back(o.received.size());
  o.received += bytes("78 79 08 2E 08");
  o.marks.push_back(o.received.size());
  o.received += "Z" + std::string("PAGE2");
  o.marks.push_back(o.received.size());
  o.marks.push_back(o.received.size());
  return o;
}

TEST(ConformanceExampleA, TelnetCnxAndFieldDrawingPass) {  // C-012, C-014, C-015, C-016, C-018, C-036, C-098
  const auto o = example_a();
  EXPECT_EQ(judge_post_json(o).verdict, Verdict::pass) << judge_post_json(o).reason;
  EXPECT_EQ(judge_user_agent(o).verdict, Verdict::pass);
  EXPECT_EQ(judge_target_without_query(o).verdict, Verdict::pass) << judge_target_without_query(o).reason;
  EXPECT_EQ(judge_urlparams(o).verdict, Verdict::pass) << judge_urlparams(o).reason;
  EXPECT_EQ(judge_unique_id(o).verdict, Verdict::pass) << judge_unique_id(o).reason;
  EXPECT_EQ(judge_typesocket(o).verdict, Verdict::pass);
  EXPECT_EQ(judge_remote_addr(o).verdict, Verdict::pass);
  EXPECT_EQ(judge_cnx_versionminitel(o).verdict, Verdict::pass);
  EXPECT_EQ(judge_first_cnx_fields(o).verdict, Verdict::pass) << judge_first_cnx_fields(o).reason;
  EXPECT_EQ(judge_inputtxt_drawing(o).verdict, Verdict::pass) << judge_inputtxt_drawing(o).reason;
  EXPECT_EQ(judge_telnet_banner(o).verdict, Verdict::pass) << judge_telnet_banner(o).reason;
}

TEST(ConformanceExampleA, BrokenVariantsFail) {
  {  // C-014: the document's old typesocket name
    auto o = example_a();
    o.requests[0] = recorded_request(std::string(kExampleACnx).replace(std::string(kExampleACnx).find("TELN"), 4, "other"));
    EXPECT_EQ(judge_typesocket(o).verdict, Verdict::fail);
  }
  {  // C-012: a 13-digit id (older 3-digit PIN)
    auto o = example_a();
    std::string body = kExampleACnx;
    body.replace(body.find("17953543836654"), 14, "1795354383665");
    o.requests[0] = recorded_request(body);
    EXPECT_EQ(judge_unique_id(o).verdict, Verdict::fail);
  }
  {  // C-003: the query string in the request target
    auto o = example_a();
    o.requests[0] = recorded_request(kExampleACnx, "/index.php?sc=default");
    EXPECT_EQ(judge_target_without_query(o).verdict, Verdict::fail);
  }
  {  // C-002: another User-Agent
    auto o = example_a();
    o.requests[0] = recorded_request(kExampleACnx, "/index.php", "POST", {{"Content-Type", "application/json"}, {"User-Agent", "curl/8"}});
    EXPECT_EQ(judge_user_agent(o).verdict, Verdict::fail);
  }
  {  // C-001: a GET
    auto o = example_a();
    o.requests[0] = recorded_request(kExampleACnx, "/index.php", "GET");
    EXPECT_EQ(judge_post_json(o).verdict, Verdict::fail);
  }
  {  // C-036: l=6 drawn with REP 46 (7 cells)
    auto o = example_a();
    o.received = telnet_banner() + bytes(R"(0C 1F 41 41 "Hello" 1F 4A 45 2E 12 46 1F 4A 45 11 "ab")");
    EXPECT_EQ(judge_inputtxt_drawing(o).verdict, Verdict::fail);
  }
  {  // C-098: the WS banner's 0E on a telnet connection
    auto o = example_a();
    o.received = bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6TELN 22/11/2026 13:33" 18 1B 40 14 "PIN:6654" 14 0A)") +
                 example_a_page();
    EXPECT_EQ(judge_telnet_banner(o).verdict, Verdict::fail);
  }
  {  // C-098: a banner PIN that is not the uniqueId's
    auto o = example_a();
    o.received = bytes(R"(1B 39 7B 0C 1F 40 41 "MiniPAVI 1.6TELN 22/11/2026 13:33" 18 1B 40 14 "PIN:1234" 14 0A)") +
                 example_a_page();
    EXPECT_EQ(judge_telnet_banner(o).verdict, Verdict::fail);
  }
  {  // C-004: URLPARAMS missing
    auto o = example_a();
    std::string body = kExampleACnx;
    body.replace(body.find(R"(,"URLPARAMS":{"sc":"default"})"), 29, "");
    o.requests[0] = recorded_request(body);
    EXPECT_EQ(judge_urlparams(o).verdict, Verdict::fail);
  }
  {  // C-018: a CNX that already has a context
    auto o = example_a();
    std::string body = kExampleACnx;
    body.replace(body.find(R"("context":"")"), 12, R"("context":"x")");
    o.requests[0] = recorded_request(body);
    EXPECT_EQ(judge_first_cnx_fields(o).verdict, Verdict::fail);
  }
}

TEST(ConformanceExampleB, CorrectionAndEnqromPass) {  // C-017, C-043, C-045
  const auto o = example_b();
  EXPECT_EQ(judge_enqrom_version(o).verdict, Verdict::pass) << judge_enqrom_version(o).reason;
  EXPECT_EQ(judge_correction(o).verdict, Verdict::pass) << judge_correction(o).reason;
  EXPECT_EQ(judge_local_keys_no_request(o).verdict, Verdict::pass) << judge_local_keys_no_request(o).reason;
}

TEST(ConformanceExampleB, BrokenVariantsFail) {
  {  // C-017: versionminitel not updated
    auto o = example_b();
    std::string body = kExampleBEnvoi;
    body.replace(body.find("Cu;"), 3, "???");
    o.requests[1] = recorded_request(body);
    EXPECT_EQ(judge_enqrom_version(o).verdict, Verdict::fail);
  }
  {  // C-043: Correction that does not remove the character
    auto o = example_b();
    std::string body = kExampleBEnvoi;
    body.replace(body.find("abxZ"), 4, "abxyZ");
    o.requests[1] = recorded_request(body);
    EXPECT_EQ(judge_correction(o).verdict, Verdict::fail);
  }
  {  // C-045: Correction sent to the service
    auto o = example_b();
    std::string body = kExampleBEnvoi;
    body.replace(body.find("ENVOI"), 5, "CORRECTION");
    o.requests.insert(o.requests.begin() + 1, recorded_request(body));
    EXPECT_EQ(judge_local_keys_no_request(o).verdict, Verdict::fail);
  }
}

constexpr const char* kExampleCCnx =
    R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"WS",)"
    R"("versionminitel":"???","content":[],"datas":null,"context":"","fctn":"CNX","webmedia":0},)"
    R"("URLPARAMS":{"sc":"ws","x":"1"}})";
constexpr const char* kExampleCEnvoi =
    R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"WS",)"
    R"("versionminitel":"???","content":["l1","0123456789","l3abcAB"],"datas":null,"context":"c","fctn":"ENVOI",)"
    R"("webmedia":0},"URLPARAMS":{"sc":"ws","step":"1"}})";

// Example C, with the steps of the driver: abc, Suite, Retour, digits, Sommaire, Retour, Suite.
Observation example_c(const std::string& envoi = kExampleCEnvoi, const std::string& digits_echo = "") {
  Observation o;
  o.requests = {recorded_request(kExampleCCnx), recorded_request(envoi)};
  o.received = bytes(R"(1B 39 7B 0C 0E 1F 40 41 "MiniPAVI 1.6WS 22/11/2026 13:40" 18 1B 40 14 "PIN:6654" 14 0A)") +
               bytes(R"("WSPAGE" 1F 45 41 20 12 49 1F 45 41 "l1" 1F 46 41 20 12 49 1F 46 41 1F 47 41 20 12 49 1F 47 41 "l3" 1F 47 43 14)");
  o.chunks = {o.received};
  o.facts = {{"first_page", "WSPAGE"}};
  const std::vector<std::string> steps = {
      "abc", "", bytes("1F 46 41"),
      digits_echo.empty() ? bytes(R"("0123456789" 1F 47 41 "l3abc" "AB")") : digits_echo, "",
      bytes(R"(1F 46 41 "0123456789")"), bytes(R"(1F 47 41 "l3abcAB")")};
  for (const auto& s : steps) {
    o.marks.push_back(o.received.size());
    o.received += s;
  }
  o.marks.push_back(o.received.size());
  return o;
}

TEST(ConformanceExampleC, InputMsgPasses) {  // C-019, C-047, C-048, C-049, C-050, C-051, C-097
  const auto o = example_c();
  for (const auto judge : {judge_msg_cursor, judge_msg_suite, judge_msg_retour, judge_msg_autowrap, judge_msg_content,
                           judge_ws_banner}) {
    const auto outcome = judge(o);
    EXPECT_EQ(outcome.verdict, Verdict::pass) << outcome.reason;
  }
}

TEST(ConformanceExampleC, BrokenVariantsFail) {
  std::string word_wrapped = kExampleCEnvoi;
  word_wrapped.replace(word_wrapped.find(R"("0123456789","l3abcAB")"), 22, R"("0123456789AB","l3abc")");
  EXPECT_EQ(judge_msg_content(example_c(word_wrapped)).verdict, Verdict::fail);  // C-050 / C-019
  std::string with_suite = kExampleCEnvoi;
  with_suite.replace(with_suite.find("ENVOI"), 5, "SUITE");
  EXPECT_EQ(judge_msg_content(example_c(with_suite)).verdict, Verdict::fail);  // C-051
  EXPECT_EQ(judge_msg_autowrap(example_c(kExampleCEnvoi, "0123456789AB")).verdict, Verdict::fail);  // C-050
  auto no_banner_frame = example_c();
  no_banner_frame.chunks = {no_banner_frame.received.substr(0, 20), no_banner_frame.received.substr(20)};
  EXPECT_EQ(judge_ws_banner(no_banner_frame).verdict, Verdict::fail);  // C-097: the page in another frame
  auto suite_on_last = example_c();
  suite_on_last.received.insert(suite_on_last.marks[1], bytes("1F 47 41"));
  for (std::size_t i = 2; i < suite_on_last.marks.size(); ++i) suite_on_last.marks[i] += 3;
  EXPECT_EQ(judge_msg_suite(suite_on_last).verdict, Verdict::fail);  // C-048
}

constexpr const char* kExampleDBgcall =
    R"({"PAVI":{"version":"1.6","uniqueId":"999","remoteAddr":"","typesocket":"","versionminitel":"",)"
    R"("content":[],"datas":null,"context":"","fctn":"BGCALL","webmedia":0},"URLPARAMS":{"k":"1","u":"2"}})";
constexpr const char* kExampleDSimu =
    R"({"PAVI":{"version":"1.6","uniqueId":"17953545314284","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
    R"("versionminitel":"???","content":["data-for-B"],"datas":null,"context":"ctxB","fctn":"BGCALL-SIMU",)"
    R"("webmedia":0},"URLPARAMS":{"sc":"b","step":"2"}})";

TEST(ConformanceExampleD, BackgroundCallsPass) {  // C-063, C-064, C-065
  Observation o;
  o.requests = {recorded_request(kExampleDBgcall, "/bg"), recorded_request(kExampleDSimu, "/b")};
  o.facts = {{"bg_path", "/bg"}, {"simu_path", "/b"}};
  o.received = bytes(R"(1F 40 41 "BGMSG" 18 0A)");  // a PushServiceMsg in the BGCALL reply is honoured
  EXPECT_EQ(judge_background_call(o).verdict, Verdict::pass) << judge_background_call(o).reason;
  EXPECT_EQ(judge_background_simulation(o).verdict, Verdict::pass) << judge_background_simulation(o).reason;

  auto with_content = o;
  with_content.received += "BGCONTENT";  // C-064: the BGCALL reply's content must not be shown
  EXPECT_EQ(judge_background_call(with_content).verdict, Verdict::fail);
  auto with_context = o;
  std::string body = kExampleDBgcall;
  body.replace(body.find(R"("context":"")"), 12, R"("context":"ctxB")");
  with_context.requests[0] = recorded_request(body, "/bg");
  EXPECT_EQ(judge_background_call(with_context).verdict, Verdict::fail);  // C-063: empty context
  auto simu_elsewhere = o;
  simu_elsewhere.requests[1] = recorded_request(kExampleDSimu, "/other");
  EXPECT_EQ(judge_background_simulation(simu_elsewhere).verdict, Verdict::fail);  // C-065: the current URL
}

// Example E: CNX, then the results of five bridge commands and a libCnx.
std::string request_body(const std::string& fctn) {
  return R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"WS",)"
         R"("versionminitel":"Cu;","content":[],"datas":null,"context":"","fctn":")" + fctn + R"(","webmedia":0}})";
}

Observation chain(const std::vector<std::pair<std::string, std::string>>& fctn_paths) {
  Observation o;
  for (const auto& [fctn, path] : fctn_paths) o.requests.push_back(recorded_request(request_body(fctn), path));
  return o;
}

TEST(ConformanceExampleE, BridgeResultsAndLibCnx) {  // C-067, C-072, C-073, C-075, C-076, C-077
  EXPECT_EQ(judge_bridge_refused(chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/"}})).verdict, Verdict::pass);
  EXPECT_EQ(judge_bridge_refused(chain({{"CNX", "/"}, {"DIRECTCALLFAILED", "/"}})).verdict, Verdict::fail);
  EXPECT_EQ(judge_bridge_failed(chain({{"CNX", "/"}, {"DIRECTCALLFAILED", "/"}})).verdict, Verdict::pass);
  EXPECT_EQ(judge_bridge_failed(chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/"}})).verdict, Verdict::fail);
  EXPECT_EQ(judge_bridge_result_target(chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/bridge/result"}})).verdict, Verdict::pass);
  EXPECT_EQ(judge_bridge_result_target(chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/"}})).verdict, Verdict::fail);

  auto libcnx = chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/x"}, {"FIN", "/x"}, {"CNX", "/"}});
  libcnx.facts = {{"libcnx_next", "/x"}, {"durl_path", "/"}};
  EXPECT_EQ(judge_libcnx(libcnx).verdict, Verdict::pass) << judge_libcnx(libcnx).reason;
  auto fin_to_old_url = chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/x"}, {"FIN", "/old"}, {"CNX", "/"}});
  fin_to_old_url.facts = libcnx.facts;
  EXPECT_EQ(judge_libcnx(fin_to_old_url).verdict, Verdict::fail);
  auto no_cnx = chain({{"CNX", "/"}, {"DIRECTCALLENDED", "/x"}, {"FIN", "/x"}});
  no_cnx.facts = libcnx.facts;
  EXPECT_EQ(judge_libcnx(no_cnx).verdict, Verdict::fail);
}

}  // namespace
}  // namespace pavi::conformance
