// The judges: pure functions from an Observation to a verdict, one per checklist behaviour (or a few closely tied
// ones). The scenario constants they rely on are declared beside them, and the drivers (checks_*.cpp) use the same
// constants, so a judge can be tested on an Observation written by hand from the spec's recorded exchanges.
// Facts a judge reads from Observation::facts are named in its comment.
#pragma once

#include <string_view>

#include "simulators/conformance/check.hpp"
#include "simulators/conformance/observation.hpp"

namespace pavi::conformance {

// ---- A. HTTP transport (judges_transport.cpp)
Outcome judge_post_json(const Observation& o);            // C-001
Outcome judge_user_agent(const Observation& o);           // C-002
Outcome judge_target_without_query(const Observation& o); // C-003; fact start_path: the path of the start URL
Outcome judge_urlparams(const Observation& o);            // C-004, C-091; facts urlparams (JSON of request 0),
                                                          // no_urlparams_from (index of the first query-less request)
Outcome judge_redirects(const Observation& o);            // C-006; facts redirect_301_to, redirect_302_to (paths)
Outcome judge_status_ignored(const Observation& o);       // C-007: ERR #03 shows the 404 page's text
inline constexpr std::string_view kNotFoundBody = "Not found page";
Outcome judge_oversized(const Observation& o);            // C-008: ERR #09, not the content, then closed
Outcome judge_get_fallback(const Observation& o);         // C-009; facts start_url, interpreter_path
Outcome judge_interpreter(const Observation& o);          // C-010; facts start_url, interpreter_path
Outcome judge_empty_body(const Observation& o);           // C-011; marks: [after CNX, after empty reply, after key]

// ---- B. Request body (judges_request.cpp)
Outcome judge_unique_id(const Observation& o);            // C-012
Outcome judge_distinct_pins(const Observation& o);        // C-013: the CNX of every session has its own PIN
Outcome judge_typesocket(const Observation& o);           // C-014; fact typesocket
Outcome judge_remote_addr(const Observation& o);          // C-015; fact client_ip (optional)
Outcome judge_cnx_versionminitel(const Observation& o);   // C-016
Outcome judge_enqrom_version(const Observation& o);       // C-017
Outcome judge_first_cnx_fields(const Observation& o);     // C-018
Outcome judge_g2_content(const Observation& o);           // C-020: the ENVOI content is "éç"
inline constexpr std::string_view kG2Typed = "\x19\x42" "e" "\x19\x4B" "c";
Outcome judge_g2_quirk(const Observation& o);             // C-021 (Q): 19 48 69 -> "î", 19 2F not "↓"
inline constexpr std::string_view kG2QuirkTyped = "\x19\x48" "i" "\x19\x2F";
Outcome judge_stale_content(const Observation& o);        // C-022: REPETITION carries the ENVOI content again
inline constexpr std::string_view kStaleTyped = "ABC";
Outcome judge_direct_content_reset(const Observation& o); // C-023: the DIRECT after an InputTxt has content [""]
Outcome judge_context_kept(const Observation& o);         // C-024: ctx1 survives "" and a DIRECTCNX
inline constexpr std::string_view kContext1 = "ctx1";

// ---- C. Response processing (judges_response.cpp)
Outcome judge_content_passthrough(const Observation& o);  // C-026: lenient base64, 8-bit bytes unchanged
inline constexpr std::string_view kPassthroughBytes = "\x0C" "PASS\xC3\xA9" "THRU";
Outcome judge_one_write(const Observation& o);            // C-027: content and field drawing in one frame
inline constexpr std::string_view kOneWriteContent = "\x0C" "ONEWRITE";
Outcome judge_echo(const Observation& o);                 // C-028; marks: [typed with echo on, typed with echo off]
Outcome judge_next_kept(const Observation& o);            // C-029: path of requests 1..4 stays /c029/b
Outcome judge_context_rules(const Observation& o);        // C-030: "" keeps; 64 000 characters kept
Outcome judge_directcall(const Observation& o);           // C-031: DIRECT then DIRECTCNX to the new next
Outcome judge_directcall_cap(const Observation& o);       // C-032; mark 0: after the chain, then "Z" typed
Outcome judge_direct_output_order(const Observation& o);  // C-033: each page reached the terminal before the DIRECT
Outcome judge_direct_input_disarmed(const Observation& o);// C-034; mark 0 after the chain, segment 0 = typing
inline constexpr std::string_view kDirectField = "\x1F\x4A\x45";  // POS(10,5) of the field drawn with directcall

// ---- D. Input commands (judges_input.cpp)
Outcome judge_inputtxt_drawing(const Observation& o);     // C-036: Example A bytes
Outcome judge_inputtxt_ranges(const Observation& o);      // C-037: y=0 kept, x=50 -> 1, y=30 -> 1
Outcome judge_inputtxt_length_reset(const Observation& o);// C-038: x=38 l=10 -> l=1
Outcome judge_prefill_tail(const Observation& o);         // C-039 (Q): prefill "abcdefgh" shows "bcdefgh"
Outcome judge_no_validwith(const Observation& o);         // C-040: Envoi refused, Connexion/Fin -> FIN
Outcome judge_mask_echo(const Observation& o);            // C-041: "a" + é echo "****"
Outcome judge_field_full(const Observation& o);           // C-042: l=3, "ABCDE" -> echo and content "ABC"
Outcome judge_correction(const Observation& o);           // C-043: Example B; segments: [xy+Corr, Corr x3 on empty]
Outcome judge_annulation(const Observation& o);           // C-044: "ABC" + Annulation
Outcome judge_local_keys_no_request(const Observation& o);// C-045: only CNX and the final ENVOI
Outcome judge_inputmsg_ranges(const Observation& o);      // C-046: x=5 y=20 w=0 h=10 validwith=0
Outcome judge_msg_cursor(const Observation& o);           // C-047 (Example C): cursor after "l3"
Outcome judge_msg_suite(const Observation& o);            // C-048 (Example C)
Outcome judge_msg_retour(const Observation& o);           // C-049 (Example C)
Outcome judge_msg_autowrap(const Observation& o);         // C-050 (Example C)
Outcome judge_msg_content(const Observation& o);          // C-019, C-051 (Example C): content and no SUITE/RETOUR
Outcome judge_form_drawing(const Observation& o);         // C-052, C-053: three fields, spacechar "."
Outcome judge_form_validwith(const Observation& o);       // C-054: validwith 4 -> Repetition refused, Envoi sent
Outcome judge_form_sommaire(const Observation& o);        // C-055 (Q): validwith 128 and Sommaire sent
Outcome judge_form_no_auto_move(const Observation& o);    // C-056
Outcome judge_form_mask_redraw(const Observation& o);     // C-057
Outcome judge_form_clamp(const Observation& o);           // C-058: x=20, l=50 -> 21
Outcome judge_no_input_typing(const Observation& o);      // C-059; segment 0: typing with no input

// ---- E. Other commands (judges_commands.cpp)
Outcome judge_push_message(const Observation& o);         // C-060, C-061, C-062
inline constexpr std::string_view kPushMessage = "H\xC3\xA9llo";
Outcome judge_background_call(const Observation& o);      // C-063, C-064; fact bg_url_path
Outcome judge_background_simulation(const Observation& o);// C-065
Outcome judge_simu_command_ignored(const Observation& o); // C-035 (Q)
Outcome judge_libcnx(const Observation& o);               // C-067; facts durl_path
Outcome judge_getscreenlist(const Observation& o);        // C-070
Outcome judge_bridge_refused(const Observation& o);       // C-072 (Q), C-075, C-076: DIRECTCALLENDED
Outcome judge_bridge_failed(const Observation& o);        // C-073: DIRECTCALLFAILED
Outcome judge_bridge_result_target(const Observation& o); // C-077: the result goes to the command's next
Outcome judge_bridge_content_after(const Observation& o); // C-071, C-074; fact server_connected
Outcome judge_bridge_start(const Observation& o);         // C-120, C-121; fact server_received
Outcome judge_duplicate_viewer(const Observation& o);     // C-128; facts requests_*_viewer_keys
inline constexpr std::string_view kBridgeServerPage = "SERVER-PAGE-FROM-THE-BRIDGED-TELNET-SERVER";

// ---- G. Error pages (judges_errors.cpp)
Outcome judge_err03_page(const Observation& o);           // C-078
inline constexpr std::string_view kNotJsonBody = "this is not JSON {";
Outcome judge_err03_recovers(const Observation& o);       // C-079
Outcome judge_err05(const Observation& o);                // C-080
Outcome judge_err07(const Observation& o);                // C-081
Outcome judge_error_footer(const Observation& o);         // C-082
Outcome judge_err02(const Observation& o);                // C-083
Outcome judge_err09(const Observation& o);                // C-084; fact start_url
Outcome judge_fallback_home(const Observation& o);        // C-085; fact durl_path
Outcome judge_malformed_survives(const Observation& o);   // C-086; fact second_cnx ("yes")

// ---- H/I. Handshakes and connection output (judges_connection.cpp)
Outcome judge_ws_handshake(const Observation& o);         // C-090; facts ws_key, raw (the raw bytes received)
Outcome judge_raw_equals_url_ignored(const Observation& o);// C-092 (Q); fact durl_path
Outcome judge_binary_frames(const Observation& o);        // C-093
Outcome judge_telnet_first_output(const Observation& o);  // C-094; fact first_output_ms
Outcome judge_ws_banner(const Observation& o);            // C-097
Outcome judge_telnet_banner(const Observation& o);        // C-098
Outcome judge_ws_ping(const Observation& o);              // C-114; fact raw
Outcome judge_close_frame_ignored(const Observation& o);  // C-116 (Q); fact raw_after_close

// ---- J. Keyboard (judges_keyboard.cpp)
Outcome judge_function_keys(const Observation& o);        // C-100
Outcome judge_refused_key_drops_chunk(const Observation& o);  // C-101
Outcome judge_cr_swallows(const Observation& o);          // C-102
Outcome judge_ansi_arrows(const Observation& o);          // C-103
Outcome judge_replies_removed(const Observation& o);      // C-104
Outcome judge_split_key(const Observation& o);            // C-105
Outcome judge_split_key_doubles(const Observation& o);    // C-106 (Q)

// ---- K. Connexion/Fin (judges_session_end.cpp)
Outcome judge_fin_returns_home(const Observation& o);     // C-107; facts durl_path, other_path
Outcome judge_fin_closes(const Observation& o);           // C-108
Outcome judge_fin_content(const Observation& o);          // C-109
Outcome judge_durl_substring(const Observation& o);       // C-110
Outcome judge_disconnect_fin(const Observation& o);       // C-111

}  // namespace pavi::conformance
