// `pavi replay FILE.vdt`: decode a Videotex recording and show the resulting screen as text, JSON, ANSI or PNG,
// optionally paced at line speed with a progress display, or saving a frame at each screen clear.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

#include "simulators/cli/args.hpp"
#include "simulators/cli/commands.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/render.hpp"

namespace pavi::cli {
namespace {

namespace vt = pavi::videotex;

constexpr std::string_view kUsage =
    "usage: pavi replay [options] FILE.vdt|-\n"
    "\n"
    "Decodes a Videotex stream (a .vdt recording, or - for standard input) from a power-on Minitel and prints\n"
    "the final screen: 25 rows, row 00 being the status row, with mosaics as Unicode sextant blocks.\n"
    "\n"
    "options:\n"
    "  --json           the screen as JSON (every cell's character, set, colours, size, flags)\n"
    "  --attributes     add the attribute layer and the cursor state line to the text dump\n"
    "  --ansi           draw the screen with colours in this terminal\n"
    "  --png OUT.png    also render the screen to a PNG image (320x250 times --scale)\n"
    "  --scale N        PNG scale factor, 1 to 16 (default 2)\n"
    "  --colour         PNG in colour instead of the Minitel's grey levels\n"
    "  --pace BITS      play at line speed, e.g. --pace 1200 (10 bits a character), showing progress\n"
    "  --frames DIR     save a PNG frame of the screen before each clear (FF), and the final screen\n"
    "  --help           this text\n"
    "\n"
    "exit status: 0 done, 1 the file could not be read or written, 2 bad usage\n";

constexpr OptionSpec kOptions[] = {{"--json", false},  {"--attributes", false}, {"--ansi", false},
                                   {"--png", true},    {"--scale", true},       {"--colour", false},
                                   {"--color", false}, {"--pace", true},        {"--frames", true},
                                   {"--help", false},  {"-h", false}};

std::optional<std::string> read_input(const std::string& name, std::istream& in, std::string& error) {
  if (name == "-") {
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  if (std::filesystem::is_directory(name, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream file(name, std::ios::binary);
  if (!file) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return content.str();
}

std::optional<int> parse_int(const std::string& text, int low, int high) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used != text.size() || value < low || value > high) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool screen_is_blank(const vt::Screen& screen) {
  for (const auto& row : screen.cells) {
    for (const auto& cell : row) {
      if (cell.kind != vt::CellKind::erased) return false;
    }
  }
  return true;
}

// Saves numbered PNG frames; a frame is skipped when the screen is still blank.
class FrameWriter {
 public:
  FrameWriter(std::filesystem::path dir, vt::RenderOptions options) : dir_(std::move(dir)), options_(options) {}

  bool save(const vt::Screen& screen) {
    if (screen_is_blank(screen)) return true;
    char name[32];
    std::snprintf(name, sizeof name, "frame-%04d.png", ++count_);
    std::string error;
    if (!vt::write_png(vt::render(screen, options_), (dir_ / name).string(), error)) {
      error_ = error;
      return false;
    }
    return true;
  }
  int count() const { return count_; }
  const std::string& error() const { return error_; }

 private:
  std::filesystem::path dir_;
  vt::RenderOptions options_;
  int count_ = 0;
  std::string error_;
};

// Feeds the stream at `bits_per_second` (10 bits a character, as on a V.23 line) and redraws as it goes.
void paced_feed(vt::Decoder& decoder, const std::string& input, int bits_per_second, bool ansi_screen, Io io) {
  using clock = std::chrono::steady_clock;
  const auto per_byte = std::chrono::duration<double>(10.0 / bits_per_second);
  const auto start = clock::now();
  const double total_seconds = static_cast<double>(input.size()) * per_byte.count();
  auto last_draw = start - std::chrono::seconds(1);
  for (std::size_t i = 0; i < input.size(); ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<clock::duration>(per_byte * static_cast<double>(i)));
    decoder.feed(static_cast<std::uint8_t>(input[i]));
    const auto now = clock::now();
    if (now - last_draw < std::chrono::milliseconds(100) && i + 1 != input.size()) continue;
    last_draw = now;
    if (ansi_screen) io.out << "\x1B[H" << vt::ansi_dump(decoder.screen()) << std::flush;
    const double elapsed = std::chrono::duration<double>(now - start).count();
    char progress[128];
    std::snprintf(progress, sizeof progress, "\r%zu/%zu bytes  %3d%%  %.1fs/%.1fs ", i + 1, input.size(),
                  static_cast<int>(100.0 * static_cast<double>(i + 1) / static_cast<double>(input.size())), elapsed,
                  total_seconds);
    io.err << progress << std::flush;
  }
  io.err << '\n';
}

}  // namespace

int replay_command(std::span<const std::string> args, Io io) {
  const ParsedArgs parsed = parse_args(args, kOptions);
  if (parsed.has("--help") || parsed.has("-h")) {
    io.out << kUsage;
    return 0;
  }
  if (!parsed.error.empty()) {
    io.err << "pavi replay: " << parsed.error << " (see pavi replay --help)\n";
    return 2;
  }
  if (parsed.positionals.size() != 1) {
    io.err << "pavi replay: expected one FILE.vdt (or - for standard input), got " << parsed.positionals.size()
           << " (see pavi replay --help)\n";
    return 2;
  }
  vt::RenderOptions render_options;
  render_options.scale = 2;
  render_options.colour = parsed.has("--colour") || parsed.has("--color");
  if (auto scale = parsed.value("--scale")) {
    const auto value = parse_int(*scale, 1, 16);
    if (!value) {
      io.err << "pavi replay: --scale takes a whole number from 1 to 16, not '" << *scale << "'\n";
      return 2;
    }
    render_options.scale = *value;
  }
  std::optional<int> pace;
  if (auto text = parsed.value("--pace")) {
    pace = parse_int(*text, 50, 1000000);
    if (!pace) {
      io.err << "pavi replay: --pace takes a line speed in bit/s from 50 to 1000000, not '" << *text << "'\n";
      return 2;
    }
  }

  const std::string& name = parsed.positionals[0];
  std::string error;
  const auto input = read_input(name, io.in, error);
  if (!input) {
    io.err << "pavi replay: cannot read '" << name << "': " << error << '\n';
    return 1;
  }

  std::optional<FrameWriter> frames;
  if (auto dir = parsed.value("--frames")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) {
      io.err << "pavi replay: cannot create frame folder '" << *dir << "': " << ec.message() << '\n';
      return 1;
    }
    frames.emplace(*dir, render_options);
  }
  vt::DecoderOptions decoder_options;
  if (frames) decoder_options.before_clear = [&frames](const vt::Screen& screen) { frames->save(screen); };
  vt::Decoder decoder(std::move(decoder_options));

