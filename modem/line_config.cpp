// Parsing and printing of the one-line channel description (see line_config.hpp).
#include "modem/line_config.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace pavi::line {
namespace {

// Joins text pieces (GCC 12 warns falsely on `"literal" + std::string` chains, bug 105329).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// A number followed by a unit, e.g. "-12.5dB". Returns nullopt when the text does not start with a number.
struct Quantity {
  double value = 0.0;
  std::string_view unit;
};

std::optional<Quantity> split_quantity(std::string_view text) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || !((text.front() >= '0' && text.front() <= '9') || text.front() == '.')) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || !std::isfinite(value)) return std::nullopt;
  return Quantity{negative ? -value : value, trim(text.substr(static_cast<std::size_t>(end - text.data())))};
}

// Every problem is reported as "<item>: <what is wrong>".
class ItemParser {
 public:
  ItemParser(std::string_view name, std::string& error) : name_(name), error_(error) {}

  bool fail(const std::string& message) {
    if (error_.empty()) error_ = concat(name_, ": ", message);
    return false;
  }

  // A value with one of the accepted units, converted with the unit's factor.
  std::optional<double> quantity(std::string_view text, std::initializer_list<std::pair<std::string_view, double>> units,
                                 std::string_view example) {
    const auto q = split_quantity(text);
    if (!q) {
      fail(concat("expected a number with a unit like ", example, ", got '", text, "'"));
      return std::nullopt;
    }
    if (q->unit.empty()) {
      fail(concat("'", text, "' has no unit (write e.g. ", example, ")"));
      return std::nullopt;
    }
    for (const auto& [unit, factor] : units) {
      if (iequals(q->unit, unit)) return q->value * factor;
    }
    fail(concat("unit '", q->unit, "' is not accepted here (write e.g. ", example, ")"));
    return std::nullopt;
  }

  std::optional<double> decibels(std::string_view text) { return quantity(text, {{"dB", 1.0}}, "12dB"); }
  std::optional<double> dbm0(std::string_view text) { return quantity(text, {{"dBm0", 1.0}}, "-10dBm0"); }
  std::optional<double> duration(std::string_view text) {
    auto d = quantity(text, {{"ms", 1e-3}, {"s", 1.0}}, "50ms or 2s");
    if (d && *d <= 0.0) {
      fail(concat("a duration must be positive, got '", text, "'"));
      return std::nullopt;
    }
    return d;
  }
  std::optional<double> time_point(std::string_view text) {
    auto d = quantity(text, {{"ms", 1e-3}, {"s", 1.0}}, "2s");
    if (d && *d < 0.0) {
      fail(concat("a time must not be negative, got '", text, "'"));
      return std::nullopt;
    }
    return d;
  }

  bool in_range(double value, double low, double high, std::string_view what) {
    if (value >= low && value <= high) return true;
    auto format = [](double v) {
      std::array<char, 32> buffer{};
      const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
      return std::string(buffer.data(), result.ptr);
    };
    return fail(concat(what, " must be between ", format(low), " and ", format(high)));
  }

  // "50ms@2s" -> once at 2 s; "50ms/5s" -> random, one every 5 s on average.
  std::optional<std::pair<double, EventTiming>> duration_and_timing(std::string_view text) {
    const auto at = text.find_first_of("@/");
    if (at == std::string_view::npos) {
      fail(concat("expected DURATION@TIME (once) or DURATION/INTERVAL (random), got '", text, "'"));
      return std::nullopt;
    }
    const auto length = duration(text.substr(0, at));
    if (!length) return std::nullopt;
    EventTiming timing;
    timing.kind = text[at] == '@' ? EventTiming::Kind::once : EventTiming::Kind::random;
    const auto when = timing.kind == EventTiming::Kind::once ? time_point(text.substr(at + 1)) : duration(text.substr(at + 1));
    if (!when) return std::nullopt;
    timing.seconds = *when;
    return std::make_pair(*length, timing);
  }

 private:
  std::string_view name_;
  std::string& error_;
};

// Splits "VALUE:LEVEL" at the last ':'.
std::pair<std::string_view, std::optional<std::string_view>> split_level(std::string_view value) {
  const auto colon = value.rfind(':');
  if (colon == std::string_view::npos) return {value, std::nullopt};
  return {value.substr(0, colon), value.substr(colon + 1)};
}

constexpr std::string_view kKnownNames = "gain, atten, awgn, ebn0, noise, offset, g711u, g711a, impulse, burst, dropout, echo, seed";

