// Checks of sections A, B and C: the HTTP transport, the request body, and how replies are processed.
#include <chrono>
#include <ctime>
#include <thread>

#include "gateway/service_protocol/base64.hpp"
#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/driver_support.hpp"

namespace pavi::conformance {

using namespace detail;
using videotex::FunctionKey;
using namespace std::chrono_literals;

namespace {

constexpr const char* kBaseQuery = "/base/index.php?sc=a&step=2&a[]=1&a[]=2&d[k]=v&a.b=3&flag";
constexpr const char* kBaseUrlparams = R"({"sc":"a","step":"2","a":["1","2"],"d":{"k":"v"},"a_b":"3","flag":""})";

// CNX on a URL with a query -> "BASE", next without query; Envoi. Used by many A/B/I checks.
void basic_ws(Harness& h) {
  h.fact("urlparams", kBaseUrlparams);
  h.fact("no_urlparams_from", "1");
  h.fact("typesocket", "WS");
  h.fact("first_page", "BASE");
  if (h.settings().local) h.fact("client_ip", "127.0.0.1");
  const std::string second = h.url("/base/second.php");
  if (!start_ws(h, kBaseQuery, in_order({page("BASE", std::nullopt, second)}))) return;
  h.pause(200ms);  // the terminal's ENQROM answer reaches the gateway (C-017)
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void basic_telnet(Harness& h) {
  h.fact("typesocket", "TELN");
  h.fact("first_page", "BASE");
  if (h.settings().local) h.fact("client_ip", "127.0.0.1");
  h.respond(in_order({page("BASE")}));
  if (!h.connect_telnet()) return;
  h.pause(200ms);
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void distinct_pins(Harness& h) {
  // Six sessions open at once; each CNX shows its PIN.
  std::vector<std::unique_ptr<sim::Terminal>> others;
  const std::string url = h.url("/c013");
  if (!h.connect_ws(url)) return;
  for (int i = 0; i < 5; ++i) {
    auto t = std::make_unique<sim::Terminal>();
    sim::ConnectOptions options;
    options.timeout = h.settings().timeout;
    const auto ok = t->connect(h.ws_url(url), options);
    if (!ok) {
      h.scenario_error(ok.error);
      return;
    }
    others.push_back(std::move(t));
  }
  h.wait_requests(6);
  for (auto& t : others) t->disconnect();
}

void redirects(Harness& h) {
  h.respond([&h](const sim::RecordedRequest& r, std::size_t) -> std::optional<sim::FakeReply> {
    if (r.path == "/c006/a") return sim::FakeReply::redirect(301, h.url("/c006/b"));
    if (r.path == "/c006/c") return sim::FakeReply::redirect(302, h.url("/c006/d"));
    return page("REDIRECTED");
  });
  if (!h.connect_ws(h.url("/c006/a"))) return;
  h.wait_requests(2);
  h.settle();
  h.terminal().disconnect();
  h.connect_ws(h.url("/c006/c"), false);
  h.wait_requests(h.request_count() + 1);
  h.settle();
}

void status_ignored(Harness& h) {
  start_ws(h, "/c007", in_order({sim::FakeReply::raw(std::string(kNotFoundBody), "text/html", 404)}));
}

void oversized(Harness& h) {
  h.respond([](const sim::RecordedRequest&, std::size_t) { return std::optional(sim::FakeReply::oversized()); });
  const std::string url = h.url("/c008");
  h.fact("start_url", url);
  if (!h.connect_ws(url, false)) return;
  h.wait_closed(h.settings().timeout * 2);
}

void get_fallback(Harness& h) {
  h.fact("interpreter_path", "/c009/interp");
  start_ws(h, "/c009/a", [&h](const sim::RecordedRequest& r, std::size_t) -> std::optional<sim::FakeReply> {
    if (r.path == "/c009/a" && r.method == "POST") return sim::FakeReply::connection_reset();
    if (r.path == "/c009/a") return sim::FakeReply::xml_interpreter(h.url("/c009/interp?xurl="));
    return page("INTERPRETED");
  });
  h.wait_requests(3);
  h.settle();
}

void interpreter(Harness& h) {
  h.fact("interpreter_path", "/c010/interp");
  if (!start_ws(h, "/c010/a", [&h](const sim::RecordedRequest& r, std::size_t) -> std::optional<sim::FakeReply> {
        if (r.path == "/c010/a" && r.fctn() == "ENVOI") return sim::FakeReply::xml_interpreter(h.url("/c010/interp?xurl="));
        return page("PAGE");
      })) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
  h.settle();
}

void empty_body(Harness& h) {
  if (!start_ws(h, "/c011/a", in_order({page("A", std::nullopt, h.url("/c011/b")), sim::FakeReply::empty()}))) return;
  h.mark();
  h.press(FunctionKey::envoi);
  h.mark();
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
}

// An InputTxt, `typed`, Envoi.
Driver typed_envoi(std::string path, std::string typed, Json field = input_txt(1, 10, 20, {{"validwith", 128}})) {
  return [=](Harness& h) {
    if (!start_ws(h, path, in_order({page("", field)}))) return;
    h.mark();
    h.send(typed);
    h.mark();
    h.press(FunctionKey::envoi);
    h.wait_requests(2);
  };
}

void stale_content(Harness& h) {
  if (!start_ws(h, "/c022", in_order({page("", input_txt(1, 10, 10, {{"validwith", 128}})), page("NEXT")}))) return;
  h.send(kStaleTyped);
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.press(FunctionKey::repetition);
  h.wait_requests(3);
}

void direct_content_reset(Harness& h) {
  const Json field = input_txt(1, 10, 10, {{"validwith", 128}});
  if (!start_ws(h, "/c023", in_order({page("", field), page("", field, h.url("/c023/d"), std::nullopt, "on", "yes")}))) {
    return;
  }
  h.send("ABC");
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
}

void context_kept(Harness& h) {
  if (!start_ws(h, "/c024/a",
                in_order({page("", std::nullopt, h.url("/c024/b"), std::string(kContext1)),
                          page("", std::nullopt, h.url("/c024/other"), std::string(), "on", "yes-cnx")}))) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
  h.settle();
  h.press(FunctionKey::envoi);
  h.wait_requests(4);
}

void content_passthrough(Harness& h) {
  const std::string body = R"({"version":"1.1","content":"!!)" + service::base64_encode(kPassthroughBytes) + R"(##"})";
  start_ws(h, "/c026", in_order({sim::FakeReply::raw(body)}));
}

void one_write(Harness& h) {
  start_ws(h, "/c027", in_order({page(std::string(kOneWriteContent), input_txt(5, 10, 6, {{"validwith", 128}}))}));
}

void echo(Harness& h) {
  const Json field = input_txt(1, 10, 10, {{"validwith", 128}});
  if (!start_ws(h, "/c028", in_order({page("", field), page("", field, std::nullopt, std::nullopt, std::nullopt)}))) return;
  h.mark();
  h.send("AB");
  h.mark();
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.mark();
  h.send("CD");
  h.mark();
}

void next_kept(Harness& h) {
  if (!start_ws(h, "/c029/a",
                in_order({page("", std::nullopt, h.url("/c029/b")), sim::FakeReply::raw(R"({"content":"","next":null})"),
                          sim::FakeReply::raw(R"({"content":"","next":""})"),
                          sim::FakeReply::raw(R"({"content":"","next":"  "})"), page("")}))) {
    return;
  }
  for (std::size_t n = 2; n <= 5; ++n) {
    h.press(FunctionKey::envoi);
    h.wait_requests(n);
    h.settle();
  }
}

void context_rules(Harness& h) {
  if (!start_ws(h, "/c030", in_order({page("", std::nullopt, std::nullopt, std::string("c1")),
                                      page("", std::nullopt, std::nullopt, std::string()),
                                      page("", std::nullopt, std::nullopt, std::string(64100, 'x'))}))) {
    return;
  }
  for (std::size_t n = 2; n <= 4; ++n) {
    h.press(FunctionKey::envoi);
    h.wait_requests(n);
    h.settle();
  }
}

void directcall(Harness& h) {
  start_ws(h, "/c031/a",
           in_order({page("", std::nullopt, h.url("/c031/d1"), std::nullopt, "on", "yes"),
                     page("", std::nullopt, h.url("/c031/d2"), std::nullopt, "on", "yes-cnx")}));
  h.wait_requests(3);
  h.settle();
}

void directcall_cap(Harness& h) {
  start_ws(h, "/c032/0", [&h](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    const std::string next = h.url("/c032/" + std::to_string(n + 1));
    if (n < 5) return page("D" + std::to_string(n), std::nullopt, next, std::nullopt, "on", "yes");
    if (n == 5) return page("LAST", input_txt(1, 12, 5, {{"validwith", 128}}), next, std::nullopt, "on", "yes");
    return page("");
  });
  h.wait_requests(6);
  h.settle();
  h.mark();
  h.send("Z");
  h.mark();
}

void direct_output_order(Harness& h) {
  start_ws(h, "/c033", [&h](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n > 0) {
      // The previous page must reach the terminal while this request waits for its reply. The gateway may get
      // here before Terminal::connect has returned on our side (the handshake is done, the terminal not yet
      // attached), and a wait on a terminal that is not connected gives up at once: so retry until the deadline.
      const std::string page_bytes = "P" + std::to_string(n - 1);
      using Clock = std::chrono::steady_clock;
      const auto deadline = Clock::now() + h.settings().timeout;
      bool seen = false;
      while (!seen && Clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        seen = h.terminal().wait_for_received(page_bytes, left).matched;
        if (!seen) std::this_thread::sleep_for(10ms);
      }
      h.fact("page_before_request_" + std::to_string(n), seen ? "yes" : "no");
    }
    if (n < 2) return page("P" + std::to_string(n), std::nullopt, std::nullopt, std::nullopt, "on", "yes");
    return page("P2");
  });
  h.wait_requests(3);
  h.settle();
}

void direct_input_disarmed(Harness& h) {
  start_ws(h, "/c034", in_order({page("", input_txt(5, 10, 6, {{"validwith", 128}}), h.url("/c034/d"), std::nullopt,
                                      "on", "yes"),
                                 page("AFTER")}));
  h.wait_requests(2);
  h.settle();
  h.mark();
  h.send("Q");
  h.mark();
}

}  // namespace

std::vector<Check> protocol_checks() {
  std::vector<Check> c;
  c.push_back(make_check("C-001", {"C-001"}, "requests are POSTs of JSON with Content-Type application/json", false,
                         need_ws, basic_ws, judge_post_json));
  c.push_back(make_check("C-002", {"C-002"}, "the User-Agent contains MiniPAVI", false, need_ws, basic_ws, judge_user_agent));
  c.push_back(make_check("C-003", {"C-003", "C-091"}, "the request target has no query; ?url= starts there", false,
                         need_ws, basic_ws, judge_target_without_query));
  c.push_back(make_check("C-004", {"C-004", "C-091"}, "URLPARAMS decodes the query like parse_str, absent without query",
                         false, need_ws, basic_ws, judge_urlparams));
  c.push_back(make_check("C-006", {"C-006"}, "a 301 keeps the POST, a 302 becomes a GET", false, need_ws, redirects,
                         judge_redirects));
  c.push_back(make_check("C-007", {"C-007"}, "the HTTP status is ignored: a 404 page gives ERR#03 with its text", false,
                         need_ws, status_ignored, judge_status_ignored));
  c.push_back(make_check("C-008", {"C-008"}, "a reply over 100 000 bytes is a transport failure (ERR#09)", false,
                         need_ws, oversized, judge_oversized));
  c.push_back(make_check("C-009", {"C-009"}, "after a connection reset: GET fallback, XML <interpreteur> followed",
                         false, need_ws, get_fallback, judge_get_fallback));
  c.push_back(make_check("C-010", {"C-010"}, "an XML <interpreteur> reply resends the same fctn to U+url", false,
                         need_ws, interpreter, judge_interpreter));
  c.push_back(make_check("C-011", {"C-011"}, "an empty body: no output, no state change", false, need_ws, empty_body,
                         judge_empty_body));
  c.push_back(make_check("C-012", {"C-012"}, "uniqueId = 10-digit accept time + PIN 2000-9999", false, need_ws,
                         basic_ws, judge_unique_id));
  c.push_back(make_check("C-013", {"C-013"}, "six live connections have six different PINs", false, need_ws,
                         distinct_pins, judge_distinct_pins));
  c.push_back(make_check("C-014.ws", {"C-014"}, "typesocket is WS on the WebSocket listener", false, need_ws, basic_ws,
                         judge_typesocket));
  c.push_back(make_check("C-014.telnet", {"C-014"}, "typesocket is TELN on the telnet listener", false,
                         need_telnet | need_durl, basic_telnet, judge_typesocket));
  c.push_back(make_check("C-015.ws", {"C-015"}, "remoteAddr is the client's IPv4 address (ws)", false, need_ws,
                         basic_ws, judge_remote_addr));
  c.push_back(make_check("C-015.telnet", {"C-015"}, "remoteAddr is the client's IPv4 address (telnet)", false,
                         need_telnet | need_durl, basic_telnet, judge_remote_addr));
  c.push_back(make_check("C-016", {"C-016"}, "the CNX carries versionminitel \"???\"", false, need_ws, basic_ws,
                         judge_cnx_versionminitel));
  c.push_back(make_check("C-017", {"C-017"}, "after the ENQROM answer requests carry \"Cu;\"", false, need_ws, basic_ws,
                         judge_enqrom_version));
  c.push_back(make_check("C-018", {"C-018"}, "the first CNX: content [], context \"\", datas null, webmedia 0", false,
                         need_ws, basic_ws, judge_first_cnx_fields));
  c.push_back(make_check("C-020", {"C-020"}, "typed G2 accents are sent as Unicode (é, ç)", false, need_ws,
                         typed_envoi("/c020", std::string(kG2Typed)), judge_g2_content));
  c.push_back(make_check("C-021", {"C-021"}, "19 48 69 is sent as î, 19 2F is not decoded", true, need_ws,
                         typed_envoi("/c021", std::string(kG2QuirkTyped)), judge_g2_quirk));
  c.push_back(make_check("C-022", {"C-022"}, "content is not cleared: Repetition re-sends the last input", false,
                         need_ws, stale_content, judge_stale_content));
  c.push_back(make_check("C-023", {"C-023"}, "a DIRECT after an InputTxt reply carries content [\"\"]", false, need_ws,
                         direct_content_reset, judge_direct_content_reset));
  c.push_back(make_check("C-024", {"C-024", "C-030"}, "context keeps the last non-empty value, across DIRECTCNX", false,
                         need_ws, context_kept, judge_context_kept));
  c.push_back(make_check("C-026", {"C-026"}, "content: lenient base64, 8-bit bytes passed unchanged", false, need_ws,
                         content_passthrough, judge_content_passthrough));
  c.push_back(make_check("C-027", {"C-027"}, "content and field drawing in one write", false, need_ws, one_write,
                         judge_one_write));
  c.push_back(make_check("C-028", {"C-028"}, "echo \"on\" echoes typed characters, missing echo does not", false,
                         need_ws, echo, judge_echo));
  c.push_back(make_check("C-029", {"C-029"}, "a null, empty or absent next keeps the URL", false, need_ws, next_kept,
                         judge_next_kept));
  c.push_back(make_check("C-030", {"C-030"}, "context \"\" keeps the old one; 64 000 characters kept", false, need_ws,
                         context_rules, judge_context_rules));
  c.push_back(make_check("C-031", {"C-031"}, "directcall yes -> DIRECT, yes-cnx -> DIRECTCNX to the new next", false,
                         need_ws, directcall, judge_directcall));
  c.push_back(make_check("C-032", {"C-032"}, "at most 5 direct calls; the 6th's input stays armed", false, need_ws,
                         directcall_cap, judge_directcall_cap));
  c.push_back(make_check("C-033", {"C-033"}, "each page of a direct-call chain is written before the next request",
                         false, need_ws, direct_output_order, judge_direct_output_order));
  c.push_back(make_check("C-034", {"C-034"}, "with directcall the field is drawn but not armed", false, need_ws,
                         direct_input_disarmed, judge_direct_input_disarmed));
  return c;
}

}  // namespace pavi::conformance
