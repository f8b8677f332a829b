// Session transcripts: every byte a terminal received and sent, timestamped, with connection events; saved as
// JSON lines and loaded back. Replaying the received side (and locally echoed keys) into a fresh decoder
// reproduces the screen.
//
// File format (UTF-8, one JSON object per line):
//   {"format":"pavikit-transcript","version":1,"endpoint":"ws://127.0.0.1:8182/","started":"2025-01-31T12:00:00.123Z"}
//   {"t_us":1520,"dir":"rx","hex":"1b397b0c","ascii":".9{."}
//   {"t_us":1610,"dir":"tx","by":"protocol","hex":"0143753b04","ascii":".Cu;."}
//   {"t_us":9000,"dir":"tx","by":"keyboard","echo":true,"hex":"41","ascii":"A"}
//   {"t_us":9100,"event":"closed by peer"}
// t_us: microseconds since "started". dir: rx (from the line) or tx (to the line). by: keyboard (type/press),
// protocol (automatic answers such as ENQROM), raw (send_raw). echo: the keyboard bytes were also shown locally.
// "ascii" is for people (non-printable bytes as '.') and is ignored on load; unknown fields are ignored too.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "videotex/decoder.hpp"
#include "videotex/screen.hpp"

namespace pavi::sim {

struct TranscriptEntry {
  enum class Kind : std::uint8_t { received, sent, event };
  enum class Source : std::uint8_t { none, keyboard, protocol, raw };

  std::chrono::microseconds at{0};  // since the transcript started
  Kind kind = Kind::received;
  Source source = Source::none;     // sent entries: what produced the bytes
  bool echoed = false;              // sent keyboard bytes also displayed by local echo
  std::string bytes;                // data, or the event's text

  bool operator==(const TranscriptEntry&) const = default;
};

struct Transcript {
  std::string endpoint;     // what the terminal was connected to
  std::string started_utc;  // ISO 8601, milliseconds, "Z"
  std::vector<TranscriptEntry> entries;

  std::string received() const;  // all received bytes, concatenated
  std::string sent() const;      // all sent bytes
  bool operator==(const Transcript&) const = default;
};

// The current UTC time in the format of `started`.
std::string utc_now_iso8601();

std::string to_jsonl(const Transcript& transcript);

struct TranscriptLoad {
  std::optional<Transcript> transcript;
  std::string error;  // "line 3: ..." when transcript is empty
};
// Never throws; malformed lines give an error naming the line.
TranscriptLoad parse_transcript(std::string_view jsonl);

bool save_transcript(const Transcript& transcript, const std::string& path, std::string& error);
TranscriptLoad load_transcript(const std::string& path);

// Feeds the received bytes and the locally echoed keyboard bytes, in order, into `decoder`.
void replay(const Transcript& transcript, videotex::Decoder& decoder);
// The screen at the end of the transcript, from a power-on decoder.
videotex::Screen replay_screen(const Transcript& transcript, const videotex::DecoderOptions& options = {});

}  // namespace pavi::sim
