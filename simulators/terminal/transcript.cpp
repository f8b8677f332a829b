// Transcript JSON lines (nlohmann::json, used without exceptions escaping) and replay.
#include "simulators/terminal/transcript.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pavi::sim {
namespace {

constexpr std::string_view kFormat = "pavikit-transcript";
constexpr int kVersion = 1;

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0F];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::string printable(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c) & 0x7F;
    out += byte >= 0x20 && byte < 0x7F ? static_cast<char>(byte) : '.';
  }
  return out;
}

std::string_view source_name(TranscriptEntry::Source source) {
  switch (source) {
    case TranscriptEntry::Source::keyboard: return "keyboard";
    case TranscriptEntry::Source::protocol: return "protocol";
    case TranscriptEntry::Source::raw: return "raw";
    case TranscriptEntry::Source::none: break;
  }
  return "";
}

TranscriptEntry::Source source_from(std::string_view name) {
  if (name == "keyboard") return TranscriptEntry::Source::keyboard;
  if (name == "protocol") return TranscriptEntry::Source::protocol;
  if (name == "raw") return TranscriptEntry::Source::raw;
  return TranscriptEntry::Source::none;
}

// One entry line; the error is set when the line does not describe an entry.
std::optional<TranscriptEntry> parse_entry(const nlohmann::json& line, std::string& error) {
  TranscriptEntry entry;
  const auto t = line.find("t_us");
  if (t == line.end() || !t->is_number_integer() || t->get<std::int64_t>() < 0) {
    error = "missing or bad \"t_us\"";
    return std::nullopt;
  }
  entry.at = std::chrono::microseconds(t->get<std::int64_t>());
  if (const auto event = line.find("event"); event != line.end()) {
    if (!event->is_string()) {
      error = "\"event\" must be a string";
      return std::nullopt;
    }
    entry.kind = TranscriptEntry::Kind::event;
    entry.bytes = event->get<std::string>();
    return entry;
  }
  const auto dir = line.find("dir");
  if (dir == line.end() || !dir->is_string() || (*dir != "rx" && *dir != "tx")) {
    error = "expected \"dir\": \"rx\" or \"tx\", or an \"event\"";
    return std::nullopt;
  }
  entry.kind = *dir == "rx" ? TranscriptEntry::Kind::received : TranscriptEntry::Kind::sent;
  const auto hex = line.find("hex");
  std::optional<std::string> bytes;
  if (hex != line.end() && hex->is_string()) bytes = from_hex(hex->get<std::string>());
  if (!bytes) {
    error = "missing or bad \"hex\"";
    return std::nullopt;
  }
  entry.bytes = std::move(*bytes);
  if (const auto by = line.find("by"); by != line.end() && by->is_string()) entry.source = source_from(by->get<std::string>());
  if (const auto echo = line.find("echo"); echo != line.end() && echo->is_boolean()) entry.echoed = echo->get<bool>();
  return entry;
}

}  // namespace

std::string Transcript::received() const {
  std::string out;
  for (const auto& entry : entries) {
    if (entry.kind == TranscriptEntry::Kind::received) out += entry.bytes;
  }
  return out;
}

std::string Transcript::sent() const {
  std::string out;
  for (const auto& entry : entries) {
    if (entry.kind == TranscriptEntry::Kind::sent) out += entry.bytes;
  }
  return out;
}

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];  // room for any int values, which silences -Wformat-truncation
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

std::string to_jsonl(const Transcript& transcript) {
  std::string out;
  nlohmann::json header = {{"format", kFormat},
                           {"version", kVersion},
                           {"endpoint", transcript.endpoint},
                           {"started", transcript.started_utc}};
  // Endpoints and event texts may hold any bytes (a server's close reason): never fail on invalid UTF-8.
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  out += header.dump(-1, ' ', false, kReplace);
  out += '\n';
  for (const auto& entry : transcript.entries) {
    nlohmann::json line;
    line["t_us"] = entry.at.count();
    if (entry.kind == TranscriptEntry::Kind::event) {
      line["event"] = entry.bytes;
    } else {
      line["dir"] = entry.kind == TranscriptEntry::Kind::received ? "rx" : "tx";
      if (entry.kind == TranscriptEntry::Kind::sent && entry.source != TranscriptEntry::Source::none) {
        line["by"] = source_name(entry.source);
      }
      if (entry.echoed) line["echo"] = true;
      line["hex"] = to_hex(entry.bytes);
      line["ascii"] = printable(entry.bytes);
    }
    out += line.dump(-1, ' ', false, kReplace);
    out += '\n';
  }
  return out;
}

TranscriptLoad parse_transcript(std::string_view jsonl) {
  Transcript transcript;
  std::size_t line_number = 0;
  bool have_header = false;
  std::size_t position = 0;
  while (position < jsonl.size()) {
    std::size_t end = jsonl.find('\n', position);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view text = jsonl.substr(position, end - position);
    position = end + 1;
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    const auto failure = [&](const std::string& why) {
      return TranscriptLoad{std::nullopt, "line " + std::to_string(line_number) + ": " + why};
    };
    nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) return failure("not a JSON object");
    if (!have_header) {
      const auto format = line.find("format");
      if (format == line.end() || *format != kFormat) return failure("not a PaviKit transcript (no \"format\":\"pavikit-transcript\")");
      const auto version = line.find("version");
      if (version == line.end() || !version->is_number_integer() || version->get<int>() > kVersion) {
        return failure("unsupported transcript version");
      }
      if (const auto endpoint = line.find("endpoint"); endpoint != line.end() && endpoint->is_string()) {
        transcript.endpoint = endpoint->get<std::string>();
      }
      if (const auto started = line.find("started"); started != line.end() && started->is_string()) {
        transcript.started_utc = started->get<std::string>();
      }
      have_header = true;
      continue;
    }
    std::string error;
    auto entry = parse_entry(line, error);
    if (!entry) return failure(error);
    transcript.entries.push_back(std::move(*entry));
  }
  if (!have_header) return {std::nullopt, "empty transcript (no header line)"};
  return {std::move(transcript), {}};
}

bool save_transcript(const Transcript& transcript, const std::string& path, std::string& error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = "cannot write " + path;
    return false;
  }
  out << to_jsonl(transcript);
  out.close();
  if (!out) {
    error = "error while writing " + path;
    return false;
  }
  return true;
}

TranscriptLoad load_transcript(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, "cannot read " + path};
  std::ostringstream text;
  text << in.rdbuf();
  TranscriptLoad loaded = parse_transcript(text.str());
  if (!loaded.transcript) loaded.error = path + ": " + loaded.error;
  return loaded;
}

void replay(const Transcript& transcript, videotex::Decoder& decoder) {
  for (const auto& entry : transcript.entries) {
    if (entry.kind == TranscriptEntry::Kind::received || (entry.kind == TranscriptEntry::Kind::sent && entry.echoed)) {
      decoder.feed(entry.bytes);
    }
  }
}

videotex::Screen replay_screen(const Transcript& transcript, const videotex::DecoderOptions& options) {
  videotex::Decoder decoder(options);
  replay(transcript, decoder);
  return decoder.screen();
}

}  // namespace pavi::sim
