// The COMMAND of a service reply (service-protocol.md §5) as value types. Each holds what the gateway acts on:
// parameters coerced the PHP way ((int) casts, trims) with the gateway's ranges and defaults applied. Where the
// original has a (Q) quirk, the value keeps what the service sent and a named helper gives the quirky reading.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/service_protocol/php_json.hpp"
#include "videotex/keys.hpp"

namespace pavi::service {

// validwith bits (§5.10).
namespace validwith {
inline constexpr int sommaire = 1;
inline constexpr int annulation = 2;  // no effect
inline constexpr int retour = 4;
inline constexpr int repetition = 8;
inline constexpr int guide = 16;
inline constexpr int correction = 32;  // no effect
inline constexpr int suite = 64;
inline constexpr int envoi = 128;
}  // namespace validwith
// The validwith bit of a key (0 for Connexion/Fin, which is never masked).
int validwith_bit(videotex::FunctionKey key);

// §5.1 single-line field.
struct InputTxt {
  int x = 1;                      // 1..40, else 1
  int y = 1;                      // 0..24 (row 0 allowed), else 1 (C-037)
  int l = 1;                      // 1..41-x, else 1 (C-038)
  std::string mask;               // `char`: echoed for each accepted byte instead of it (C-041); "" = clear
  std::string spacechar = " ";    // one character; "" or missing -> " "
  std::string prefill;            // as sent (UTF-8)
  bool cursor = true;             // false only for "off"
  int validwith = 0;              // no default: 0 = only Connexion/Fin leaves the field (C-040)
  // What the original draws and buffers: when prefill is longer than l characters, the part from offset l (C-039, Q).
  std::string prefill_as_original() const;
  // The reasonable reading: the first l characters.
  std::string prefill_truncated() const;
  bool operator==(const InputTxt&) const = default;
};

// §5.2 multi-line area.
struct InputMsg {
  int x = 1;                           // 1..40, else 1
  int y = 1;                           // 1..24, else 1
  int w = 40;                          // 1..41-x, else 41-x (C-046)
  int h = 24;                          // 1..25-y, else 25-y
  std::string spacechar = " ";
  std::vector<std::string> prefill;    // at most h lines, each cut to w characters; not a list -> none
  bool cursor = true;
  int validwith = 128;                 // <= 0 -> 128
  // The line the cursor starts on: the last non-blank prefilled line (0 when none) (C-047).
  int cursor_line() const;
  bool operator==(const InputMsg&) const = default;
};

struct InputFormField {
  int x = 1;             // 1..40, else 1
  int y = 1;             // 1..24, else 1
  int l = 40;            // 1..41-x, else 41-x (C-058)
  std::string prefill;   // cut to l characters, drawn in clear even for masked fields
  std::string mask;      // from `char[i]`; "" = clear
  bool operator==(const InputFormField&) const = default;
};

// §5.3 form of up to 30 fields.
struct InputForm {
  std::vector<InputFormField> fields;
  std::string spacechar = ".";  // the default differs from InputTxt/InputMsg (C-053)
  bool cursor = true;
  int validwith = 128;          // <= 0, == 128 or == 4 -> 128 (C-054)
  // x, y and l were not lists of the same length 1..30: the original then uses one field (1,1,10) and keeps the
  // declared count for its buffers (a bug); `fields` then holds that single field and `declared_count` the count
  // of x (0 otherwise).
  bool layout_fallback = false;
  std::size_t declared_count = 0;
  bool operator==(const InputForm&) const = default;
};

// §5.4: end the service (FIN to the current URL, then CNX to the default service or disconnect).
struct LibCnx {
  bool operator==(const LibCnx&) const = default;
};

// §5.5: a row-0 message to other connections (C-060..062). Wire keys `uniqueids` and `message`.
struct PushServiceMsg {
  std::vector<std::string> uniqueids;
  std::vector<std::string> messages;  // paired with uniqueids by index; a missing one is ""
  bool operator==(const PushServiceMsg&) const = default;
};

struct BackgroundCallEntry {
  std::string url;          // simulate: the simulated input; otherwise the URL to call
  std::int64_t time = 0;    // Unix time; <= 0 never runs (bug: and is never removed)
  std::string uniqueid;
  bool simulate = false;
  bool operator==(const BackgroundCallEntry&) const = default;
};

// §5.6, entries paired by index as the service meant them (url, time, uniqueid, simulate).
struct BackgroundCall {
  std::vector<BackgroundCallEntry> entries;
  // What the original actually schedules (Q): simulations pair by index, but each one is removed from the time
  // list only, so the remaining background calls take url/uniqueid by their new, shifted index.
  std::vector<BackgroundCallEntry> scheduled_as_original() const;
  bool operator==(const BackgroundCall&) const = default;
};

// §5.7 bridge to a WebSocket Minitel server.
struct ConnectToWs {
  std::string host;       // "host:port" or "ssl://host:port", trimmed; "" -> refused (DIRECTCALLENDED)
  Json key;               // as sent; compared loosely with the configured keys (see bridge_key_accepted)
  std::string path;       // trimmed; "" in the original gives "GET  HTTP/1.1" (bug)
  bool echo = false;      // "on"
  bool lower_case = false;  // exactly "lower" -> 1B 3A 69 45, else 1B 3A 6A 45
  std::string proto;      // Sec-WebSocket-Protocol when non-empty
  std::string request_path() const { return path.empty() ? "/" : path; }
  bool operator==(const ConnectToWs&) const = default;
};

// §5.8 bridge to a raw TCP server.
struct ConnectToTln {
  std::string host;
  Json key;
  bool echo = false;
  bool lower_case = false;
  std::string startseq;   // C escapes already interpreted (stripcslashes), sent right after connecting
  bool operator==(const ConnectToTln&) const = default;
};

// §5.9 outgoing modem call through Asterisk.
struct ConnectToExt {
  std::string number;     // "" -> refused
  int rx = 0;             // dB
  int tx = 0;
  Json key;               // always required
  bool operator==(const ConnectToExt&) const = default;
};

// §5.11 watch another connection.
struct DuplicateStream {
  std::string uniqueid;   // trimmed
  Json key;               // must be a string exactly equal to <visukey>
  bool operator==(const DuplicateStream&) const = default;
};

// §5.12.
struct SetParam {
  enum class Kind { screensaver, timeout, other };
  Kind kind = Kind::other;
  std::string name;             // paramName as sent (string form)
  int screensaver_type = 2;     // 0..3, else 2 (an array `params` reads as 0)
  std::string screensaver_text = "Not set";  // type 3: first 30 characters, "" -> "Not set"
  int timeout_minutes = 0;      // 0..30, else 0; 0 = the global timeout
  bool operator==(const SetParam&) const = default;
};

// §5.13.
struct GetScreen {
  Json seq;                     // as sent; echoed back in datas.seq; "" -> result false
  bool color = false;           // (int)color == 1
  bool minitel = false;         // (int)minitel == 1
  bool operator==(const GetScreen&) const = default;
};
struct GetScreenList {
  bool operator==(const GetScreenList&) const = default;
};

// §5.14: ERR#07 shows a print_r dump of the whole COMMAND.
struct UnknownCommand {
  Json name;
  Json command;                 // the whole COMMAND object
  std::string dump() const;     // substr(print_r(COMMAND, true), 0, 500)
  bool operator==(const UnknownCommand&) const = default;
};

using Command = std::variant<InputTxt, InputMsg, InputForm, LibCnx, PushServiceMsg, BackgroundCall, ConnectToWs,
                             ConnectToTln, ConnectToExt, DuplicateStream, SetParam, GetScreen, GetScreenList,
                             UnknownCommand>;

// The wire name of a command ("InputTxt", ...); for UnknownCommand, its name in string form.
std::string command_name(const Command& command);
bool is_input_command(const Command& command);  // InputTxt, InputMsg, InputForm (the active-input rule, §3.3)
bool is_bridge_command(const Command& command);  // connectToWs/Tln/Ext, duplicateStream (content after, §5.7)

struct CommandParse {
  std::optional<Command> command;  // nullopt with no error: no command (missing COMMAND or empty name)
  // Wrong JSON types where PHP 8 raises a TypeError (the original session dies; C-086 asks for ERR#10 instead):
  // the text to show after "Exception: ".
  std::optional<std::string> malformed;
};

// Reads the reply's COMMAND value (the whole object {"name":..., "param":...}). Never throws.
CommandParse parse_command(const Json& command);

// The JSON a service sends for a command value (for fake services and tests): parse_command(command_to_json(c))
// gives c back for any value that parse_command can produce.
Json command_to_json(const Command& command);

// Bridge key rules (§5.7-5.9). A key matches a configured key with PHP's loose array_search (so `true` matches any
// non-empty key). connectToWs/connectToTln need no key when the host of the URL that produced the reply equals
// the host in `host` (C-074).
bool bridge_key_accepted(const Json& key, const std::vector<std::string>& configured_keys);
bool bridge_key_exempt(std::string_view requesting_url, std::string_view bridge_host);
// duplicateStream: strict comparison with <visukey>.
bool duplicate_key_accepted(const Json& key, std::string_view visukey);
// The original matches connection ids with PHP loose ==: numeric strings compare as numbers.
bool unique_id_matches(std::string_view target, std::string_view live_id);

}  // namespace pavi::service
