// Parsing and printing of fault channel descriptions (see fault_config.hpp).
#include "modem/fault_config.hpp"

#include <charconv>
#include <cmath>

namespace pavi::modem {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
  text = trim(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_probability(std::string_view text) {
  const auto p = parse_number(text);
  if (!p || *p < 0.0 || *p > 1.0) return std::nullopt;
  return p;
}

std::string format_number(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::string("0");
}

// Splits "a@b" or "a:b" at the separator.
std::optional<std::pair<std::string_view, std::string_view>> split(std::string_view text, char separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  return std::make_pair(text.substr(0, at), text.substr(at + 1));
}

}  // namespace

bool FaultConfig::clean() const {
  return ber == 0.0 && (burst_length == 0 || burst_every == 0.0) && drop == 0.0 && garbage == 0.0 &&
         (dropout_length.count() == 0 || dropout_every.count() == 0) && dropouts_at.empty() && !cut_after;
}

std::optional<SimDuration> parse_duration(std::string_view text) {
  text = trim(text);
  double scale = 0.0;
  if (text.ends_with("us")) {
    scale = 1.0;
    text.remove_suffix(2);
  } else if (text.ends_with("ms")) {
    scale = 1e3;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    scale = 1e6;
    text.remove_suffix(1);
  } else {
    return std::nullopt;
  }
  const auto value = parse_number(text);
  if (!value || *value < 0.0 || *value * scale > 1e15) return std::nullopt;
  return SimDuration{static_cast<SimDuration::rep>(std::llround(*value * scale))};
}

std::string format_duration(SimDuration duration) {
  const auto us = duration.count();
  if (us % 1'000'000 == 0) return std::to_string(us / 1'000'000) + "s";
  if (us % 1'000 == 0) return std::to_string(us / 1'000) + "ms";
  return std::to_string(us) + "us";
}

FaultConfigParse parse_fault_config(std::string_view text) {
  FaultConfig config;
  text = trim(text);
  if (text.empty() || text == "none") return {config, {}};
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto kv = split(item, '=');
    if (!kv) return {std::nullopt, "expected key=value, got '" + std::string(item) + "'"};
    const std::string_view key = trim(kv->first);
    const std::string_view value = trim(kv->second);
    const auto bad = [&] {
      return FaultConfigParse{std::nullopt, "bad value for " + std::string(key) + ": '" + std::string(value) + "'"};
    };
    if (key == "ber" || key == "drop" || key == "garbage") {
      const auto p = parse_probability(value);
      if (!p) return bad();
      (key == "ber" ? config.ber : key == "drop" ? config.drop : config.garbage) = *p;
    } else if (key == "burst") {
      const auto parts = split(value, '@');
      if (!parts) return bad();
      const auto length = parse_count(parts->first);
      const auto every = parse_number(parts->second);
      if (!length || *length == 0 || *length > 1'000'000 || !every || *every < 1.0) return bad();
      config.burst_length = static_cast<int>(*length);
      config.burst_every = *every;
    } else if (key == "dropout") {
      const auto parts = split(value, '@');
      if (!parts) return bad();
      const auto length = parse_duration(parts->first);
      const auto every = parse_duration(parts->second);
      if (!length || !every || every->count() == 0) return bad();
      config.dropout_length = *length;
      config.dropout_every = *every;
    } else if (key == "dropout_at") {
      const auto parts = split(value, ':');
      if (!parts) return bad();
      const auto start = parse_duration(parts->first);
      const auto length = parse_duration(parts->second);
      if (!start || !length) return bad();
      config.dropouts_at.push_back({SimTime{*start}, *length});
    } else if (key == "cut") {
      const auto n = parse_count(value);
      if (!n) return bad();
      config.cut_after = *n;
    } else if (key == "seed") {
      const auto n = parse_count(value);
      if (!n) return bad();
      config.seed = *n;
    } else {
      return {std::nullopt, "unknown fault '" + std::string(key) + "'"};
    }
  }
  return {config, {}};
}

std::string to_string(const FaultConfig& config) {
  std::string out;
  const auto add = [&out](const std::string& item) {
    if (!out.empty()) out += ',';
    out += item;
  };
  if (config.ber > 0.0) add("ber=" + format_number(config.ber));
  if (config.burst_length > 0 && config.burst_every > 0.0) {
    add("burst=" + std::to_string(config.burst_length) + "@" + format_number(config.burst_every));
  }
  if (config.drop > 0.0) add("drop=" + format_number(config.drop));
  if (config.garbage > 0.0) add("garbage=" + format_number(config.garbage));
  if (config.dropout_length.count() > 0 && config.dropout_every.count() > 0) {
    add("dropout=" + format_duration(config.dropout_length) + "@" + format_duration(config.dropout_every));
  }
  for (const auto& d : config.dropouts_at) {
    add("dropout_at=" + format_duration(d.start.time_since_epoch()) + ":" + format_duration(d.length));
  }
  if (config.cut_after) add("cut=" + std::to_string(*config.cut_after));
  if (out.empty() && config.seed == 1) return "none";
  add("seed=" + std::to_string(config.seed));
  return out;
}

}  // namespace pavi::modem
