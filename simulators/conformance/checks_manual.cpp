// The checklist items the suite reports as skipped, each with the reason it cannot be observed from a terminal
// and a service (configuration, files, Asterisk, VisuWeb, long timers), so that a report lists all 150 items.
#include "simulators/conformance/catalogue.hpp"

namespace pavi::conformance {

namespace {

Check item(std::string id, std::string title, std::string reason, bool quirk = false) {
  Check c;
  c.key = id;
  c.ids = {std::move(id)};
  c.title = std::move(title);
  c.quirk = quirk;
  c.skip_reason = std::move(reason);
  return c;
}

constexpr const char* kSlow = "takes minutes of idle time; not automated yet";
constexpr const char* kConfig = "depends on the gateway's configuration or files, not observable by a terminal";
constexpr const char* kAsterisk = "needs an Asterisk (AST) connection";
constexpr const char* kVisuWeb = "needs the VisuWeb/WebMedia HTTP port, which the suite does not drive yet";

}  // namespace

std::vector<Check> manual_items() {
  return {
      item("C-005", "timeouts 4 s / 25 s, 3 attempts", "a full run takes about 75 s per case; not automated yet"),
      item("C-025", "webmedia is 1 after a WebMedia poll", kVisuWeb),
      item("C-066", "a function key cancels a pending simulation", "timing-dependent (the next 3 s idle read); not automated yet"),
      item("C-068", "setParam screensaver type 3 shows its text", "needs 120 s of idle time; not automated yet"),
      item("C-069", "setParam timeout 1 minute", "needs 60 s of idle time; not automated yet"),
      item("C-087", "maxc refuses silently", kConfig),
      item("C-088", "maxcip refuses silently", kConfig),
      item("C-089", "ipblacklist / ipwhitelist", kConfig),
      item("C-095", "AST header CALLFROM/STARTURL/PCE", kAsterisk),
      item("C-096", "the WSS listener accepts only TLS 1.3", "needs a wss:// address; not automated yet"),
      item("C-099", "AST banner", kAsterisk),
      item("C-112", "inactivity message and close after the timeout", kSlow),
      item("C-113", "typing does not delay the inactivity timeout", kSlow),
      item("C-115", "no pong within 15 s disconnects", "takes about 20 s; not automated yet"),
      item("C-117", "screensaver frames after 120 s", kSlow),
      item("C-118", "the first key after a screensaver frame restores the page", kSlow),
      item("C-119", "<screensaver>no</screensaver>", kConfig),
      item("C-122", "bridge: 0D removed, echo on", "not automated yet (needs an echoing bridged server)"),
      item("C-123", "bridge: *** + Sommaire ends it", "not automated yet"),
      item("C-124", "bridge: #*#GETIP*#* answered", "not automated yet"),
      item("C-125", "connectToWs handshake headers", "not automated yet (needs a WebSocket server the gateway can reach)"),
      item("C-126", "WS bridge holds a lone 13", "not automated yet"),
      item("C-127", "bridge time limits (30 s, 180 s, 3600 s)", kSlow),
      item("C-130", "WebMedia sequences forwarded and queued", kVisuWeb),
      item("C-131", "webmedia poll replies", kVisuWeb),
      item("C-132", "webmedia unknown pin", kVisuWeb),
      item("C-133", "webmedia Access-Control-Allow-Origin", kVisuWeb),
      item("C-134", "lastevent=STOP -> BGCALL-WM-STOP", kVisuWeb),
      item("C-135", "WebMedia URL validation", kVisuWeb),
      item("C-136", "VisuWeb Basic authentication", kVisuWeb),
      item("C-137", "visujson summary", kVisuWeb),
      item("C-138", "stats page", kVisuWeb),
      item("C-139", "stats counting rules", kConfig),
      item("C-140", "session recordings", kConfig),
      item("C-141", "streamuniqueid replay", "needs rpath set in the gateway's configuration"),
      item("C-142", "recordings deleted at start and stop", kConfig),
      item("C-143", "log file format", kConfig),
      item("C-144", "no user port configured", kConfig),
      item("C-145", "host required", kConfig),
      item("C-146", "httpuser/httppwd with ':'", kConfig),
      item("C-147", "command-line flags override the file", kConfig),
      item("C-148", "default inactivity limit 600 s", kSlow),
      item("C-149", "maxhisto default", kConfig, true),
      item("C-150", "config root not <config>", kConfig),
  };
}

}  // namespace pavi::conformance
