// Judges of checklist section G (the ERR#nn pages).
#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

namespace {

constexpr std::string_view kErrHead = "\x0C\x0F\x1F\x42\x41\x1B\x4D\x1B\x47\x1B\x51 ERR #";
constexpr std::string_view kErrMessage = "\x1B\x40\x7D\x1B\x47\x1B\x52\x20";

}  // namespace

// CNX at /c078/a answered kNotJsonBody; then Envoi.
Outcome judge_err03_page(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string page = std::string(kErrHead) + "03" + std::string(kErrMessage) + "R\x19\x42" "eponse non JSON\x18" +
                           "\x1F\x44\x41" "Exception: Syntax error" "\x1F\x47\x41" "Votre serveur a r\x19\x42" "epondu: " +
                           std::string(kNotJsonBody);
  if (auto f = expect_bytes("ERR #03 page", o.received, page)) return *f;
  return pass();
}

Outcome judge_err03_recovers(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (o.closed) return fail("the connection was closed after ERR #03");
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  if (o.requests[1].path != o.requests[0].path) return fail("after ERR #03 Envoi called " + o.requests[1].path);
  return pass();
}

// CNX -> next /c080/b context k1; ENVOI -> content NOPE, next "not a url", context zzz, InputTxt; then Envoi.
Outcome judge_err05(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  const std::string page = std::string(kErrHead) + "05" + std::string(kErrMessage) + "Prochaine URL incorrecte\x18" +
                           "\x1F\x44\x41" "not a url";
  if (auto f = expect_bytes("ERR #05 page", o.received, page)) return *f;
  if (contains(o.received, "NOPE")) return fail("the content of a reply with an invalid next was shown");
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "ENVOI"})) return *f;
  if (o.requests[2].path != "/c080/b") return fail("after ERR #05 the URL changed to " + o.requests[2].path);
  if (req(o, 2).context != "k1") return fail("after ERR #05 the context is '" + req(o, 2).context + "', expected 'k1'");
  return pass();
}

// CNX -> content HIDDEN, COMMAND NoSuchCommand, next /c081/b, context k7; then Envoi.
Outcome judge_err07(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  const std::string page = std::string(kErrHead) + "07" + std::string(kErrMessage) + "Commande inconnue\x18";
  if (auto f = expect_bytes("ERR #07 page", o.received, page)) return *f;
  if (contains(o.received, "HIDDEN")) return fail("the content of a reply with an unknown command was shown");
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  if (o.requests[1].path != "/c081/b") return fail("the next of a reply with an unknown command was not applied");
  if (req(o, 1).context != "k7") return fail("the context of a reply with an unknown command was not applied");
  return pass();
}

Outcome judge_error_footer(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string footer = "\x1F\x58\x41UID:" + req(o, 0).unique_id + " Aide:aide@minipavi.fr";
  if (auto f = expect_bytes("error page footer", o.received, footer)) return *f;
  return pass();
}

// ws ?url=notaurl.
Outcome judge_err02(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  if (!o.requests.empty()) return fail("a request was sent for an invalid start URL; " + describe_fctns(o));
  if (!contains(o.received, "MiniPAVI")) return fail("no banner before ERR #02");
  const std::string page = std::string(kErrHead) + "02" + std::string(kErrMessage) + "Param\x19\x41" "etre url incorrect\x18" +
                           "\x1F\x44\x41" "url:notaurl";
  if (auto f = expect_bytes("ERR #02 page", o.received, page)) return *f;
  if (!o.closed) return fail("the connection stayed open after ERR #02");
  return pass();
}

// ws with start URL fact start_url on a closed port.
Outcome judge_err09(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  const std::string page = std::string(kErrHead) + "09" + std::string(kErrMessage) + "Service indisponible\x18" +
                           "\x1F\x44\x41" "url:" + o.fact("start_url");
  if (auto f = expect_bytes("ERR #09 page", o.received, page)) return *f;
  if (!o.closed) return fail("the connection stayed open after ERR #09");
  return pass();
}

// Start on durl: CNX -> next http://127.0.0.1:1/dead; Envoi.
Outcome judge_fallback_home(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "CNX"})) return *f;
  if (o.requests[1].path != o.fact("durl_path")) return fail("the fallback CNX went to " + o.requests[1].path);
  if (contains(o.received, " ERR #")) return fail("an error page was shown instead of the silent return home");
  if (o.closed) return fail("the connection was closed");
  return pass();
}

// CNX answered with an InputForm whose x is a string; then a second connection.
Outcome judge_malformed_survives(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (o.fact("second_cnx") != "yes") return fail("the gateway no longer serves new connections after a malformed command");
  if (!contains(o.received, " ERR #10") && o.fact("first_closed") != "yes") {
    return fail("the malformed command neither showed ERR #10 nor ended the session");
  }
  return pass();
}

}  // namespace pavi::conformance
