// Judges of checklist section A (HTTP transport to services).
#include <nlohmann/json.hpp>

#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

namespace {

const sim::RecordedRequest* find_path(const Observation& o, std::string_view path, std::string_view method = {}) {
  for (const auto& r : o.requests) {
    if (r.path == path && (method.empty() || r.method == method)) return &r;
  }
  return nullptr;
}

// URLPARAMS compared as JSON values (key order aside).
nlohmann::json plain(const service::Json& value) { return nlohmann::json::parse(value.dump()); }

}  // namespace

Outcome judge_post_json(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  for (const auto& r : o.requests) {
    if (r.method != "POST") return fail("request to " + r.path + " used method " + r.method + ", not POST");
    if (r.header("Content-Type").rfind("application/json", 0) != 0) {
      return fail("request to " + r.path + " has Content-Type '" + r.header("Content-Type") + "'");
    }
    if (!r.request) return fail("request body is not a JSON service request: " + r.parse_error);
  }
  return pass();
}

Outcome judge_user_agent(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  for (const auto& r : o.requests) {
    if (!contains(r.header("User-Agent"), "MiniPAVI")) {
      return fail("User-Agent '" + r.header("User-Agent") + "' does not contain MiniPAVI");
    }
  }
  return pass();
}

Outcome judge_target_without_query(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  for (const auto& r : o.requests) {
    if (!r.query.empty()) return fail("request target '" + r.target + "' carries the query string");
  }
  const auto start_path = o.fact("start_path");
  if (!start_path.empty() && o.requests[0].path != start_path) {
    return fail("CNX went to '" + o.requests[0].path + "', expected '" + start_path + "'");
  }
  return pass();
}

Outcome judge_urlparams(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const auto expected = service::Json::parse(o.fact("urlparams"), nullptr, false);
  const auto& first = req(o, 0);
  if (!first.urlparams) return fail("request 0 has no URLPARAMS; expected " + expected.dump());
  if (plain(*first.urlparams) != plain(expected)) {
    return fail("URLPARAMS " + first.urlparams->dump() + ", expected " + expected.dump());
  }
  const auto from = o.fact("no_urlparams_from");
  if (!from.empty()) {
    const std::size_t index = std::stoul(from);
    if (auto f = precheck(o, index + 1)) return *f;
    for (std::size_t i = index; i < o.requests.size(); ++i) {
      if (req(o, i).urlparams) {
        return fail("request " + std::to_string(i) + " to a URL without query carries URLPARAMS " +
                    req(o, i).urlparams->dump());
      }
    }
  }
  return pass();
}

// Session 1: CNX at /c006/a answered 301 -> /c006/b. Session 2: CNX at /c006/c answered 302 -> /c006/d.
Outcome judge_redirects(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const auto* a = find_path(o, "/c006/a", "POST");
  const auto* b = find_path(o, "/c006/b");
  if (a == nullptr) return fail("no POST to /c006/a; " + describe_fctns(o));
  if (b == nullptr) return fail("the 301 redirect was not followed to /c006/b; " + describe_fctns(o));
  if (b->method != "POST" || b->body != a->body) return fail("after a 301 the request to /c006/b was " + b->method +
                                                              " without the same body (a 301 keeps the POST)");
  const auto* d = find_path(o, "/c006/d");
  if (find_path(o, "/c006/c") == nullptr) return fail("no request to /c006/c; " + describe_fctns(o));
  if (d == nullptr) return fail("the 302 redirect was not followed to /c006/d; " + describe_fctns(o));
  if (d->method != "GET") return fail("after a 302 the request to /c006/d was " + d->method + ", expected GET");
  return pass();
}

Outcome judge_status_ignored(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (!contains(o.received, " ERR #03")) return fail("no ERR #03 page after a 404 with a text body");
  if (!contains(o.received, kNotFoundBody)) return fail("the ERR #03 page does not show the body text");
  return pass();
}

Outcome judge_oversized(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (contains(o.received, "      ")) return fail("the content of a reply over 100 000 bytes reached the terminal");
  if (!contains(o.received, " ERR #09")) return fail("no ERR #09 page after a reply over 100 000 bytes");
  if (!o.closed) return fail("the connection stayed open after ERR #09");
  return pass();
}

Outcome judge_get_fallback(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  const auto& r0 = o.requests[0];
  const auto& r1 = o.requests[1];
  if (r0.method != "POST") return fail("the first request was " + r0.method);
  if (r1.method != "GET" || r1.path != r0.path) {
    return fail("after a connection reset, expected GET " + r0.path + ", got " + r1.method + " " + r1.path);
  }
  const auto& r2 = o.requests[2];
  if (r2.method != "POST" || r2.path != o.fact("interpreter_path")) {
    return fail("the <interpreteur> URL was not called: got " + r2.method + " " + r2.path);
  }
  if (r2.fctn() != "CNX") return fail("the interpreter received fctn " + r2.fctn() + ", expected CNX");
  const auto& params = req(o, 2).urlparams;
  if (!params || !params->contains("xurl") || (*params)["xurl"] != o.fact("start_url")) {
    return fail("the interpreter's URLPARAMS.xurl is not the old URL " + o.fact("start_url"));
  }
  return pass();
}

Outcome judge_interpreter(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  const auto* r = find_path(o, o.fact("interpreter_path"), "POST");
  if (r == nullptr) return fail("the <interpreteur> URL was not called; " + describe_fctns(o));
  if (r->fctn() != "ENVOI") return fail("the interpreter received fctn " + r->fctn() + ", expected the same ENVOI");
  const auto& params = r->request->urlparams;
  if (!params || !params->contains("xurl") || (*params)["xurl"] != o.fact("start_url")) {
    return fail("the interpreter's URLPARAMS.xurl is not the current URL " + o.fact("start_url"));
  }
  return pass();
}

Outcome judge_empty_body(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "ENVOI"})) return *f;
  if (!o.segment(0).empty()) return fail("an empty reply produced output " + printable(o.segment(0)));
  if (o.requests[2].path != o.requests[1].path) {
    return fail("after an empty reply the next key went to " + o.requests[2].path + ", not " + o.requests[1].path);
  }
  return pass();
}

}  // namespace pavi::conformance
