// Judges of checklist section D (the input commands InputTxt, InputMsg and InputForm).
#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

namespace {

constexpr std::string_view kExampleAOutput = "\x0C\x1F\x41\x41" "Hello" "\x1F\x4A\x45\x2E\x12\x45\x1F\x4A\x45\x11" "ab";

// Example C: "WSPAGE" then the three lines of the InputMsg, cursor after "l3", cursor off.
constexpr std::string_view kExampleCDrawing =
    "WSPAGE" "\x1F\x45\x41\x20\x12\x49\x1F\x45\x41" "l1" "\x1F\x46\x41\x20\x12\x49\x1F\x46\x41"
    "\x1F\x47\x41\x20\x12\x49\x1F\x47\x41" "l3" "\x1F\x47\x43\x14";

}  // namespace

Outcome judge_inputtxt_drawing(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("Example A page", o.received, kExampleAOutput)) return *f;
  return pass();
}

// CNX -> InputTxt x=50 y=0 l=3; Envoi -> InputTxt x=3 y=30 l=2 (default spacechar " ").
Outcome judge_inputtxt_ranges(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_bytes("x=50 y=0 l=3", o.received, pos(0, 1) + frame(' ', 3) + pos(0, 1) + "\x11")) return *f;
  if (auto f = expect_bytes("x=3 y=30 l=2", o.received, pos(1, 3) + frame(' ', 2) + pos(1, 3) + "\x11")) return *f;
  return pass();
}

// InputTxt x=38 y=5 l=10 prefill "abcdefgh".
Outcome judge_inputtxt_length_reset(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("x=38 l=10", o.received, pos(5, 38) + frame(' ', 1) + pos(5, 38) + "\x11")) return *f;
  return pass();
}

Outcome judge_prefill_tail(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("prefill abcdefgh with l=1", o.received, pos(5, 38) + "\x11" + "bcdefgh")) return *f;
  return pass();
}

// InputTxt without validwith; "A", Envoi, then Connexion/Fin.
Outcome judge_no_validwith(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "FIN"})) return *f;
  return pass();
}

// InputTxt with char "*": "A" and é (19 42 65) typed (segment 0).
Outcome judge_mask_echo(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string echo = o.segment(0);
  if (echo != "****") return fail("typing A and an accented letter echoed " + printable(echo) + ", expected \"****\"");
  return pass();
}

// InputTxt l=3: "ABCDE" typed (segment 0), Envoi.
Outcome judge_field_full(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (o.segment(0) != "ABC") return fail("typing ABCDE in a 3-character field echoed " + printable(o.segment(0)));
  if (auto f = expect_content(o, 1, {"ABC"})) return *f;
  return pass();
}

// Example A page, then Example B: "xy" + Correction (segment 0), "Z" (segment 1), Envoi; the reply draws an empty
// InputTxt on which Correction and Annulation are pressed (segment 2).
Outcome judge_correction(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_bytes("xy + Correction", o.segment(0), "xy\x08.\x08")) return *f;
  if (auto f = expect_content(o, 1, {"abxZ"})) return *f;
  if (!o.segment(2).empty()) return fail("Correction on an empty field sent " + printable(o.segment(2)));
  return pass();
}

// InputTxt x=5 y=10 l=6 spacechar ".": "ABC" then Annulation (segment 1), then Envoi.
Outcome judge_annulation(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_bytes("Annulation", o.segment(1), pos(10, 5) + frame('.', 3) + pos(10, 5))) return *f;
  if (auto f = expect_content(o, 1, {""})) return *f;
  return pass();
}

Outcome judge_local_keys_no_request(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  return pass();
}

// InputMsg x=5 y=20 w=0 h=10 validwith=0, then Envoi.
Outcome judge_inputmsg_ranges(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  for (int line = 0; line < 5; ++line) {
    if (auto f = expect_bytes("line " + std::to_string(line), o.received, pos(20 + line, 5) + frame(' ', 36))) return *f;
  }
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  if (req(o, 1).content.size() != 5) {
    return fail("h=10 at y=20 should give 5 lines, the ENVOI content has " + std::to_string(req(o, 1).content.size()));
  }
  return pass();
}

