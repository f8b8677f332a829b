// `pavi line`: the simulated telephone line from the command line. Encodes a file as V.23 audio through a described
// channel into a WAV file, decodes a WAV recording (ours or a real line's), and measures the receivers' bit error
// rate against Eb/N0 with a progress display.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "modem/line_channel.hpp"
#include "modem/line_config.hpp"
#include "modem/v23_ber.hpp"
#include "modem/v23_ber_plot.hpp"
#include "modem/v23_codec.hpp"
#include "modem/wav_file.hpp"
#include "simulators/cli/args.hpp"
#include "simulators/cli/commands.hpp"

namespace pavi::cli {
namespace {

using modem::V23Channel;

constexpr std::string_view kUsageHead =
    "usage: pavi line encode IN OUT.wav [options]     a file as V.23 modem audio, through a simulated line\n"
    "       pavi line decode IN.wav [OUT] [options]   the characters in a recording (ours or a real line's)\n"
    "       pavi line ber [options]                   bit error rate against Eb/N0, with a progress display\n"
    "       pavi line channel DESCRIPTION             check a line description and print its canonical form\n"
    "\n"
    "Simulates the telephone line between a Minitel and a service: V.23 at 1200 bit/s (service -> Minitel,\n"
    "1300/2100 Hz) and 75 bit/s (Minitel -> service, 390/450 Hz), 7 data bits + even parity, spandsp 0.0.6,\n"
    "8 kHz 16-bit mono WAV. IN or OUT may be - for standard input or output. Each byte is sent as its low 7 bits\n"
    "plus parity. decode reads any WAV (or FLAC...) libsndfile reads: channels are mixed, the rate converted.\n"
    "\n"
    "options:\n"
    "  --channel 1200|75    which V.23 channel (default 1200; for ber: both when not given)\n"
    "  --line DESCRIPTION   impairments applied in order, e.g. \"awgn=12dB,g711u,burst=50ms@2s\" (default: clean)\n"
    "  --level DBM0         encode: transmit level in dBm0 (default -22)\n"
    "  --answer             encode: start as an answering modem: 3 s of 2100 Hz, then 75 ms of silence\n"
    "  --lead SECONDS       encode: carrier before the first character (default 0.3)\n"
    "  --cutoff DBM0        decode: carrier detect threshold given to spandsp (default -38)\n"
    "  --gain DB            decode: gain before the demodulator (default 0 at 1200, +10 at 75 bit/s, whose\n"
    "                       detector is about 10 dB less sensitive)\n"
    "  --errors sub|drop|keep  decode: characters received with a parity or framing error become SUB (0x1A,\n"
    "                       shown by a Minitel as the error block; default), are dropped, or are kept as received\n"
    "  --from DB, --to DB, --step DB   ber: the Eb/N0 points (default 0 to 20 by 1)\n"
    "  --bits N             ber: at most N bits per point (default 300000 at 1200, 60000 at 75 bit/s)\n"
    "  --svg FILE           ber: also draw the curves, beside the non-coherent limit, as an SVG chart\n"
    "  --seed N             seed of the line's random impairments and of ber's noise (default 1)\n"
    "  --quiet              no summary or progress on standard error\n"
    "  --help               this text\n"
    "\n"
    "line description items:\n";

constexpr std::string_view kUsageTail =
    "\n"
    "examples:\n"
    "  pavi line encode page.vdt page.wav --line \"atten=6dB,g711a,awgn=20dB\"\n"
    "  pavi line decode page.wav page.out\n"
    "  pavi line decode keys.wav - --channel 75 --errors keep\n"
    "  pavi line ber --channel 1200 --svg ber.svg\n"
    "\n"
    "exit status: 0 done, 1 a file could not be read or written, 2 bad usage\n";

constexpr OptionSpec kOptions[] = {{"--channel", true}, {"--line", true},   {"--level", true},  {"--answer", false},
                                   {"--lead", true},    {"--cutoff", true}, {"--gain", true},   {"--errors", true},
                                   {"--from", true},    {"--to", true},     {"--step", true},   {"--bits", true},
                                   {"--svg", true},     {"--seed", true},   {"--quiet", false}, {"--help", false},
                                   {"-h", false}};

// Which options each action accepts, so a misplaced option is reported instead of silently ignored.
bool applies(std::string_view action, std::string_view option) {
  const auto in = [&](std::initializer_list<std::string_view> list) {
    for (const auto o : list) {
      if (o == option) return true;
    }
    return false;
  };
  if (in({"--quiet", "--help", "-h"})) return true;
  if (action == "encode") return in({"--channel", "--line", "--level", "--answer", "--lead", "--seed"});
  if (action == "decode") return in({"--channel", "--line", "--cutoff", "--gain", "--errors", "--seed"});
  if (action == "ber") return in({"--channel", "--from", "--to", "--step", "--bits", "--svg", "--seed"});
  return false;
}

struct UsageError {
  std::string message;
};

std::optional<double> parse_double(const std::string& text) {
  double value = 0.0;
  const char* begin = text.data();
  if (!text.empty() && text[0] == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_count(const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Reads option `name` as a number in [low, high], or its default.
double number_option(const ParsedArgs& args, const std::string& name, double fallback, double low, double high) {
  const auto text = args.value(name);
  if (!text) return fallback;
  const auto value = parse_double(*text);
  if (!value || *value < low || *value > high) {
    std::ostringstream message;
    message << "option '" << name << "' expects a number from " << low << " to " << high << ", got '" << *text << "'";
    throw UsageError{message.str()};
  }
  return *value;
}

std::optional<V23Channel> channel_option(const ParsedArgs& args) {
  const auto text = args.value("--channel");
  if (!text) return std::nullopt;
  if (*text == "1200" || *text == "forward") return V23Channel::forward;
  if (*text == "75" || *text == "backward") return V23Channel::backward;
  throw UsageError{"option '--channel' expects 1200 or 75, got '" + *text + "'"};
}

line::ChannelConfig line_option(const ParsedArgs& args) {
  const auto parsed = line::parse_channel(args.value("--line").value_or(""));
  if (!parsed.ok()) throw UsageError{"--line: " + parsed.error};
  auto config = parsed.config;
  if (const auto seed = args.value("--seed")) {
    const auto value = parse_count(*seed);
    if (!value) throw UsageError{"option '--seed' expects a whole number, got '" + *seed + "'"};
    config.seed = *value;
  }
  return config;
}

std::optional<std::string> read_input(const std::string& name, std::istream& in, std::string& error) {
  if (name == "-") return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
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
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

int encode(const ParsedArgs& args, Io io) {
  if (args.positionals.size() != 3) throw UsageError{"encode needs an input file and an output .wav file"};
  const V23Channel channel = channel_option(args).value_or(V23Channel::forward);
  modem::EncodeOptions options;
  options.channel = channel;
  options.level_dbm0 = number_option(args, "--level", -22.0, -60.0, 3.0);
  options.lead_in_s = number_option(args, "--lead", 0.3, 0.0, 60.0);
  options.answer_sequence = args.has("--answer");
  const auto config = line_option(args);
  const std::string& in_name = args.positionals[1];
  const std::string& out_name = args.positionals[2];
  if (out_name == "-") throw UsageError{"encode writes a WAV file: give its name, not -"};

  std::string error;
  const auto input = read_input(in_name, io.in, error);
  if (!input) {
    io.err << "pavi line: cannot read " << in_name << ": " << error << '\n';
    return 1;
  }
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(input->data()), input->size());
  auto audio = modem::encode_characters(bytes, options);
  line::LineChannel line(config, {options.level_dbm0, modem::plan(channel).bit_rate});
  line.process(audio);
  if (const auto failure = modem::write_wav(out_name, audio); !failure.empty()) {
    io.err << "pavi line: cannot write " << failure << '\n';
    return 1;
  }
  if (!args.has("--quiet")) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", static_cast<double>(audio.size()) / modem::kSampleRate);
    io.err << "wrote " << out_name << ": " << seconds << " s of " << modem::name(channel) << " bit/s audio, " << input->size()
           << " characters, line " << line::to_string(config);
    if (line.clipped_samples() > 0) io.err << " (" << line.clipped_samples() << " samples clipped)";
    io.err << '\n';
  }
  return 0;
}

int decode(const ParsedArgs& args, Io io) {
  if (args.positionals.size() < 2 || args.positionals.size() > 3) throw UsageError{"decode needs a .wav file, and optionally an output file"};
  const V23Channel channel = channel_option(args).value_or(V23Channel::forward);
  modem::DecodeOptions options;
  options.channel = channel;
  options.cutoff_dbm0 = number_option(args, "--cutoff", -38.0, -90.0, 0.0);
  options.gain_db = number_option(args, "--gain", channel == V23Channel::backward ? 10.0 : 0.0, -40.0, 40.0);
  const std::string policy_text = args.value("--errors").value_or("sub");
  modem::ErrorPolicy policy = modem::ErrorPolicy::substitute;
  if (policy_text == "drop") {
    policy = modem::ErrorPolicy::drop;
  } else if (policy_text == "keep") {
    policy = modem::ErrorPolicy::keep;
  } else if (policy_text != "sub") {
    throw UsageError{"option '--errors' expects sub, drop or keep, got '" + policy_text + "'"};
  }
  const auto config = line_option(args);
  const std::string& in_name = args.positionals[1];
  if (in_name == "-") throw UsageError{"decode reads a WAV file: give its name, not -"};
  const std::string out_name = args.positionals.size() == 3 ? args.positionals[2] : "-";

  auto wav = modem::read_wav(in_name);
  if (!wav.ok()) {
    io.err << "pavi line: cannot read " << wav.error << '\n';
    return 1;
  }
  line::LineChannel line(config, {-22.0, modem::plan(channel).bit_rate});
  line.process(wav.samples);
  const auto result = modem::decode_characters(wav.samples, options);
  const std::string bytes = modem::characters_to_bytes(result.characters, policy);
  if (out_name == "-") {
    io.out << bytes;
    io.out.flush();
  } else {
    std::ofstream out(out_name, std::ios::binary);
    out << bytes;
    if (!out) {
      io.err << "pavi line: cannot write " << out_name << ": " << std::strerror(errno) << '\n';
      return 1;
    }
  }
  if (!args.has("--quiet")) {
    io.err << "decoded " << result.stats.characters << " characters at " << modem::name(channel) << " bit/s ("
           << result.stats.parity_errors << " parity errors, " << result.stats.framing_errors << " framing errors)";
    if (wav.file_sample_rate != modem::kSampleRate || wav.file_channels != 1) {
      io.err << "; file was " << wav.file_sample_rate << " Hz, " << wav.file_channels << " channel(s)";
    }
    if (result.carrier.empty()) io.err << "; no carrier found (try --cutoff lower, or --channel)";
    io.err << '\n';
  }
  return 0;
}

// Redrawn in place (carriage return) whenever the whole percentage changes.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err) {}
  void show(const modem::SweepProgress& p, V23Channel channel) {
    const double fraction = std::min(1.0, static_cast<double>(p.bits) / static_cast<double>(std::max<std::uint64_t>(1, p.max_bits)));
    const double done = (static_cast<double>(p.point) + fraction) / static_cast<double>(p.points);
    const int percent = static_cast<int>(done * 100);
    if (percent == last_percent_ && p.point == last_point_) return;
    last_percent_ = percent;
    last_point_ = p.point;
    char line[160];
    std::snprintf(line, sizeof line, "\r%4s bit/s  Eb/N0 %5.1f dB  [%-30s] %3d%%", std::string(modem::name(channel)).c_str(), p.ebn0_db,
                  std::string(static_cast<std::size_t>(done * 30), '#').c_str(), percent);
    err_ << line << std::flush;
  }

 private:
  std::ostream& err_;
  int last_percent_ = -1;
  std::size_t last_point_ = SIZE_MAX;
};

int ber(const ParsedArgs& args, Io io) {
  if (args.positionals.size() != 1) throw UsageError{"ber takes no file names (use --svg FILE for the chart)"};
  const auto only = channel_option(args);
  const double from = number_option(args, "--from", 0.0, -10.0, 40.0);
  const double to = number_option(args, "--to", 20.0, -10.0, 40.0);
  const double step = number_option(args, "--step", 1.0, 0.1, 50.0);
  if (to < from) throw UsageError{"--to must not be below --from"};
  std::optional<std::uint64_t> bits;
  if (const auto text = args.value("--bits")) {
    bits = parse_count(*text);
    if (!bits || *bits < 1000) throw UsageError{"option '--bits' expects a whole number of at least 1000, got '" + *text + "'"};
  }
  std::uint64_t seed = 1;
  if (const auto text = args.value("--seed")) {
    const auto value = parse_count(*text);
    if (!value) throw UsageError{"option '--seed' expects a whole number, got '" + *text + "'"};
    seed = *value;
  }
  std::vector<double> points;
  for (double db = from; db <= to + 1e-9; db += step) points.push_back(db);
  const bool quiet = args.has("--quiet");

  std::vector<modem::BerCurve> curves;
  for (const auto channel : {V23Channel::forward, V23Channel::backward}) {
    if (only && *only != channel) continue;
    modem::BerOptions options;
    options.channel = channel;
    options.max_bits = bits.value_or(channel == V23Channel::forward ? 300000 : 60000);
    options.min_bits = std::min<std::uint64_t>(20000, options.max_bits);
    options.seed = seed;
    ProgressBar bar(io.err);
    auto measured = modem::sweep_ber(points, options, [&](const modem::SweepProgress& p) {
      if (!quiet) bar.show(p, channel);
    });
    if (!quiet) io.err << '\n';
    curves.push_back({std::string(modem::name(channel)) + " bit/s receiver (spandsp 0.0.6)",
                      channel == V23Channel::forward ? "#c0392b" : "#2471a3", std::move(measured)});
  }

  io.out << "Eb/N0_dB  limit";
  for (const auto& c : curves) io.out << "  BER_" << c.label.substr(0, c.label.find(' ')) << "  bits";
  io.out << '\n';
  for (std::size_t i = 0; i < points.size(); ++i) {
    char row[64];
    std::snprintf(row, sizeof row, "%8.2f  %.3e", points[i], modem::noncoherent_bfsk_limit(points[i]));
    io.out << row;
    for (const auto& c : curves) {
      std::snprintf(row, sizeof row, "  %.3e  %llu", c.points[i].ber, static_cast<unsigned long long>(c.points[i].bits));
      io.out << row;
    }
    io.out << '\n';
  }
  if (const auto svg = args.value("--svg")) {
    modem::BerPlotOptions plot;
    plot.ebn0_min_db = std::floor(from);
    plot.ebn0_max_db = std::max(plot.ebn0_min_db + 2.0, std::ceil(to));
    std::ofstream out(*svg);
    out << modem::ber_plot_svg(curves, plot);
    if (!out) {
      io.err << "pavi line: cannot write " << *svg << ": " << std::strerror(errno) << '\n';
      return 1;
    }
    if (!quiet) io.err << "wrote " << *svg << '\n';
  }
  return 0;
}

int check_channel(const ParsedArgs& args, Io io) {
  if (args.positionals.size() != 2) throw UsageError{"channel needs one line description, e.g. pavi line channel \"awgn=12dB,g711u\""};
  const auto parsed = line::parse_channel(args.positionals[1]);
  if (!parsed.ok()) throw UsageError{parsed.error};
  io.out << line::to_string(parsed.config) << '\n';
  return 0;
}

}  // namespace

int line_command(std::span<const std::string> arguments, Io io) {
  const ParsedArgs args = parse_args(arguments, kOptions);
  try {
    if (!args.error.empty()) throw UsageError{args.error};
    if (args.has("--help") || args.has("-h")) {
      io.out << kUsageHead << line::channel_syntax_help() << kUsageTail;
      return 0;
    }
    if (args.positionals.empty()) throw UsageError{"missing action: encode, decode, ber or channel"};
    const std::string& action = args.positionals[0];
    if (action != "encode" && action != "decode" && action != "ber" && action != "channel") {
      throw UsageError{"unknown action '" + action + "' (encode, decode, ber or channel)"};
    }
    for (const auto& [option, value] : args.options) {
      if (!applies(action, option)) throw UsageError{"option '" + option + "' does not apply to " + action};
    }
    if (action == "encode") return encode(args, io);
    if (action == "decode") return decode(args, io);
    if (action == "ber") return ber(args, io);
    return check_channel(args, io);
  } catch (const UsageError& usage) {
    io.err << "pavi line: " << usage.message << " (try pavi line --help)\n";
    return 2;
  }
}

}  // namespace pavi::cli
