// Judges of checklist sections E and F (other commands, bridge command results) and the start of a bridge (M).
#include <nlohmann/json.hpp>

#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

namespace {

const sim::RecordedRequest* first_with(const Observation& o, std::string_view fctn) {
  const auto found = o.with_fctn(fctn);
  return found.empty() ? nullptr : found.front();
}

}  // namespace

// CNX answered with content "OWN" and PushServiceMsg {uniqueids:[own id], message:[kPushMessage]}.
Outcome judge_push_message(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string row0 = std::string("\x1F\x40\x41") + std::string(kPushMessage) + "\x18\x0A";
  if (auto f = expect_bytes("PushServiceMsg to the requester", o.received, row0)) return *f;
  if (!contains(o.received, "OWN")) return fail("the requester did not receive its own content with a PushServiceMsg");
  return pass();
}

// CNX answered with BackgroundCall {url:[.../c063/bg?k=1&u=2], uniqueid:["999"], simulate:[false]}; the BGCALL
// is answered with PushServiceMsg to the session ("BGMSG") and content "BGCONTENT".
Outcome judge_background_call(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const auto* bg = first_with(o, "BGCALL");
  if (bg == nullptr) return fail("no BGCALL request; " + describe_fctns(o));
  const auto& r = *bg->request;
  const std::string bg_path = o.fact("bg_path").empty() ? "/c063/bg" : o.fact("bg_path");
  if (bg->path != bg_path) return fail("BGCALL went to " + bg->path + ", not " + bg_path);
  if (r.unique_id != "999") return fail("BGCALL uniqueId '" + r.unique_id + "', expected the given '999'");
  if (!r.remote_addr.empty() || !r.typesocket.empty() || !r.versionminitel.empty() || !r.context.empty()) {
    return fail("BGCALL must carry empty remoteAddr, typesocket, versionminitel and context");
  }
  if (!r.content.empty()) return fail("BGCALL content is " + json_list(r.content) + ", expected []");
  if (!r.urlparams || nlohmann::json::parse(r.urlparams->dump()) != nlohmann::json{{"k", "1"}, {"u", "2"}}) {
    return fail("BGCALL URLPARAMS should be {\"k\":\"1\",\"u\":\"2\"}");
  }
  if (!contains(o.received, "BGMSG")) return fail("the PushServiceMsg of the BGCALL reply was not delivered (C-064)");
  if (contains(o.received, "BGCONTENT")) return fail("the content of a BGCALL reply reached a terminal (C-064)");
  return pass();
}

// DIRECT at /c065/b arms an InputTxt; a BackgroundCall simulate=true with url "data-for-B" targets the session.
Outcome judge_background_simulation(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  const auto* simu = first_with(o, "BGCALL-SIMU");
  if (simu == nullptr) return fail("no BGCALL-SIMU request; " + describe_fctns(o));
  const std::string current = o.fact("simu_path").empty() ? "/c065/b" : o.fact("simu_path");
  if (simu->path != current) return fail("BGCALL-SIMU went to " + simu->path + ", not the current URL " + current);
  const auto& content = simu->request->content;
  if (content.empty() || content[0] != "data-for-B") {
    return fail("BGCALL-SIMU content " + json_list(content) + ", expected content[0] \"data-for-B\"");
  }
  return pass();
}

// The BGCALL-SIMU reply holds content "SIMU" and an InputTxt at (20,1); "Q" is typed afterwards (segment 0).
Outcome judge_simu_command_ignored(const Observation& o) {
  if (auto f = judge_background_simulation(o); f.verdict != Verdict::pass) return f;
  if (!contains(o.received, "SIMU")) return fail("the content of the BGCALL-SIMU reply was not shown");
  if (contains(o.received, pos(20, 1) + frame(' ', 5))) return fail("the COMMAND of the BGCALL-SIMU reply was run");
  if (!contains(o.segment(0), "Q")) return fail("the input armed before the simulation no longer echoes");
  return pass();
}

