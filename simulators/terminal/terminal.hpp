// A simulated Minitel: connects to a gateway or a Minitel server (ws://, wss://, telnet://, tcp://, or any
// Transport such as an in-memory link), decodes what it receives with the videotex decoder, answers protocol
// queries (ENQROM with its identity, statuses), applies local echo as a real terminal does, and records a
// transcript. Its keyboard types text (G2 accents) and presses keys; its waits block with timeouts.
//
// Threading: network work runs on an IoRunner thread; every public method may be called from any thread
// (tests, Python bindings that release the GIL). Waits return as soon as their condition holds.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/net/transport.hpp"
#include "simulators/terminal/keyboard.hpp"
#include "simulators/terminal/screen_search.hpp"
#include "simulators/terminal/transcript.hpp"
#include "simulators/terminal/wait_result.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/keys.hpp"
#include "videotex/protocol.hpp"
#include "videotex/render.hpp"

namespace pavi::sim {

class IoRunner;

struct TerminalOptions {
  videotex::pro::Identity identity = videotex::pro::kMinitel1B;  // ENQROM answer (see identity.hpp for models)
  bool answer_protocol = true;  // send the decoder's answers (ENQROM, statuses, acknowledgements) to the line
  videotex::TextDumpOptions text_options{};  // how text(), waits and failure dumps read the screen
  IoRunner* runner = nullptr;  // share a runner (it must outlive the terminal); by default the terminal has its own
};

struct ConnectResult {
  bool ok = false;
  std::string error;  // one line: "ws://127.0.0.1:9/: cannot connect: Connection refused"
  explicit operator bool() const { return ok; }
};

class Terminal {
 public:
  explicit Terminal(TerminalOptions options = {});
  ~Terminal();  // disconnects
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // --- Connection. Each connection starts a new session: power-on screen, empty transcript.
  // Blocks at most options.timeout. A live connection is dropped first.
  ConnectResult connect(std::string_view url, const ConnectOptions& options = {});
  // Uses an already open transport (MemoryLink end, modem line...).
  void attach(std::unique_ptr<Transport> transport);
  // Hangs up (the screen is kept, as on a Minitel). No effect when not connected.
  void disconnect();
  bool connected() const;
  // Why the last session ended ("closed by peer", "disconnected by the terminal", "read error: ..."); empty while
  // connected or before any connection.
  std::string close_reason() const;
  std::string endpoint() const;

  // --- Keyboard. False (nothing sent) when not connected.
  // Text as typed on the Minitel keyboard (keyboard.hpp): upper-case letters unless the keyboard is in lower-case
  // mode (or TypeCase::exact), accents as G2 sequences.
  bool type(std::string_view utf8_text, TypeCase letter_case = TypeCase::keyboard);
  bool press(videotex::FunctionKey key);
  // Cursor keys only work on an extended keyboard (PRO3 START 59 41), as on a Minitel: false when not extended.
  // CSI or C0 coding follows the mode the terminal was put in.
  bool press(videotex::CursorKey key);
  // Bytes to the line as they are: not a keyboard action, so never echoed locally.
  bool send_raw(std::string_view bytes);

  // --- Waits. Each returns at once when its condition already holds, and fails early when the connection is gone
  // and the condition can no longer become true.
  WaitResult wait_for_text(std::string_view text, std::chrono::milliseconds timeout);
  // ECMAScript regex on a row's text; with `at`, on that row only and anchored at at->col (0: anywhere in the row).
  WaitResult wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                            std::optional<ScreenPosition> at = std::nullopt);
  // Until nothing has been received for `quiet`, counted from the later of the last byte received and the last byte
  // sent (so type() then wait_until_quiet() waits for the answer). A closed line is quiet at once.
  WaitResult wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout);
  WaitResult wait_for_disconnect(std::chrono::milliseconds timeout);
  // Until `bytes` appears in the bytes received since the connection started.
  WaitResult wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout);
  // Any condition on the screen and modes, evaluated after every change. It runs under the terminal's lock: it must
  // not call the terminal (that would deadlock) and should be quick.
  WaitResult wait_until(std::string_view description, std::chrono::milliseconds timeout,
                        const std::function<bool(const videotex::Screen&, const videotex::TerminalModes&)>& condition);

  // --- Snapshots (copies; consistent with each other only within one call).
  videotex::Screen screen() const;
  videotex::TerminalModes modes() const;
  videotex::DecoderStats stats() const;
  std::string text() const;                 // videotex::text_dump with the terminal's text options
  std::string row(int row) const;           // one row's 40 characters
  std::string json(bool pretty = false) const;  // videotex::json_dump
  std::vector<std::uint8_t> png(const videotex::RenderOptions& options = {}) const;
  bool save_png(const std::string& path, std::string& error, const videotex::RenderOptions& options = {}) const;

  // --- Transcript of the current (or last) session.
  Transcript transcript() const;
  std::string received_bytes() const;
  std::string sent_bytes() const;
  bool save_transcript(const std::string& path, std::string& error) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pavi::sim
