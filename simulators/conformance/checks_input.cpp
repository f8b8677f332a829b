// Checks of section D: the input commands, driven key by key.
#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/driver_support.hpp"

namespace pavi::conformance {

using namespace detail;
using videotex::FunctionKey;

namespace {

// service-protocol.md §8 Example A's reply.
sim::FakeReply example_a(Harness& h) {
  return page("\x0C\x1F\x41\x41Hello",
              input_txt(5, 10, 6, {{"char", ""}, {"spacechar", "."}, {"prefill", "ab"}, {"cursor", "on"}, {"validwith", 192}}),
              h.url("/exa/index.php?sc=default&step=2"), std::string("ctx1"));
}

void example_a_only(Harness& h) { start_ws(h, "/exa/index.php?sc=default", in_order({example_a(h)})); }

// Example A then Example B, then Correction on an empty field.
void example_b(Harness& h) {
  if (!start_ws(h, "/exa/index.php?sc=default",
                in_order({example_a(h), page("PAGE2", input_txt(1, 1, 3, {{"validwith", 128}}), std::nullopt,
                                             std::string())}))) {
    return;
  }
  h.mark();
  h.send("xy\x13\x47");
  h.mark();
  h.send("Z");
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.mark();
  h.press(FunctionKey::correction);
  h.press(FunctionKey::annulation);
  h.mark();
}

void inputtxt_ranges(Harness& h) {
  if (!start_ws(h, "/c037", in_order({page("", input_txt(50, 0, 3, {{"validwith", 128}})),
                                      page("", input_txt(3, 30, 2, {{"validwith", 128}}))}))) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
}

void inputtxt_length(Harness& h) {
  start_ws(h, "/c038", in_order({page("", input_txt(38, 5, 10, {{"prefill", "abcdefgh"}, {"validwith", 128}}))}));
}

void no_validwith(Harness& h) {
  if (!start_ws(h, "/c040", in_order({page("", input_txt(1, 10, 5))}))) return;
  h.send("A");
  h.press(FunctionKey::envoi);
  h.press(FunctionKey::connexion_fin);
  h.wait_requests(2);
}

// An InputTxt; segment 0 = typing `typed`; then Envoi.
Driver field_typing(std::string path, Json field, std::string typed) {
  return [=](Harness& h) {
    if (!start_ws(h, path, in_order({page("", field)}))) return;
    h.mark();
    h.send(typed);
    h.mark();
    h.press(FunctionKey::envoi);
    h.wait_requests(2);
  };
}

void annulation(Harness& h) {
  if (!start_ws(h, "/c044", in_order({page("", input_txt(5, 10, 6, {{"spacechar", "."}, {"validwith", 128}}))}))) return;
  h.mark();
  h.send("ABC");
  h.mark();
  h.press(FunctionKey::annulation);
  h.mark();
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void inputmsg_ranges(Harness& h) {
  if (!start_ws(h, "/c046", in_order({page("", command("InputMsg", {{"x", 5}, {"y", 20}, {"w", 0}, {"h", 10}, {"validwith", 0}}))}))) {
    return;
  }
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

// service-protocol.md §8 Example C, with Retour and Suite added to revisit filled lines.
void example_c(Harness& h) {
  const Json msg = command("InputMsg", {{"x", 1},
                                        {"y", 5},
                                        {"w", 10},
                                        {"h", 3},
                                        {"spacechar", " "},
                                        {"prefill", {"l1", "", "l3"}},
                                        {"cursor", "off"},
                                        {"validwith", 0}});
  if (!start_ws(h, "/exc/index.php?sc=ws&x=1",
                in_order({page("WSPAGE", msg, h.url("/exc/index.php?sc=ws&step=1"), std::string("c"))}))) {
    return;
  }
  h.mark();
  h.send("abc");
  h.mark();
  h.press(FunctionKey::suite);
  h.mark();
  h.press(FunctionKey::retour);
  h.mark();
  h.send("0123456789AB");
  h.mark();
  h.press(FunctionKey::sommaire);
  h.mark();
  h.press(FunctionKey::retour);
  h.mark();
  h.press(FunctionKey::suite);
  h.mark();
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void form_drawing(Harness& h) {
  start_ws(h, "/c052", in_order({page("", input_form({2, 2, 10}, {3, 5, 7}, {5, 4, 3},
                                                     {{"prefill", {"ab", "x", "c"}}, {"cursor", "on"}, {"validwith", 128}}))}));
}

Driver form_keys(std::string path, int validwith, std::vector<FunctionKey> keys) {
  return [=](Harness& h) {
    if (!start_ws(h, path, in_order({page("", input_form({1}, {3}, {5}, {{"validwith", validwith}}))}))) return;
    for (const auto key : keys) h.press(key);
    h.wait_requests(2);
  };
}

void form_no_auto_move(Harness& h) {
  if (!start_ws(h, "/c056", in_order({page("", input_form({1, 1}, {3, 5}, {2, 5}, {{"validwith", 128}}))}))) return;
  h.mark();
  h.send("abc");
  h.mark();
  h.press(FunctionKey::suite);
  h.send("x");
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
}

void form_mask(Harness& h) {
  if (!start_ws(h, "/c057", in_order({page("", input_form({1, 1}, {3, 5}, {5, 5}, {{"char", {"*", ""}}, {"validwith", 128}}))}))) {
    return;
  }
  h.mark();
  h.send("ab");
  h.mark();
  h.press(FunctionKey::suite);
  h.mark();
  h.press(FunctionKey::retour);
  h.mark();
}

void form_clamp(Harness& h) {
  start_ws(h, "/c058", in_order({page("", input_form({20}, {3}, {50}, {{"validwith", 128}}))}));
}

void no_input_typing(Harness& h) {
  if (!start_ws(h, "/c059", in_order({page("NOFIELD"), page("", input_txt(1, 10, 10, {{"validwith", 128}}))}))) return;
  h.mark();
  h.send("abc");
  h.mark();
  h.press(FunctionKey::envoi);
  h.wait_requests(2);
  h.settle();
  h.send("a\x07\x0B\x7F" "b");
  h.press(FunctionKey::envoi);
  h.wait_requests(3);
}

}  // namespace

std::vector<Check> input_checks() {
  std::vector<Check> c;
  c.push_back(make_check("C-036", {"C-036"}, "InputTxt drawing bytes (Example A)", false, need_ws, example_a_only,
                         judge_inputtxt_drawing));
  c.push_back(make_check("C-037", {"C-037", "C-053"}, "InputTxt y=0 allowed, x and y out of range -> 1, spacechar \" \"",
                         false, need_ws, inputtxt_ranges, judge_inputtxt_ranges));
  c.push_back(make_check("C-038", {"C-038"}, "InputTxt l outside 1..41-x -> 1", false, need_ws, inputtxt_length,
                         judge_inputtxt_length_reset));
  c.push_back(make_check("C-039", {"C-039"}, "InputTxt prefill longer than l keeps the tail from offset l", true,
                         need_ws, inputtxt_length, judge_prefill_tail));
  c.push_back(make_check("C-040", {"C-040"}, "InputTxt without validwith: only Connexion/Fin leaves", false, need_ws,
                         no_validwith, judge_no_validwith));
  c.push_back(make_check("C-041", {"C-041"}, "char \"*\" echoes one * per byte (é -> ***)", false, need_ws,
                         field_typing("/c041", input_txt(1, 10, 5, {{"char", "*"}, {"validwith", 128}}), "A\x19\x42" "e"),
                         judge_mask_echo));
  c.push_back(make_check("C-042", {"C-042"}, "characters beyond the field length are dropped silently", false, need_ws,
                         field_typing("/c042", input_txt(1, 10, 3, {{"validwith", 128}}), "ABCDE"), judge_field_full));
  c.push_back(make_check("C-043", {"C-043"}, "Correction sends 08 spacechar 08; nothing on an empty field (Example B)",
                         false, need_ws, example_b, judge_correction));
  c.push_back(make_check("C-044", {"C-044"}, "Annulation blanks the typed cells and empties the field", false, need_ws,
                         annulation, judge_annulation));
  c.push_back(make_check("C-045", {"C-045"}, "Correction and Annulation never make a request while armed", false,
                         need_ws, example_b, judge_local_keys_no_request));
  c.push_back(make_check("C-046", {"C-046"}, "InputMsg w, h and validwith out of range", false, need_ws,
                         inputmsg_ranges, judge_inputmsg_ranges));
  c.push_back(make_check("C-047", {"C-047"}, "InputMsg cursor after the last non-blank prefilled line (Example C)",
                         false, need_ws, example_c, judge_msg_cursor));
  c.push_back(make_check("C-048", {"C-048"}, "InputMsg Suite: next line with its text; nothing on the last", false,
                         need_ws, example_c, judge_msg_suite));
  c.push_back(make_check("C-049", {"C-049"}, "InputMsg Retour: previous line with its text", false, need_ws, example_c,
                         judge_msg_retour));
  c.push_back(make_check("C-050", {"C-050"}, "InputMsg moves to the next line when a line is full", false, need_ws,
                         example_c, judge_msg_autowrap));
  c.push_back(make_check("C-019", {"C-019", "C-051"}, "InputMsg content: one string per line; no SUITE/RETOUR sent",
                         false, need_ws, example_c, judge_msg_content));
  c.push_back(make_check("C-052", {"C-052", "C-053"}, "InputForm: frames, then prefills, then cursor; spacechar \".\"",
                         false, need_ws, form_drawing, judge_form_drawing));
  c.push_back(make_check("C-054", {"C-054"}, "InputForm validwith 4 behaves as 128", false, need_ws,
                         form_keys("/c054", 4, {FunctionKey::repetition, FunctionKey::envoi}), judge_form_validwith));
  c.push_back(make_check("C-055", {"C-055"}, "InputForm always sends SOMMAIRE", true, need_ws,
                         form_keys("/c055", 128, {FunctionKey::sommaire}), judge_form_sommaire));
  c.push_back(make_check("C-056", {"C-056"}, "InputForm does not move on when a field is full", false, need_ws,
                         form_no_auto_move, judge_form_no_auto_move));
  c.push_back(make_check("C-057", {"C-057"}, "a masked InputForm field is redrawn as its mask", false, need_ws,
                         form_mask, judge_form_mask_redraw));
  c.push_back(make_check("C-058", {"C-058"}, "InputForm l clamped to 41-x", false, need_ws, form_clamp, judge_form_clamp));
  c.push_back(make_check("C-059", {"C-059"}, "typing without input is ignored; only 20-7E, 19, 08 are accepted", false,
                         need_ws, no_input_typing, judge_no_input_typing));
  return c;
}

}  // namespace pavi::conformance
