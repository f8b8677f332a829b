// Judges of checklist sections H, I and L (handshakes, the connection banner, WebSocket liveness).
#include <regex>

#include "simulators/conformance/judge_support.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance {

using namespace detail;

namespace {

// RFC 6455 §1.3's example key and its accept value.
constexpr std::string_view kAcceptForSampleKey = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string regex_literal(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}-/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// The banner at the start of what the terminal received.
Outcome banner(const Observation& o, const std::string& label, bool shift_out) {
  if (auto f = precheck(o, 1)) return *f;
  const std::string head = std::string("\x1B\x39\x7B\x0C") + (shift_out ? "\x0E" : "") + "\x1F\x40\x41";
  const std::regex pattern(regex_literal(head) + "MiniPAVI 1\\.6" + label + " [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}" +
                           regex_literal("\x18\x1B\x40\x14") + "PIN:([0-9]{4})" + regex_literal("\x14\x0A"));
  std::smatch match;
  const std::string& received = o.received;
  if (!std::regex_search(received, match, pattern, std::regex_constants::match_continuous)) {
    return fail("the connection output does not start with the " + label + " banner: " + printable(received, 80) + "; " +
                describe_fctns(o));
  }
  const std::string& id = req(o, 0).unique_id;
  if (id.size() < 4 || match[1].str() != id.substr(id.size() - 4)) {
    return fail("the banner PIN " + match[1].str() + " is not the last 4 digits of uniqueId " + id);
  }
  const auto page = o.fact("first_page");
  if (!page.empty()) {
    if (!contains(received, page)) return fail("the first page did not follow the banner");
    if (shift_out && (o.chunks.empty() || !contains(o.chunks.front(), page))) {
      return fail("the first page is not in the same frame as the banner");
    }
  }
  return pass();
}

}  // namespace

// A raw upgrade request with the RFC's sample key; fact raw: every byte received.
Outcome judge_ws_handshake(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  const std::string raw = o.fact("raw");
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return fail("no complete handshake reply: " + printable(raw, 80));
  const std::string head = raw.substr(0, end + 2);
  if (head.rfind("HTTP/1.1 101 Web Socket Protocol Handshake\r\n", 0) != 0) {
    return fail("status line " + printable(head.substr(0, head.find("\r\n"))) +
                ", expected \"HTTP/1.1 101 Web Socket Protocol Handshake\"");
  }
  const std::string low = lower(head);
  if (!contains(low, "\r\nupgrade: websocket\r\n")) return fail("no Upgrade: websocket header");
  if (!contains(low, "\r\nconnection: upgrade\r\n")) return fail("no Connection: Upgrade header");
  const std::regex accept("\r\nsec-websocket-accept: ?([^\r]*)\r\n", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(head, match, accept)) return fail("no Sec-WebSocket-Accept header");
  if (match[1].str() != kAcceptForSampleKey) return fail("Sec-WebSocket-Accept " + match[1].str() + " is wrong");
  const std::string frames = raw.substr(end + 4);
  if (frames.size() < 2) return fail("no frame after the handshake");
  if (static_cast<unsigned char>(frames[0]) != 0x81) return fail("the first frame starts with " + hex(frames.substr(0, 1)) + ", expected 81");
  if ((static_cast<unsigned char>(frames[1]) & 0x80) != 0) return fail("the server's frame is masked");
  return pass();
}

// A raw "=" in the url value: the session starts on durl.
Outcome judge_raw_equals_url_ignored(const Observation& o) {
  if (auto f = precheck(o, 1)) return *f;
  if (o.requests[0].path != o.fact("durl_path")) {
    return fail("the CNX went to " + o.requests[0].path + "; the original ignores a url holding a raw '=' and uses durl");
  }
  return pass();
}

// Binary frames: "AB" typed into an InputTxt, Envoi.
Outcome judge_binary_frames(const Observation& o) {
  if (auto f = precheck(o, 2)) return *f;
  if (auto f = expect_content(o, 1, {"AB"})) return *f;
  return pass();
}

Outcome judge_telnet_first_output(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  const auto text = o.fact("first_output_ms");
  if (text.empty()) return fail("no output after connecting");
  const long ms = std::stol(text);
  if (ms < 700 || ms > 3000) return fail("the first output came " + text + " ms after connecting, expected about 1000");
  return pass();
}

Outcome judge_ws_banner(const Observation& o) { return banner(o, "WS", true); }
Outcome judge_telnet_banner(const Observation& o) { return banner(o, "TELN", false); }

// A raw WebSocket client that stays idle; fact raw: every byte received.
Outcome judge_ws_ping(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  const std::string raw = o.fact("raw");
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return fail("no handshake reply");
  // Walk the frames (unmasked, as a server sends them).
  std::size_t at = end + 4;
  while (at + 2 <= raw.size()) {
    const auto op = static_cast<unsigned char>(raw[at]);
    std::size_t length = static_cast<unsigned char>(raw[at + 1]) & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
      if (at + 4 > raw.size()) break;
      length = (static_cast<unsigned char>(raw[at + 2]) << 8) | static_cast<unsigned char>(raw[at + 3]);
      header = 4;
    } else if (length == 127) {
      break;
    }
    if (op == 0x89) return pass();
    at += header + length;
  }
  return fail("no ping frame (89) within the idle time");
}

// fact raw_after_close: what the gateway sent after the client's close frame.
Outcome judge_close_frame_ignored(const Observation& o) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  const std::string after = o.fact("raw_after_close");
  if (!after.empty() && static_cast<unsigned char>(after[0]) == 0x88) {
    return fail("the client's close frame was answered (the original ignores it)");
  }
  return pass();
}

}  // namespace pavi::conformance