std::optional<Impairment> parse_item(std::string_view name, std::optional<std::string_view> value, std::string& error) {
  ItemParser p(name, error);
  auto need_value = [&](std::string_view example) -> bool {
    if (value && !trim(*value).empty()) return true;
    return p.fail(concat("needs a value, e.g. ", name, "=", example));
  };
  auto no_value = [&]() -> bool {
    if (!value) return true;
    return p.fail("takes no value");
  };

  if (name == "gain" || name == "atten") {
    if (!need_value("6dB")) return std::nullopt;
    const auto db = p.decibels(*value);
    if (!db || !p.in_range(*db, -120.0, 60.0, "the gain")) return std::nullopt;
    return Gain{name == "atten" ? -*db : *db};
  }
  if (name == "awgn") {
    if (!need_value("12dB")) return std::nullopt;
    const auto db = p.decibels(*value);
    if (!db || !p.in_range(*db, -30.0, 120.0, "the SNR")) return std::nullopt;
    return Awgn{*db};
  }
  if (name == "ebn0") {
    if (!need_value("10dB")) return std::nullopt;
    const auto db = p.decibels(*value);
    if (!db || !p.in_range(*db, -30.0, 120.0, "Eb/N0")) return std::nullopt;
    return EbN0Noise{*db};
  }
  if (name == "noise") {
    if (!need_value("-50dBm0")) return std::nullopt;
    const auto level = p.dbm0(*value);
    if (!level || !p.in_range(*level, -150.0, 3.0, "the noise level")) return std::nullopt;
    return NoiseFloor{*level};
  }
  if (name == "offset") {
    if (!need_value("5Hz")) return std::nullopt;
    const auto hz = p.quantity(*value, {{"Hz", 1.0}}, "5Hz");
    if (!hz || !p.in_range(*hz, -200.0, 200.0, "the offset in Hz")) return std::nullopt;
    return FrequencyOffset{*hz};
  }
  if (name == "g711u" || name == "g711a" || name == "ulaw" || name == "alaw") {
    if (!no_value()) return std::nullopt;
    return G711RoundTrip{(name == "g711u" || name == "ulaw") ? G711RoundTrip::Law::mu : G711RoundTrip::Law::a};
  }
  if (name == "impulse") {
    if (!need_value("2/s")) return std::nullopt;
    const auto [rate_text, level_text] = split_level(*value);
    ImpulseNoise impulse;
    const auto rate = p.quantity(rate_text, {{"/s", 1.0}, {"/min", 1.0 / 60.0}}, "2/s");
    if (!rate) return std::nullopt;
    if (*rate <= 0.0 || *rate > 1000.0) {
      p.fail("the rate must be above 0 and at most 1000/s");
      return std::nullopt;
    }
    impulse.per_second = *rate;
    if (level_text) {
      const auto level = p.dbm0(*level_text);
      if (!level || !p.in_range(*level, -100.0, 3.14, "the impulse peak level")) return std::nullopt;
      impulse.peak_dbm0 = *level;
    }
    return impulse;
  }
  if (name == "burst" || name == "dropout") {
    if (!need_value("50ms@2s")) return std::nullopt;
    const auto [timing_text, level_text] = split_level(*value);
    const auto timing = p.duration_and_timing(timing_text);
    if (!timing) return std::nullopt;
    if (timing->second.kind == EventTiming::Kind::random && timing->second.seconds < timing->first) {
      p.fail("the mean interval must not be shorter than the duration");
      return std::nullopt;
    }
    if (name == "dropout") {
      if (level_text) {
        p.fail("a dropout is silence and takes no level");
        return std::nullopt;
      }
      return Dropout{timing->first, timing->second};
    }
    BurstNoise burst{timing->first, timing->second, -10.0};
    if (level_text) {
      const auto level = p.dbm0(*level_text);
      if (!level || !p.in_range(*level, -100.0, 3.0, "the burst level")) return std::nullopt;
      burst.level_dbm0 = *level;
    }
    return burst;
  }
  if (name == "echo") {
    if (!need_value("-10dB@20ms")) return std::nullopt;
    const auto at = value->find('@');
    if (at == std::string_view::npos) {
      p.fail("expected LEVEL@DELAY, e.g. echo=-10dB@20ms");
      return std::nullopt;
    }
    const auto level = p.decibels(value->substr(0, at));
    if (!level || !p.in_range(*level, -100.0, 0.0, "the echo level")) return std::nullopt;
    const auto delay = p.duration(value->substr(at + 1));
    if (!delay || !p.in_range(*delay, 0.000125, 2.0, "the echo delay in seconds")) return std::nullopt;
    return Echo{*level, *delay};
  }
  p.fail(concat("unknown impairment (known: ", kKnownNames, ")"));
  return std::nullopt;
}

