// The gateway -> service request body (service-protocol.md §2): a value type with every PAVI key, its JSON in
// the exact key order the original emits (§2.1), and a lenient parser for the service side (fake services,
// conformance checks) that reports every deviation it tolerated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

inline constexpr std::string_view kPaviVersion = "1.6";
inline constexpr std::string_view kUserAgent = "MiniPAVI/1.6";  // the User-Agent must contain "MiniPAVI" (C-002)

// PAVI.typesocket values (C-014). BGCALL requests carry "".
namespace typesocket {
inline constexpr std::string_view ws = "WS";
inline constexpr std::string_view wss = "WSS";
inline constexpr std::string_view telnet = "TELN";
inline constexpr std::string_view asterisk = "AST";
}  // namespace typesocket

struct Request {
  std::string version{kPaviVersion};
  std::string unique_id;                  // 10-digit accept time + 4-digit PIN (C-012); any string for BGCALL
  std::string remote_addr;                // client IPv4, caller number for AST, "" for BGCALL
  std::string typesocket;                 // see typesocket::
  std::string versionminitel = "???";     // "???" until the ENQROM answer (C-016), "" for BGCALL
  std::vector<std::string> content;       // UTF-8 (videotex::g2::decode_content), not cleared between requests
  Json datas = nullptr;                   // null, or the getScreen/getScreenList result object (kept forever)
  std::string context;                    // last non-empty context of any service (C-024)
  std::string fctn;                       // see fctn.hpp
  int webmedia = 0;                       // 1 when the WebMedia page polled within 5 s (C-025)
  std::optional<Json> urlparams;          // URLPARAMS; absent when the URL has no (non-empty) query (C-004)

  bool operator==(const Request&) const = default;
};

// The JSON value, keys in the order of §2.1: PAVI{version, uniqueId, remoteAddr, typesocket, versionminitel,
// content, datas, context, fctn, webmedia}, then URLPARAMS when present.
Json request_to_json(const Request& request);

// The body bytes. JsonStyle::php is byte-identical to the original (\u00e9, "\/"). Fails, as the original does
// (§7.3 step 2: the request then counts as failed), when a string is not valid UTF-8 — in practice a URLPARAMS
// value such as "%FF".
JsonEncodeResult serialise_request(const Request& request, JsonStyle style = JsonStyle::php);

// The request the background process sends for a BackgroundCall entry with simulate=false (§5.6, C-063).
Request background_call_request(std::string unique_id, std::string_view url);

struct RequestParse {
  std::optional<Request> request;     // set when the body is a JSON object holding a PAVI object
  std::string error;                  // otherwise why not
  std::vector<std::string> warnings;  // tolerated deviations: missing keys, wrong types, key order, depth > 5
  bool ok() const { return request.has_value(); }
};

// Reads a request body as a service would. Never throws. Missing keys keep the Request defaults; a scalar of
// the wrong type is converted the PHP way; each such repair is listed in `warnings`.
RequestParse parse_request(std::string_view body);

}  // namespace pavi::service
