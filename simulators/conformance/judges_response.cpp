// Judges of checklist section C (how the gateway processes a service's reply).
#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

// CNX answered with content "!!" + base64(kPassthroughBytes) + "##".
Outcome judge_content_passthrough(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (auto f = expect_bytes("terminal", o.received, kPassthroughBytes)) return *f;
  return pass();
}

// CNX answered with kOneWriteContent and an InputTxt at x=5, y=10.
Outcome judge_one_write(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string drawing = pos(10, 5);
  for (const auto& chunk : o.chunks) {
    const auto at = chunk.find(kOneWriteContent);
    if (at != std::string::npos && chunk.find(drawing, at) != std::string::npos) return pass();
  }
  return fail("no single write holds the content followed by the field drawing (" + std::to_string(o.chunks.size()) +
              " reads)");
}

// InputTxt with echo "on"; "AB" typed (segment 0); Envoi -> InputTxt without echo; "CD" typed (segment 2).
Outcome judge_echo(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (!contains(o.segment(0), "AB")) return fail("with echo \"on\", typing AB echoed " + printable(o.segment(0)));
  if (contains(o.segment(2), "C") || contains(o.segment(2), "D")) {
    return fail("with echo missing, typing CD echoed " + printable(o.segment(2)));
  }
  return pass();
}

// CNX at /c029/a -> next /c029/b; then replies with next null, "", "  " and no next, each followed by Envoi.
Outcome judge_next_kept(const Observation& o) {
  if (auto f = precheck(o, 5)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "ENVOI", "ENVOI", "ENVOI", "ENVOI"})) return *f;
  for (std::size_t i = 1; i < 5; ++i) {
    if (o.requests[i].path != "/c029/b") {
      return fail("request " + std::to_string(i) + " went to " + o.requests[i].path + " instead of /c029/b");
    }
  }
  return pass();
}

// CNX -> context "c1"; ENVOI -> context ""; ENVOI -> context of 64 100 'x'; ENVOI.
Outcome judge_context_rules(const Observation& o) {
  if (auto f = precheck(o, 4)) return *f;
  if (req(o, 1).context != "c1") return fail("request 1 context '" + req(o, 1).context + "', expected 'c1'");
  if (req(o, 2).context != "c1") return fail("an empty context cleared the context: request 2 has '" + req(o, 2).context + "'");
  if (req(o, 3).context != std::string(64000, 'x')) {
    return fail("a context of 64100 characters came back with " + std::to_string(req(o, 3).context.size()) +
                " characters, expected 64000");
  }
  return pass();
}

// CNX -> next /c031/d1 directcall yes; DIRECT -> next /c031/d2 directcall yes-cnx.
Outcome judge_directcall(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECT", "DIRECTCNX"})) return *f;
  if (o.requests[1].path != "/c031/d1") return fail("DIRECT went to " + o.requests[1].path + ", not the new next");
  if (o.requests[2].path != "/c031/d2") return fail("DIRECTCNX went to " + o.requests[2].path + ", not the new next");
  return pass();
}

// Every reply asks for a direct call; the 6th also arms an InputTxt; then "Z" is typed (segment 0).
Outcome judge_directcall_cap(const Observation& o) {
  if (auto f = precheck(o, 6)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECT", "DIRECT", "DIRECT", "DIRECT", "DIRECT"})) return *f;
  if (!contains(o.segment(0), "Z")) {
    return fail("the input of the ignored 6th directcall is not armed: typing Z echoed " + printable(o.segment(0)));
  }
  return pass();
}

// CNX -> "P0" + directcall; DIRECT -> "P1" + directcall; DIRECT -> "P2". Facts page_before_request_1 and _2: the
// previous page reached the terminal while that request was waiting for its reply.
Outcome judge_direct_output_order(const Observation& o) {
  if (auto f = precheck(o, 3)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECT", "DIRECT"})) return *f;
  for (const char* fact : {"page_before_request_1", "page_before_request_2"}) {
    if (o.fact(fact) != "yes") {
      return fail(std::string("a page of the direct-call chain was not written before the next request (") + fact + ")");
    }
  }
  return pass();
}

// CNX -> InputTxt at POS(10,5) with directcall yes; DIRECT -> a page without command; "Q" typed (segment 0).
Outcome judge_direct_input_disarmed(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_fctns(o, {"CNX", "DIRECT"})) return *f;
  if (!contains(o.received, std::string(kDirectField) + frame(' ', 6))) {
    return fail("the field of the reply with directcall was not drawn");
  }
  if (contains(o.segment(0), "Q")) return fail("the field of the reply with directcall stayed armed (Q was echoed)");
  return pass();
}

}  // namespace pavi::conformance
