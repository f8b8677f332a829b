// Checks of sections G to L: error pages, handshakes, the banner, keyboard parsing, Connexion/Fin and liveness.
#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/driver_support.hpp"

namespace pavi::conformance {

using namespace detail;
using videotex::FunctionKey;
using namespace std::chrono_literals;

namespace {

// ---- G. Error pages

void not_json(Harness& h) {
  if (!start_ws(h, "/c078/a", in_order({sim::FakeReply::raw(std::string(kNotJsonBody), "text/html")}))) return;
  h.fact("first_closed", h.gateway_closed() ? "yes" : "no");
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.wait_closed(0ms);
}

void bad_next(Harness& h) {
  const Json bad = {{"content", "Tk9QRQ=="}, {"next", "not a url"}, {"context", "zzz"},
                    {"COMMAND", input_txt(1, 10, 5, {{"validwith", 128}})}};
  if (!start_ws(h, "/c080/a", in_order({page("OK1", std::nullopt, h.url("/c080/b"), std::string("k1")),
                                        sim::FakeReply::raw(bad.dump())}))) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
}

void unknown_command(Harness& h) {
  if (!start_ws(h, "/c081/a", in_order({page("HIDDEN", command("NoSuchCommand", {{"a", 1}}), h.url("/c081/b"),
                                             std::string("k7"))}))) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void bad_start_url(Harness& h) {
  if (!h.connect_ws_query("url=notaurl", false)) return;
  h.wait_closed(h.settings().timeout);
  h.settle();
}

void unreachable_start(Harness& h) {
  const std::string url = "http://127.0.0.1:1/c084";
  h.fact("start_url", url);
  if (!h.connect_ws(url, false)) return;
  h.wait_closed(h.settings().timeout * 3);
}

void fallback_home(Harness& h) {
  h.fact("durl_path", durl_path(h.settings().durl));
  h.respond(in_order({page("HOME", std::nullopt, std::string("http://127.0.0.1:1/dead"))}));
  if (!h.connect_ws("")) return;
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.wait_closed(0ms);
}

void malformed(Harness& h) {
  if (!start_ws(h, "/c086", in_order({page("", command("InputForm", {{"x", "notalist"}, {"y", 1}, {"l", 5}}))}))) return;
  h.settle();
  h.fact("first_closed", h.gateway_closed() ? "yes" : "no");
  h.respond(nullptr);
  h.terminal().disconnect();
  h.pause(300ms);
  const std::size_t after_fin = h.request_count();
  if (h.connect_ws(h.url("/c086/again"), false)) {
    bool cnx = false;
    for (int i = 0; i < 3 && !cnx; ++i) {
      h.wait_requests(h.request_count() + 1);
      for (std::size_t k = after_fin; k < h.request_count(); ++k) {
        const auto r = h.request(k);
        cnx = cnx || (r && r->path == "/c086/again" && r->fctn() == "CNX");
      }
    }
    h.fact("second_cnx", cnx ? "yes" : "no");
  }
}

// ---- H, I, L. Handshakes, banner, pings

constexpr const char* kSampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

bool raw_handshake(Harness& h, const std::string& path) {
  const std::string url = h.url(path);
  h.respond(in_order({page("RAW")}));
  if (!h.raw_open()) return false;
  const std::string target = h.ws_url(url).substr(h.settings().gateway_ws.size());
  h.raw_send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: " + kSampleKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
  h.raw_wait([](std::string_view got) {
    const auto end = got.find("\r\n\r\n");
    return end != std::string_view::npos && got.find("RAW", end) != std::string_view::npos;
  }, h.settings().timeout);
  return true;
}

void ws_handshake(Harness& h) {
  if (raw_handshake(h, "/c090")) h.fact("raw", h.raw_received());
}

void ws_ping(Harness& h) {
  if (!raw_handshake(h, "/c114")) return;
  h.raw_wait([](std::string_view got) { return got.find("\x89\x00", 0, 2) != std::string_view::npos; },
             std::max(h.settings().timeout, std::chrono::milliseconds(8000)));
  h.fact("raw", h.raw_received());
}

void close_frame(Harness& h) {
  if (!raw_handshake(h, "/c116")) return;
  const std::size_t before = h.raw_received().size();
  // A masked close frame with status 1000 (mask 01 02 03 04).
  h.raw_send(std::string("\x88\x82\x01\x02\x03\x04\x02\xEA", 8));
  h.raw_wait([before](std::string_view got) { return got.size() > before; }, 2000ms);
  h.fact("raw_after_close", h.raw_received().substr(before));
}

void raw_equals(Harness& h) {
  h.fact("durl_path", durl_path(h.settings().durl));
  h.respond(in_order({page("X")}));
  h.connect_ws_query("url=" + h.url("/c092?a=b"));
}

void binary_frames(Harness& h) {
  sim::ConnectOptions options;
  options.ws_binary_frames = true;
  options.timeout = h.settings().timeout;
  const std::string url = h.url("/c093");
  h.respond(in_order({page("", input_txt(1, 10, 10, {{"validwith", 128}}))}));
  if (!h.connect_ws(url, true, options)) return;
  h.send("AB");
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void telnet_first_output(Harness& h) {
  h.respond(in_order({page("T")}));
  const auto start = std::chrono::steady_clock::now();
  if (!h.connect_telnet(false)) return;
  const auto deadline = start + h.settings().timeout + 2000ms;
  while (h.terminal().received_bytes().empty() && std::chrono::steady_clock::now() < deadline) h.pause(10ms);
  if (!h.terminal().received_bytes().empty()) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    h.fact("first_output_ms", std::to_string(ms.count()));
  }
}

void banner_ws(Harness& h) {
  h.fact("first_page", "FIRSTPAGE");
  start_ws(h, "/c097", in_order({page("FIRSTPAGE")}));
}

void banner_telnet(Harness& h) {
  h.fact("first_page", "FIRSTPAGE");
  h.respond(in_order({page("FIRSTPAGE")}));
  h.connect_telnet();
}

// ---- J. Keyboard

void function_keys(Harness& h) {
  if (!start_ws(h, "/c100", [](const sim::RecordedRequest&, std::size_t) { return std::optional(page("K")); })) return;
  std::size_t n = 1;
  for (const auto key : {FunctionKey::envoi, FunctionKey::retour, FunctionKey::repetition, FunctionKey::guide,
                         FunctionKey::annulation, FunctionKey::sommaire, FunctionKey::correction, FunctionKey::suite}) {
    h.press(key);
    h.wait_requests(++n);
    h.settle();
  }
  h.send("\x13\x59");
  h.wait_requests(++n);
}

void refused_key(Harness& h) {
  const Json field = input_txt(1, 10, 10, {{"validwith", 128}});
  if (!start_ws(h, "/c101", in_order({page("", field), page("", field)}))) return;
  h.mark();
  h.send("\x13\x43" "A");
  h.mark();
  h.send("B\x13\x41" "C");
  h.wait_requests(2);
  h.settle();
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
}

Driver typed(std::string path, std::string bytes) {
  return [=](Harness& h) {
    if (!start_ws(h, path, in_order({page("", input_txt(1, 10, 20, {{"validwith", 128}}))}))) return;
    h.send(bytes);
    h.press(FunctionKey::envoi);
    h.wait_requests(2);
  };
}

void ansi_arrows(Harness& h) {
  if (!start_ws(h, "/c103", in_order({page("", input_txt(1, 10, 10, {{"validwith", 132}})),
                                      page("", input_txt(1, 10, 10, {{"validwith", 4}})),
                                      page("", input_txt(1, 10, 10, {{"validwith", 64}}))}))) {
    return;
  }
  h.send("AB");
  h.send("\x1B[D");
  h.send("\x1B[C");
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.send("\x1B[A");
  h.wait_requests(3);
  h.settle();
  h.send("\x1B[B");
  h.wait_requests(4);
}

void split_key(Harness& h) {
  if (!start_ws(h, "/c105", in_order({page("", input_txt(1, 10, 10, {{"validwith", 128}}))}))) return;
  h.send("gh\x13");
  h.send("A");
  h.wait_requests(2);
}

// ---- K. Connexion/Fin

void fin_returns_home(Harness& h) {
  h.fact("durl_path", durl_path(h.settings().durl));
  h.respond([&h](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n == 0) return page("HOME", std::nullopt, h.url("/c107/svc"));
    if (n == 1) return page("SVC");
    if (r.fctn() == "FIN") return page("BYE-OTHER");
    return page("ACC2");
  });
  if (!h.connect_ws("")) return;
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.press(FunctionKey::connexion_fin);
  h.wait_requests(4);
  h.settle();
}

void fin_closes(Harness& h) {
  if (!start_ws(h, "/c108", in_order({page("X")}))) return;
  h.press(FunctionKey::connexion_fin);
  h.wait_closed(h.settings().timeout);
  h.wait_requests(2);
}

void fin_content(Harness& h) {
  if (!start_ws(h, "/c109", in_order({page("", input_txt(1, 10, 10, {{"validwith", 128}}), std::nullopt,
                                           std::string("ctxF"))}))) {
    return;
  }
  h.send("PAR");
  h.press(FunctionKey::connexion_fin);
  h.wait_requests(2);
}

void durl_substring(Harness& h) {
  std::string durl = h.settings().durl;
  h.respond(in_order({page("HOME", std::nullopt, durl + "c110sub"), page("SUB")}));
  if (!h.connect_ws("")) return;
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.press(FunctionKey::connexion_fin);
  h.wait_closed(h.settings().timeout);
  h.wait_requests(3);
}

void disconnect_fin(Harness& h) {
  if (!start_ws(h, "/c111", in_order({page("X")}))) return;
  h.terminal().disconnect();
  h.wait_requests(2);
}

}  // namespace

std::vector<Check> session_checks() {
  std::vector<Check> c;
  c.push_back(make_check("C-078", {"C-078"}, "a non-JSON reply shows the ERR#03 page", false, need_ws, not_json,
                         judge_err03_page));
  c.push_back(make_check("C-079", {"C-079"}, "after ERR#03 the next key calls the same URL again", false, need_ws,
                         not_json, judge_err03_recovers));
  c.push_back(make_check("C-080", {"C-080"}, "an invalid next shows ERR#05; nothing of the reply is applied", false,
                         need_ws, bad_next, judge_err05));
  c.push_back(make_check("C-081", {"C-081"}, "an unknown COMMAND shows ERR#07; next and context applied", false,
                         need_ws, unknown_command, judge_err07));
  c.push_back(make_check("C-082", {"C-082"}, "error pages end with the UID/Aide footer", false, need_ws, not_json,
                         judge_error_footer));
  c.push_back(make_check("C-083", {"C-083"}, "?url=notaurl: banner, ERR#02, closed, no request", false, need_ws,
                         bad_start_url, judge_err02));
  c.push_back(make_check("C-084", {"C-084"}, "an unreachable explicit start URL: ERR#09 and close", false,
                         need_ws | need_local, unreachable_start, judge_err09));
  c.push_back(make_check("C-085", {"C-085"}, "a failing service reached from durl falls back to a CNX on durl", false,
                         need_ws | need_durl | need_local, fallback_home, judge_fallback_home));
  c.push_back(make_check("C-086", {"C-086"}, "a malformed command does not take the gateway down", false, need_ws,
                         malformed, judge_malformed_survives));
  c.push_back(make_check("C-090", {"C-090"}, "WebSocket handshake reply and unmasked text frames", false, need_ws,
                         ws_handshake, judge_ws_handshake));
  c.push_back(make_check("C-092", {"C-092"}, "a url value with a raw '=' is ignored (default service)", true,
                         need_ws | need_durl, raw_equals, judge_raw_equals_url_ignored));
  c.push_back(make_check("C-093", {"C-093"}, "binary frames from the client are accepted", false, need_ws,
                         binary_frames, judge_binary_frames));
  c.push_back(make_check("C-094", {"C-094"}, "telnet: the first output comes about 1 s after connecting", false,
                         need_telnet | need_durl, telnet_first_output, judge_telnet_first_output));
  c.push_back(make_check("C-097", {"C-097"}, "the WS banner, PIN, and the first page in the same frame", false, need_ws,
                         banner_ws, judge_ws_banner));
  c.push_back(make_check("C-098", {"C-098"}, "the TELN banner (no 0E)", false, need_telnet | need_durl, banner_telnet,
                         judge_telnet_banner));
  c.push_back(make_check("C-100", {"C-100"}, "13 41..49 and 13 59 map to the nine fctn", false, need_ws,
                         function_keys, judge_function_keys));
  c.push_back(make_check("C-101", {"C-101"}, "a refused or accepted key drops the rest of its read", false, need_ws,
                         refused_key, judge_refused_key_drops_chunk));
  c.push_back(make_check("C-102", {"C-102"}, "0D swallows the next byte", false, need_ws,
                         typed("/c102", "ab\x0D" "cd"), judge_cr_swallows));
  c.push_back(make_check("C-103", {"C-103"}, "ANSI arrows act as Retour, Suite, space and Correction", false, need_ws,
                         ansi_arrows, judge_ansi_arrows));
  c.push_back(make_check("C-104", {"C-104"}, "PRO1/PRO2/PRO3 replies are removed from the input", false, need_ws,
                         typed("/c104", "a\x1B\x39\x70" "b\x1B\x3A\x71\x72" "c\x1B\x3B\x60\x58\x51" "d"),
                         judge_replies_removed));
  c.push_back(make_check("C-105", {"C-105"}, "a function key split across two reads is recognised", false, need_ws,
                         split_key, judge_split_key));
  c.push_back(make_check("C-106", {"C-106"}, "in that split case the characters before 13 are entered twice", true,
                         need_ws, split_key, judge_split_key_doubles));
  c.push_back(make_check("C-107", {"C-107"}, "Connexion/Fin away from durl: FIN, then CNX to durl, one write", false,
                         need_ws | need_durl | need_durl_apart, fin_returns_home, judge_fin_returns_home));
  c.push_back(make_check("C-108", {"C-108"}, "Connexion/Fin with an explicit start URL closes, FIN sent", false,
                         need_ws, fin_closes, judge_fin_closes));
  c.push_back(make_check("C-109", {"C-109"}, "the FIN carries the typed content and the context", false, need_ws,
                         fin_content, judge_fin_content));
  c.push_back(make_check("C-110", {"C-110"}, "a URL containing durl counts as the default service", false,
                         need_ws | need_durl, durl_substring, judge_durl_substring));
  c.push_back(make_check("C-111", {"C-111"}, "a client disconnect sends FIN", false, need_ws, disconnect_fin,
                         judge_disconnect_fin));
  c.push_back(make_check("C-114", {"C-114"}, "an idle WS session gets a ping frame 89 00", false, need_ws, ws_ping,
                         judge_ws_ping));
  c.push_back(make_check("C-116", {"C-116"}, "a client close frame is not answered", true, need_ws, close_frame,
                         judge_close_frame_ignored));
  return c;
}

}  // namespace pavi::conformance
