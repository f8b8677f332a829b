// Judges of checklist section B (the request body).
#include <regex>
#include <set>

#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

Outcome judge_unique_id(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string& id = req(o, 0).unique_id;
  if (!std::regex_match(id, std::regex("[0-9]{14}"))) return fail("uniqueId '" + id + "' is not 14 digits");
  const long long accepted = std::stoll(id.substr(0, 10));
  if (o.unix_time != 0 && (accepted < o.unix_time - 600 || accepted > o.unix_time + 600)) {
    return fail("uniqueId '" + id + "' does not start with the Unix time of the connection (" +
                std::to_string(o.unix_time) + ")");
  }
  const int pin = std::stoi(id.substr(10));
  if (pin < 2000 || pin > 9999) return fail("the PIN " + id.substr(10) + " is outside 2000-9999");
  for (std::size_t i = 1; i < o.requests.size(); ++i) {
    if (req(o, i).unique_id != id) return fail("request " + std::to_string(i) + " has another uniqueId");
  }
  return pass();
}

Outcome judge_distinct_pins(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  std::set<std::string> pins;
  std::size_t sessions = 0;
  for (const auto* r : o.with_fctn("CNX")) {
    const std::string& id = r->request->unique_id;
    ++sessions;
    if (id.size() < 4) return fail("uniqueId '" + id + "' is too short");
    if (!pins.insert(id.substr(id.size() - 4)).second) return fail("two live connections share the PIN " + id.substr(id.size() - 4));
  }
  if (sessions < 2) return fail("expected a CNX from each simultaneous connection, got " + std::to_string(sessions));
  return pass();
}

Outcome judge_typesocket(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const auto expected = o.fact("typesocket");
  for (std::size_t i = 0; i < o.requests.size(); ++i) {
    if (req(o, i).typesocket != expected) {
      return fail("request " + std::to_string(i) + " (" + req(o, i).fctn + ") has typesocket '" +
                  req(o, i).typesocket + "', expected '" + expected + "'");
    }
  }
  return pass();
}

Outcome judge_remote_addr(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string& addr = req(o, 0).remote_addr;
  if (!std::regex_match(addr, std::regex("([0-9]{1,3}\\.){3}[0-9]{1,3}"))) {
    return fail("remoteAddr '" + addr + "' is not an IPv4 address");
  }
  const auto expected = o.fact("client_ip");
  if (!expected.empty() && addr != expected) return fail("remoteAddr '" + addr + "', expected '" + expected + "'");
  return pass();
}

Outcome judge_cnx_versionminitel(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (req(o, 0).fctn != "CNX") return fail("the first request is " + req(o, 0).fctn + ", not CNX");
  if (req(o, 0).versionminitel != "???") {
    return fail("the CNX carries versionminitel '" + req(o, 0).versionminitel + "', expected \"???\"");
  }
  return pass();
}

Outcome judge_enqrom_version(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (req(o, 1).versionminitel != "Cu;") {
    return fail("after the ENQROM answer 01 43 75 3B 04, request 1 carries versionminitel '" +
                req(o, 1).versionminitel + "', expected 'Cu;'");
  }
  return pass();
}

Outcome judge_first_cnx_fields(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const auto& r = req(o, 0);
  if (r.fctn != "CNX") return fail("the first request is " + r.fctn + ", not CNX");
  if (!r.content.empty()) return fail("the first CNX content is " + json_list(r.content) + ", expected []");
  if (!r.context.empty()) return fail("the first CNX context is '" + r.context + "', expected \"\"");
  if (!r.datas.is_null()) return fail("the first CNX datas is " + r.datas.dump() + ", expected null");
  if (r.webmedia != 0) return fail("the first CNX webmedia is " + std::to_string(r.webmedia) + ", expected 0");
  const auto& body = o.requests[0].body;
  if (!contains(body, "\"datas\":null") && !contains(body, "\"datas\": null")) {
    return fail("the CNX body does not hold \"datas\":null");
  }
  return pass();
}

// CNX -> InputTxt; the terminal types kG2Typed and Envoi.
Outcome judge_g2_content(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_content(o, 1, {"\xC3\xA9\xC3\xA7"})) return *f;
  return pass();
}

Outcome judge_g2_quirk(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  const auto& content = req(o, 1).content;
  if (content.size() != 1) return fail("expected one content element, got " + json_list(content));
  if (content[0].rfind("\xC3\xAE", 0) != 0) return fail("19 48 69 became " + json_list(content) + ", the original sends \"î\"");
  if (contains(content[0], "\xE2\x86\x93")) return fail("19 2F was decoded to ↓ (the original leaves it undecoded)");
  return pass();
}

// CNX -> InputTxt; "ABC" + Envoi -> a page without command; Repetition.
Outcome judge_stale_content(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "REPETITION"})) return *f;
  if (auto f = expect_content(o, 1, {std::string(kStaleTyped)})) return *f;
  if (auto f = expect_content(o, 2, {std::string(kStaleTyped)})) return *f;
  return pass();
}

// CNX -> InputTxt; "ABC" + Envoi -> InputTxt with directcall "yes".
Outcome judge_direct_content_reset(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "DIRECT"})) return *f;
  if (auto f = expect_content(o, 2, {""})) return *f;
  return pass();
}

// CNX -> context ctx1; ENVOI -> context "" + directcall yes-cnx to another path; DIRECTCNX -> nothing; ENVOI.
Outcome judge_context_kept(const Observation& o) {
  if (auto f = precheck(o, 4)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "DIRECTCNX", "ENVOI"})) return *f;
  for (std::size_t i = 1; i < 4; ++i) {
    if (req(o, i).context != kContext1) {
      return fail("request " + std::to_string(i) + " (" + req(o, i).fctn + ") has context '" + req(o, i).context +
                  "', expected '" + std::string(kContext1) + "'");
    }
  }
  return pass();
}

}  // namespace pavi::conformance