std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// Durations print in ms when that is exact, so "50ms" stays "50ms".
std::string seconds_text(double s) {
  const double ms = std::round(s * 1000.0);
  if (s < 1.0 && ms / 1000.0 == s) return number(ms) + "ms";
  return number(s) + "s";
}

std::string timing_text(double duration, const EventTiming& timing) {
  return seconds_text(duration) + (timing.kind == EventTiming::Kind::once ? "@" : "/") + seconds_text(timing.seconds);
}

struct Printer {
  std::string operator()(const Gain& g) const { return g.db < 0 ? concat("atten=", number(-g.db), "dB") : concat("gain=", number(g.db), "dB"); }
  std::string operator()(const Awgn& a) const { return concat("awgn=", number(a.snr_db), "dB"); }
  std::string operator()(const EbN0Noise& e) const { return concat("ebn0=", number(e.ebn0_db), "dB"); }
  std::string operator()(const NoiseFloor& n) const { return concat("noise=", number(n.dbm0), "dBm0"); }
  std::string operator()(const FrequencyOffset& f) const { return concat("offset=", number(f.hz), "Hz"); }
  std::string operator()(const G711RoundTrip& g) const { return g.law == G711RoundTrip::Law::mu ? "g711u" : "g711a"; }
  std::string operator()(const ImpulseNoise& i) const {
    return concat("impulse=", number(i.per_second), "/s:", number(i.peak_dbm0), "dBm0");
  }
  std::string operator()(const BurstNoise& b) const {
    return concat("burst=", timing_text(b.duration_s, b.timing), ":", number(b.level_dbm0), "dBm0");
  }
  std::string operator()(const Dropout& d) const { return concat("dropout=", timing_text(d.duration_s, d.timing)); }
  std::string operator()(const Echo& e) const { return concat("echo=", number(e.level_db), "dB@", seconds_text(e.delay_s)); }
};

}  // namespace

ChannelParse parse_channel(std::string_view text) {
  ChannelParse result;
  text = trim(text);
  if (text.empty()) return result;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto item = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    start = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    if (item.empty()) {
      result.error = "empty item in the channel description (two commas in a row?)";
      return result;
    }
    const auto eq = item.find('=');
    const auto name = trim(item.substr(0, eq));
    if (name.empty()) {
      result.error = concat("'", item, "': missing the impairment's name before '='");
      return result;
    }
    const std::optional<std::string_view> value =
        eq == std::string_view::npos ? std::nullopt : std::optional<std::string_view>(trim(item.substr(eq + 1)));
    if (name == "clean") {
      if (value) {
        result.error = "clean: takes no value";
        return result;
      }
      continue;
    }
    if (name == "seed") {
      std::uint64_t seed = 0;
      const auto v = value.value_or("");
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seed);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
        result.error = "seed: expected a whole number, e.g. seed=42";
        return result;
      }
      result.config.seed = seed;
      continue;
    }
    auto impairment = parse_item(name, value, result.error);
    if (!impairment) return result;
    result.config.impairments.push_back(*impairment);
  }
  return result;
}

std::string to_string(const Impairment& impairment) { return std::visit(Printer{}, impairment); }

std::string to_string(const ChannelConfig& config) {
  std::string out;
  for (const auto& impairment : config.impairments) {
    if (!out.empty()) out += ',';
    out += to_string(impairment);
  }
  if (out.empty()) out = "clean";
  if (config.seed != ChannelConfig{}.seed) out += concat(",seed=", std::to_string(config.seed));
  return out;
}

std::string_view channel_syntax_help() {
  return "  clean                 a perfect line (the default)\n"
         "  atten=6dB, gain=-6dB  attenuation (or gain)\n"
         "  awgn=12dB             white noise, signal-to-noise ratio against the signal's nominal level\n"
         "  ebn0=10dB             white noise at this Eb/N0 for the channel's bit rate\n"
         "  noise=-50dBm0         white noise at an absolute level\n"
         "  offset=5Hz            frequency offset (old FDM trunks), -200..200 Hz\n"
         "  g711u, g711a          G.711 mu-law / A-law encode+decode (a VoIP leg)\n"
         "  impulse=2/s[:0dBm0]   clicks at random times, mean rate, peak level\n"
         "  burst=50ms@2s[:-10dBm0]  a noise burst once at 2 s; burst=50ms/5s: random, one per 5 s on average\n"
         "  dropout=1s@3s         a silence gap once at 3 s; dropout=20ms/2s: random gaps (lost VoIP packets)\n"
         "  echo=-10dB@20ms       a delayed, attenuated copy of the signal\n"
         "  seed=42               seed of every random stage (same seed, same audio)\n";
}

}  // namespace pavi::line