  const bool ansi = parsed.has("--ansi");
  if (pace) {
    const bool redraw = ansi && ::isatty(STDOUT_FILENO) == 1 && &io.out == &std::cout;
    if (redraw) io.out << "\x1B[2J";
    paced_feed(decoder, *input, *pace, redraw, io);
  } else {
    decoder.feed(*input);
  }

  if (parsed.has("--json")) {
    io.out << vt::json_dump(decoder.screen(), true) << '\n';
  } else if (ansi) {
    io.out << vt::ansi_dump(decoder.screen());
  } else if (parsed.has("--attributes")) {
    io.out << vt::full_dump(decoder.screen());
  } else {
    io.out << vt::text_dump(decoder.screen());
  }
  if (decoder.stats().high_bit_bytes > 0) {
    io.err << "pavi replay: note: " << decoder.stats().high_bit_bytes
           << " bytes had bit 7 set (parity from a serial capture?) and were read as 7-bit\n";
  }

  if (frames) {
    if (!frames->save(decoder.screen()) || !frames->error().empty()) {
      io.err << "pavi replay: cannot write frames: " << frames->error() << '\n';
      return 1;
    }
    io.err << "pavi replay: " << frames->count() << " frames written to " << *parsed.value("--frames") << '\n';
  }
  if (auto png = parsed.value("--png")) {
    if (!vt::write_png(vt::render(decoder.screen(), render_options), *png, error)) {
      io.err << "pavi replay: cannot write '" << *png << "': " << error << '\n';
      return 1;
    }
  }
  return 0;
}

}  // namespace pavi::cli
