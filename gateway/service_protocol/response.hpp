// A service reply body read the way the original gateway reads it (service-protocol.md §3), in its processing
// order: empty body -> no response; not JSON -> ERR#03; a bad `next` -> ERR#05 and nothing applied; then next,
// context and echo; then COMMAND; then content (lenient base64); then directcall. plan_reply() turns the result
// into what a session must do, with the active-input rule (§3.3) applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/service_protocol/error_page.hpp"
#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

inline constexpr std::size_t kMaxResponseBytes = 100000;  // a longer download is a transport error (§1, C-008)
inline constexpr std::size_t kMaxContextChars = 64000;    // characters of `context` kept (C-030)
inline constexpr int kMaxDirectCalls = 5;                 // consecutive directcalls honoured (C-032)

enum class DirectCall { none, yes, yes_cnx };  // "yes" (or JSON true) -> DIRECT, "yes-cnx" -> DIRECTCNX (C-031)

struct Response {
  std::optional<std::string> version;  // ignored by the gateway
  std::optional<std::string> next;     // a valid URL to call next; nullopt: absent, null or blank (C-029)
  std::optional<std::string> context;  // the new context; nullopt: absent or "" keeps the old one (C-030)
  bool echo = false;                   // "on" or true; anything else, or missing, is off (C-028)
  CommandParse command;                // nothing, a command (possibly UnknownCommand), or malformed
  std::optional<std::string> content;  // videotex bytes; nullopt when absent or null (C-026)
  DirectCall directcall = DirectCall::none;
};

enum class ResponseStatus {
  ok,
  no_response,  // empty or blank body: no output, no state change (§3.4, C-011)
  not_json,     // ERR#03 (C-078)
  bad_next,     // ERR#05, nothing applied (C-080)
  malformed,    // a key of a type that crashes the original session (see malformed_key)
};

// Where a malformed reply stopped the original: the keys before it were applied.
enum class MalformedKey {
  next,     // nothing applied
  context,  // next applied
  content,  // next, context, echo applied; the command ran
};

struct ResponseParse {
  ResponseStatus status = ResponseStatus::no_response;
  Response response;                    // filled as far as processing went
  std::string json_error;               // not_json: PHP's message ("Syntax error"...)
  std::string body_excerpt;             // not_json: the ERR#03 body text (tag-stripped, <= 400 bytes)
  std::string bad_next;                 // bad_next: the value as ERR#05 shows it
  std::optional<MalformedKey> malformed_key;
  std::string malformed_message;        // malformed: the TypeError text, for ERR#10
};

// Never throws. `body` is the whole HTTP body as received.
ResponseParse parse_response(std::string_view body);

// What one reply does to a session.
struct ReplyPlan {
  bool no_response = false;               // leave everything as it is (the disarmed input stays disarmed)
  std::optional<std::string> new_url;     // replace the current URL
  std::optional<std::string> new_context; // replace the context
  std::optional<bool> echo;               // set typed-character echo (absent: unchanged)
  std::optional<Command> command;         // run it (its drawing bytes follow `content` in the same write, C-027)
  std::optional<std::string> content;     // bytes to send (for bridge commands: after the bridge, C-071)
  DirectCall directcall = DirectCall::none;
  std::optional<ErrorCode> error;         // show this page instead of content
  std::string error_info;                 // its row-4 text
  std::string error_extra;                // its row-7 text
  std::string error_page(std::string_view unique_id) const;  // the page bytes ("" when no error)
};

// `input_armed`: an InputTxt/InputMsg/InputForm is still armed, which only happens for requests the gateway makes
// on its own (BGCALL-SIMU, BGCALL-WM-*); the reply's COMMAND is then ignored, unknown or not (C-035).
// Malformed replies give ERR#10 (C-086) after applying what the original applied before crashing.
ReplyPlan plan_reply(const ResponseParse& parse, bool input_armed = false);

}  // namespace pavi::service