// Example C. Segments: 0 "abc", 1 Suite on the last line, 2 Retour, 3 "0123456789AB", 4 Sommaire (refused),
// 5 Retour, 6 Suite; then Envoi.
Outcome judge_msg_cursor(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("Example C drawing", o.received, kExampleCDrawing)) return *f;
  if (o.segment(0) != "abc") return fail("typing abc after the drawing echoed " + printable(o.segment(0)));
  return pass();
}

Outcome judge_msg_suite(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (!o.segment(1).empty()) return fail("Suite on the last line sent " + printable(o.segment(1)));
  if (auto f = expect_bytes("Suite to line 3", o.segment(6), pos(7, 1) + "l3abcAB")) return *f;
  return pass();
}

Outcome judge_msg_retour(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (o.segment(2) != pos(6, 1)) return fail("Retour to the empty line 2 sent " + printable(o.segment(2)));
  if (auto f = expect_bytes("Retour to line 2", o.segment(5), pos(6, 1) + "0123456789")) return *f;
  return pass();
}

Outcome judge_msg_autowrap(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("typing past w", o.segment(3), std::string("0123456789") + pos(7, 1) + "l3abcAB")) return *f;
  return pass();
}

Outcome judge_msg_content(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  if (auto f = expect_content(o, 1, {"l1", "0123456789", "l3abcAB"})) return *f;
  return pass();
}

// InputForm x=[2,2,10] y=[3,5,7] l=[5,4,3] prefill ["ab","x","c"], no spacechar.
Outcome judge_form_drawing(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string frames = pos(3, 2) + frame('.', 5) + pos(5, 2) + frame('.', 4) + pos(7, 10) + frame('.', 3);
  const std::string prefills = pos(3, 2) + "ab" + pos(5, 2) + "x" + pos(7, 10) + "c";
  if (auto f = expect_bytes("the frames, spacechar \".\"", o.received, frames)) return *f;
  if (auto f = expect_bytes("frames then prefills then the cursor", o.received, frames + prefills + pos(3, 4) + "\x11")) {
    return *f;
  }
  return pass();
}

// InputForm validwith 4: Repetition (refused), then Envoi.
Outcome judge_form_validwith(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI"})) return *f;
  return pass();
}

// InputForm validwith 128: Sommaire.
Outcome judge_form_sommaire(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "SOMMAIRE"})) return *f;
  return pass();
}

// InputForm l=[2,5]: "abc" (segment 0), Suite, "x", Envoi.
Outcome judge_form_no_auto_move(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (o.segment(0) != "ab") return fail("typing abc in a 2-character form field sent " + printable(o.segment(0)));
  if (auto f = expect_content(o, 1, {"ab", "x"})) return *f;
  return pass();
}

// InputForm fields at (3,1) and (5,1), char ["*",""]: "ab" (segment 0), Suite (1), Retour (2).
Outcome judge_form_mask_redraw(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (o.segment(0) != "**") return fail("typing ab in a masked field echoed " + printable(o.segment(0)));
  if (auto f = expect_bytes("Retour to the masked field", o.segment(2), pos(3, 1) + "**")) return *f;
  if (contains(o.segment(2), "ab")) return fail("the masked field was redrawn in clear");
  return pass();
}

// InputForm x=[20] y=[3] l=[50].
Outcome judge_form_clamp(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("x=20 l=50", o.received, pos(3, 20) + frame('.', 21))) return *f;
  return pass();
}

// No input: "abc" typed (segment 0), Envoi; the reply arms an InputTxt; "a" 07 0B 7F "b" typed, Envoi.
Outcome judge_no_input_typing(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (!o.segment(0).empty()) return fail("typing with no armed input sent " + printable(o.segment(0)));
  if (auto f = expect_content(o, 1, {})) return *f;
  if (auto f = expect_content(o, 2, {"ab"})) return *f;
  return pass();
}

}  // namespace pavi::conformance
