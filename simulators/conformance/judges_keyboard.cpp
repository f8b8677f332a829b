// Judges of checklist sections J and K (keyboard parsing, Connexion/Fin and the default service).
#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

// No input armed; Envoi, Retour, Répétition, Guide, Annulation, Sommaire, Correction, Suite, then 13 59.
Outcome judge_function_keys(const Observation& o) {
  if (auto f = precheck(o, 10)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "RETOUR", "REPETITION", "GUIDE", "ANNULATION", "SOMMAIRE",
                                "CORRECTION", "SUITE", "FIN"})) {
    return *f;
  }
  return pass();
}

// InputTxt validwith 128: 13 43 "A" (segment 0); "B" 13 41 "C"; the reply arms a new InputTxt; Envoi.
Outcome judge_refused_key_drops_chunk(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (!o.segment(0).empty()) return fail("after a refused key the rest of the read was processed: " + printable(o.segment(0)));
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "ENVOI"})) return *f;
  if (auto f = expect_content(o, 1, {"B"})) return *f;
  if (auto f = expect_content(o, 2, {""})) return *f;
  return pass();
}

// InputTxt: "ab" 0D "cd", Envoi.
Outcome judge_cr_swallows(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_content(o, 1, {"abd"})) return *f;
  return pass();
}

// InputTxt validwith 132: "AB", ESC[D, ESC[C, Envoi; InputTxt validwith 4: ESC[A; InputTxt validwith 64: ESC[B.
Outcome judge_ansi_arrows(const Observation& o) {
  if (auto f = precheck(o, 4)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "RETOUR", "SUITE"})) return *f;
  if (auto f = expect_content(o, 1, {"A "})) return *f;
  return pass();
}

// InputTxt: "a" 1B 39 70 "b" 1B 3A 71 72 "c" 1B 3B 60 58 51 "d", Envoi.
Outcome judge_replies_removed(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_content(o, 1, {"abcd"})) return *f;
  return pass();
}

// InputTxt: "gh" 13 in one read, "A" in the next.
Outcome judge_split_key(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  return pass();
}

Outcome judge_split_key_doubles(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  if (auto f = expect_content(o, 1, {"ghgh"})) return *f;
  return pass();
}

// Start on durl: CNX -> next /c107/svc; ENVOI -> "SVC"; Connexion/Fin: FIN answered "BYE-OTHER", CNX "ACC2".
Outcome judge_fin_returns_home(const Observation& o) {
  if (auto f = precheck(o, 4)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "FIN", "CNX"})) return *f;
  if (o.requests[2].path != "/c107/svc") return fail("FIN went to " + o.requests[2].path + ", not the current URL");
  if (o.requests[3].path != o.fact("durl_path")) return fail("the CNX after FIN went to " + o.requests[3].path);
  for (const auto& chunk : o.chunks) {
    if (contains(chunk, "BYE-OTHER") && contains(chunk, "ACC2")) return pass();
  }
  return fail("the FIN and CNX pages did not arrive in one write");
}

// Explicit start URL: Connexion/Fin.
Outcome judge_fin_closes(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (!o.closed) return fail("Connexion/Fin on a session with an explicit start URL did not close the connection");
  if (auto f = expect_fctns(o, {"CNX", "FIN"})) return *f;
  return pass();
}

// InputTxt, context ctxF: "PAR" typed, Connexion/Fin.
Outcome judge_fin_content(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "FIN"})) return *f;
  if (auto f = expect_content(o, 1, {"PAR"})) return *f;
  if (req(o, 1).context != "ctxF") return fail("FIN context '" + req(o, 1).context + "', expected 'ctxF'");
  return pass();
}

// Start on durl: CNX -> next durl + "c110sub"; Envoi; Connexion/Fin.
Outcome judge_durl_substring(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (!o.closed) return fail("Connexion/Fin on a URL containing durl did not close the connection");
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "FIN"})) return *f;
  return pass();
}

// The terminal hangs up after the CNX page.
Outcome judge_disconnect_fin(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "FIN"})) return *f;
  if (o.requests[1].path != o.requests[0].path) return fail("the FIN went to " + o.requests[1].path);
  return pass();
}

}  // namespace pavi::conformance
