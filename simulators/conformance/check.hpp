// One conformance check as data: the checklist ids it covers (conformance-checklist.md), a title, whether it is a
// (Q) quirk item, what it needs from the gateway under test, and the function that runs it. Running a check drives
// a scenario (harness.hpp) into an Observation and hands it to a pure judge (judges.hpp), so that verdicts can be
// unit-tested against recorded exchanges without a gateway.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::conformance {

class Harness;

enum class Verdict { pass, fail, skip };

struct Outcome {
  Verdict verdict = Verdict::skip;
  std::string reason;  // why it failed or was skipped; empty for a pass
};

inline Outcome pass() { return {Verdict::pass, {}}; }
inline Outcome fail(std::string reason) { return {Verdict::fail, std::move(reason)}; }
inline Outcome skip(std::string reason) { return {Verdict::skip, std::move(reason)}; }

std::string_view verdict_name(Verdict verdict);  // "pass", "fail", "skip"

// What a check needs before it can run; missing needs make it a skip with the need as reason.
enum Need : unsigned {
  need_none = 0,
  need_ws = 1u << 0,       // --gateway ws://...
  need_telnet = 1u << 1,   // --telnet HOST:PORT
  need_durl = 1u << 2,     // the gateway's default service (durl) is the fake service
  need_local = 1u << 3,    // the gateway reaches servers the suite starts on 127.0.0.1 (bridges, closed ports)
  need_slow = 1u << 4,     // lasts more than 20 s: only with --slow
  need_durl_apart = 1u << 5,  // the check's service URLs do not contain the durl text (else they all count as the
                              // default service, C-110): durl needs a path of its own
  need_visukey = 1u << 6,  // --visukey: the gateway's <connecttocmd><visukey> (duplicateStream)
};

struct Check {
  std::string key;               // unique: "C-014.ws"
  std::vector<std::string> ids;  // "C-014"
  std::string title;
  bool quirk = false;            // a (Q) item: reported apart, fails the run only with --strict-quirks
  unsigned needs = need_none;
  std::function<Outcome(Harness&)> run;  // empty: always skipped with `skip_reason`
  std::string skip_reason;               // why a check without `run` cannot be automated
};

// The checklist section of an id ("C-042" -> 'D', see conformance-checklist.md headings); '?' when unknown.
char category_of(std::string_view id);
// The heading of a section letter ("B" -> "Request body content").
std::string_view category_title(char category);

}  // namespace pavi::conformance
