// Building the AbuseIPDB check URL and reading its reply (see abuseipdb_reply.hpp).
#include "gateway/reputation/abuseipdb_reply.hpp"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

namespace pavi::gateway::reputation {
namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

}  // namespace

std::string abuseipdb_check_url(std::string_view endpoint, std::string_view address, int max_age_days) {
  std::string url(endpoint);
  url += endpoint.find('?') == std::string_view::npos ? '?' : '&';
  url += "ipAddress=" + percent_encode(address) + "&maxAgeInDays=" + std::to_string(max_age_days);
  return url;
}

std::optional<int> abuseipdb_score(std::string_view body) {
  const auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  const auto data = json.find("data");
  if (data == json.end() || !data->is_object()) return std::nullopt;
  const auto score = data->find("abuseConfidenceScore");
  if (score == data->end() || !score->is_number()) return std::nullopt;
  const double value = score->get<double>();
  if (!std::isfinite(value) || value < 0 || value > 100 || value != std::floor(value)) return std::nullopt;
  return static_cast<int>(value);
}

std::string query_parameter(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (percent_decode(pair.substr(0, equals)) == name) {
      return equals == std::string_view::npos ? std::string() : percent_decode(pair.substr(equals + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace pavi::gateway::reputation
