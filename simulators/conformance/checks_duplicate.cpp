// Checks of section M that need the gateway's visukey (pavi conformance --visukey): a duplicateStream viewer
// watching a second simulated Minitel that the check connects itself, and a duplicateStream to a session that
// does not exist.
#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/driver_support.hpp"

namespace pavi::conformance {

using namespace detail;
using videotex::FunctionKey;

namespace {

std::string session_id(const sim::RecordedRequest& r) { return r.request ? r.request->unique_id : std::string(); }

// Requests in order: the watched user's CNX (page TARGET-EARLY), the viewer's CNX (duplicateStream to the watched
// user), the watched user's ENVOI (page TARGET-LATE), the viewer's DIRECTCALLENDED after *** + Sommaire.
// Segments of the viewer's bytes: 0 while the watched user gets TARGET-LATE, 1 while the viewer types Z and
// SUITE, 2 the end of the mirror.
void duplicate_viewer(Harness& h) {
  auto watched_uid = std::make_shared<std::string>();
  const std::string key = h.settings().visukey;
  h.respond([&h, watched_uid, key](const sim::RecordedRequest& r, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n == 0) {
      *watched_uid = session_id(r);
      return page("\x0c" "TARGET-EARLY", std::nullopt, h.url("/c128/watched"));
    }
    if (n == 1) {
      return page("", command("duplicateStream", {{"uniqueid", *watched_uid}, {"key", key}}),
                  h.url("/c128/viewer/result"));
    }
    if (n == 2) return page("\x0c" "TARGET-LATE");
    return std::nullopt;
  });
  sim::Terminal watched;
  if (!watched.connect(h.ws_url(h.url("/c128/target")))) {
    h.scenario_error("the watched user's terminal could not connect");
    return;
  }
  if (!h.wait_requests(1)) {
    h.scenario_error("the watched user's session made no request");
    return;
  }
  if (!watched.wait_for_text("TARGET-EARLY", h.settings().timeout)) {
    h.scenario_error("the watched user did not get its page: " + printable(watched.text(), 3000));
    return;
  }
  h.fact("watched_uid", *watched_uid);
  if (!h.connect_ws(h.url("/c128/viewer"))) return;
  h.pause(std::chrono::milliseconds(500));  // the mirror is set up beside the session
  h.mark();
  watched.press(FunctionKey::envoi);
  h.wait_requests(3);
  watched.wait_for_text("TARGET-LATE", h.settings().timeout);
  h.terminal().wait_for_text("TARGET-LATE", h.settings().timeout);  // mirrored in batches (250 ms idle)
  h.settle();
  h.mark();
  h.send("Z");
  h.press(FunctionKey::suite);
  h.fact("requests_before_viewer_keys", std::to_string(3));
  h.fact("requests_after_viewer_keys", std::to_string(h.request_count()));
  h.mark();
  h.send("***");
  h.press(FunctionKey::sommaire);
  h.wait_requests(4);
  h.settle();
}

void duplicate_unknown(Harness& h) {
  const std::string key = h.settings().visukey;
  start_ws(h, "/c129", [&h, key](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n > 0) return std::nullopt;
    return page("", command("duplicateStream", {{"uniqueid", "10000000000000"}, {"key", key}}),
                h.url("/c129/result"));
  });
  h.wait_requests(2);
  h.settle();
}

}  // namespace

std::vector<Check> duplicate_checks() {
  std::vector<Check> c;
  c.push_back(make_check("C-128", {"C-128"},
                         "a duplicateStream viewer gets what is sent to the watched user from then on, and its own "
                         "keys other than the end keys are dropped",
                         false, need_ws | need_visukey, duplicate_viewer, judge_duplicate_viewer));
  c.push_back(make_check("C-129", {"C-129"}, "duplicateStream to a uniqueId that does not exist -> DIRECTCALLFAILED",
                         false, need_ws | need_visukey, duplicate_unknown, judge_bridge_failed));
  return c;
}

}  // namespace pavi::conformance
