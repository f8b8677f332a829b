// Checks of sections E, F and M: PushServiceMsg, BackgroundCall, libCnx, getScreenList, and the bridge commands
// (refusals, failures, and a real bridge to a telnet server the suite starts on 127.0.0.1).
#include <ctime>

#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/driver_support.hpp"
#include "simulators/servers/fake_server.hpp"

namespace pavi::conformance {

using namespace detail;
using videotex::FunctionKey;
using namespace std::chrono_literals;

namespace {

constexpr const char* kBadKey = "pavikit-conformance-wrong-key";

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string session_id(const sim::RecordedRequest& r) { return r.request ? r.request->unique_id : std::string(); }

void push_message(Harness& h) {
  start_ws(h, "/c060", [](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n > 0) return std::nullopt;
    return page("OWN", command("PushServiceMsg", {{"uniqueids", {session_id(r)}}, {"message", {std::string(kPushMessage)}}}));
  });
}

void background_call(Harness& h) {
  auto uid = std::make_shared<std::string>();
  start_ws(h, "/c063", [&h, uid](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n == 0) {
      *uid = session_id(r);
      return page("", command("BackgroundCall", {{"url", {h.url("/c063/bg?k=1&u=2")}},
                                                 {"time", {now()}},
                                                 {"uniqueid", {"999"}},
                                                 {"simulate", {false}}}));
    }
    if (r.fctn() == "BGCALL") {
      return page("BGCONTENT", command("PushServiceMsg", {{"uniqueids", {*uid}}, {"message", {"BGMSG"}}}),
                  h.url("/c063/elsewhere"));
    }
    return std::nullopt;
  });
  // The background process checks its list about every second.
  for (int i = 0; i < 3 && h.request_count() < 2; ++i) h.wait_requests(2);
  h.terminal().wait_for_text("BGMSG", h.settings().timeout);
  h.settle();
}

// DIRECT arms an InputTxt; a simulated input for this session fires on the gateway's next idle read.
void background_simulation(Harness& h) {
  start_ws(h, "/c065/a", [&h](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n == 0) {
      return page("", command("BackgroundCall", {{"url", {"data-for-B"}},
                                                 {"time", {now()}},
                                                 {"uniqueid", {session_id(r)}},
                                                 {"simulate", {true}}}),
                  h.url("/c065/b"), std::nullopt, "on", "yes");
    }
    if (n == 1) return page("", input_txt(1, 10, 5, {{"validwith", 128}}));
    if (r.fctn() == "BGCALL-SIMU") return page("SIMU", input_txt(1, 20, 5, {{"validwith", 128}}));
    return std::nullopt;
  });
  for (int i = 0; i < 4 && h.request_count() < 3; ++i) h.wait_requests(3);  // fires within a few idle reads
  h.settle();
  h.mark();
  h.send("Q");
  h.mark();
}

void libcnx(Harness& h) {
  h.fact("durl_path", durl_path(h.settings().durl));
  h.respond([&h](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n == 0) return page("HOME", std::nullopt, h.url("/c067/svc"));
    if (n == 1) return page("BYE", command("libCnx"), h.url("/c067/bye"));
    return page("HOME2");
  });
  if (!h.connect_ws("")) return;
  h.press(FunctionKey::envoi);
  h.wait_requests(4);
  h.settle();
}

void getscreenlist(Harness& h) {
  start_ws(h, "/c070", in_order({page("", command("getScreenList"))}));
  h.wait_requests(2);
}

// CNX answered with a bridge command that the gateway must refuse or fail, result to /bridge/result.
Driver bridge_command(std::string path, std::function<Json(const sim::RecordedRequest&)> make) {
  return [=](Harness& h) {
    start_ws(h, path, [&h, make](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
      if (n == 0) return page("", make(r), h.url("/bridge/result"));
      return std::nullopt;
    });
    h.wait_requests(2);
    h.settle();
  };
}