// Start on durl: CNX -> next /c067/svc; ENVOI -> libCnx with next /c067/bye (fact libcnx_next overrides).
Outcome judge_libcnx(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  const std::string next = o.fact("libcnx_next").empty() ? "/c067/bye" : o.fact("libcnx_next");
  for (std::size_t i = 1; i < o.requests.size(); ++i) {
    if (o.requests[i].fctn() != "FIN") continue;
    if (o.requests[i].path != next) return fail("FIN went to " + o.requests[i].path + ", not the libCnx reply's next " + next);
    if (i + 1 >= o.requests.size() || o.requests[i + 1].fctn() != "CNX") {
      return fail("no CNX to the default service after the FIN; " + describe_fctns(o));
    }
    if (o.requests[i + 1].path != o.fact("durl_path")) {
      return fail("the CNX after libCnx went to " + o.requests[i + 1].path + ", not the default service " + o.fact("durl_path"));
    }
    return pass();
  }
  return fail("libCnx produced no FIN; " + describe_fctns(o));
}

Outcome judge_getscreenlist(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DATAS"})) return *f;
  const auto& datas = req(o, 1).datas;
  if (!datas.is_object() || !datas.contains("item") || datas["item"] != "getscreenlist") {
    return fail("DATAS carries datas " + datas.dump() + ", expected item \"getscreenlist\"");
  }
  return pass();
}

// CNX answered with a refused bridge command (bad key, other host / no Asterisk) and next /bridge/result.
Outcome judge_bridge_refused(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECTCALLENDED"})) return *f;
  return pass();
}

// CNX answered with connectToTln to 127.0.0.1:1 (same host as the service: no key needed, port closed).
Outcome judge_bridge_failed(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECTCALLFAILED"})) return *f;
  return pass();
}

Outcome judge_bridge_result_target(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  const std::string& fctn = req(o, 1).fctn;
  if (fctn != "DIRECTCALLENDED" && fctn != "DIRECTCALLFAILED") return fail("no bridge result; " + describe_fctns(o));
  if (o.requests[1].path != "/bridge/result") return fail(fctn + " went to " + o.requests[1].path + ", not the command's next");
  return pass();
}

// CNX answered with content "BEFORE" and connectToTln to the suite's telnet server on 127.0.0.1 with key "bad"
// (case lower, startseq "\x13\x41hello"); the server sends kBridgeServerPage and closes.
Outcome judge_bridge_content_after(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (o.fact("server_connected") != "yes") {
    return fail("the gateway did not connect to the bridged server on the service's own host (key \"bad\")");
  }
  const auto server = o.received.find(kBridgeServerPage);
  const auto before = o.received.find("BEFORE");
  if (server == std::string::npos) return fail("the bridged server's page did not reach the terminal");
  if (before == std::string::npos) return fail("the reply's content was never shown");
  if (before < server) return fail("the reply's content was shown before the bridge ended");
  if (auto f = expect_fctns(o, {"CNX", "DIRECTCALLENDED"})) return *f;
  return pass();
}

Outcome judge_bridge_start(const Observation& o) {
  if (o.fact("server_connected") != "yes") return fail("the gateway did not connect to the bridged server");
  if (auto f = expect_bytes("case lower", o.received, "\x1B\x3A\x69\x45")) return *f;
  if (o.fact("server_received").rfind("\x13\x41hello", 0) != 0) {
    return fail("the server first received " + printable(o.fact("server_received")) + ", expected 13 41 \"hello\"");
  }
  return pass();
}

// The viewer (this observation's terminal) watches a user who got TARGET-EARLY before the mirror began and
// TARGET-LATE after it (segment 0); the viewer's Z and SUITE (segment 1) reach nobody; *** + Sommaire ends it.
Outcome judge_duplicate_viewer(const Observation& o) {
  if (auto f = precheck(o, 4)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "CNX", "ENVOI", "DIRECTCALLENDED"})) return *f;
  if (contains(o.received, "TARGET-EARLY")) return fail("the viewer got the watched user's earlier screen");
  if (!contains(o.segment(0), "TARGET-LATE")) {
    return fail("the viewer did not get the page sent to the watched user: " + printable(o.received, 400));
  }
  if (o.fact("requests_after_viewer_keys") != o.fact("requests_before_viewer_keys")) {
    return fail("the viewer's keys reached the service");
  }
  if (o.requests[3].path != "/c128/viewer/result") {
    return fail("DIRECTCALLENDED went to " + o.requests[3].path + ", not the command's next");
  }
  return pass();
}

}  // namespace pavi::conformance