Json tln_other_host(const sim::RecordedRequest&) {
  // "localhost" is not the service's host name "127.0.0.1": the key is required, and wrong.
  return command("connectToTln", {{"host", "localhost:1"}, {"key", kBadKey}, {"echo", "off"}, {"case", "lower"}});
}
Json tln_closed_port(const sim::RecordedRequest&) {
  return command("connectToTln", {{"host", "127.0.0.1:1"}, {"key", kBadKey}, {"echo", "off"}, {"case", "lower"}});
}
Json duplicate_bad_key(const sim::RecordedRequest& r) {
  return command("duplicateStream", {{"uniqueid", session_id(r)}, {"key", kBadKey}});
}
Json ext_refused(const sim::RecordedRequest&) {
  return command("connectToExt", {{"number", "0100000000"}, {"RX", -35}, {"TX", -15}, {"key", kBadKey}});
}

void telnet_bridge(Harness& h) {
  sim::FakeTelnetServer server(sim::ServerScript{}.send(std::string(kBridgeServerPage)).pause(500ms).close());
  const std::string host = "127.0.0.1:" + std::to_string(server.port());
  start_ws(h, "/c071", [&h, host](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n > 0) return std::nullopt;
    return page("BEFORE",
                command("connectToTln", {{"host", host}, {"key", "bad"}, {"echo", "off"}, {"case", "lower"},
                                         {"startseq", "\\x13\\x41hello"}}),
                h.url("/c071/result"));
  });
  h.fact("server_connected", server.wait_for_connections(1, h.settings().timeout) ? "yes" : "no");
  h.wait_requests(2);
  h.settle();
  h.fact("server_received", server.received(0));
}

}  // namespace

std::vector<Check> command_checks() {
  std::vector<Check> c;
  c.push_back(make_check("C-060", {"C-060", "C-061", "C-062"},
                         "PushServiceMsg (uniqueids/message) writes 1F 40 41 msg 18 0A, requester included", false,
                         need_ws, push_message, judge_push_message));
  c.push_back(make_check("C-063", {"C-063", "C-064"}, "BackgroundCall simulate=false: BGCALL; only its PushServiceMsg acts",
                         false, need_ws, background_call, judge_background_call));
  c.push_back(make_check("C-065", {"C-065"}, "BackgroundCall simulate=true: BGCALL-SIMU with content[0] = url", false,
                         need_ws, background_simulation, judge_background_simulation));
  c.push_back(make_check("C-035", {"C-035"}, "the COMMAND of a BGCALL-SIMU reply is ignored while an input is armed",
                         true, need_ws, background_simulation, judge_simu_command_ignored));
  c.push_back(make_check("C-067", {"C-067"}, "libCnx: FIN to the reply's next, then CNX to durl", false,
                         need_ws | need_durl | need_durl_apart, libcnx, judge_libcnx));
  c.push_back(make_check("C-070", {"C-070"}, "getScreenList: DATAS with datas.item getscreenlist", false, need_ws,
                         getscreenlist, judge_getscreenlist));
  c.push_back(make_check("C-071", {"C-071", "C-074"},
                         "a bridge on the service's own host needs no key; the reply's content follows the bridge",
                         false, need_ws | need_local, telnet_bridge, judge_bridge_content_after));
  c.push_back(make_check("C-072", {"C-072"}, "connectToTln with a wrong key to another host -> DIRECTCALLENDED", true,
                         need_ws, bridge_command("/c072", tln_other_host), judge_bridge_refused));
  c.push_back(make_check("C-073", {"C-073"},
                         "connectToTln to a closed port -> DIRECTCALLFAILED (same-host exemption instead of a key)",
                         false, need_ws | need_local, bridge_command("/c073", tln_closed_port), judge_bridge_failed));
  c.push_back(make_check("C-075", {"C-075"}, "duplicateStream with a wrong key -> DIRECTCALLENDED", false, need_ws,
                         bridge_command("/c075", duplicate_bad_key), judge_bridge_refused));
  c.push_back(make_check("C-076", {"C-076"}, "connectToExt refused (no <asterisk> or wrong key) -> DIRECTCALLENDED",
                         false, need_ws, bridge_command("/c076", ext_refused), judge_bridge_refused));
  c.push_back(make_check("C-077", {"C-077"}, "the bridge result goes to the next of the command's reply", false,
                         need_ws, bridge_command("/c077", duplicate_bad_key), judge_bridge_result_target));
  c.push_back(make_check("C-120", {"C-120", "C-121"}, "a bridge starts with the case command and the startseq", false,
                         need_ws | need_local, telnet_bridge, judge_bridge_start));
  return c;
}

}  // namespace pavi::conformance
