// Exact header order of AstAMI::startCall, with the two misspelt headers corrected (docs in the report).
#include "gateway/telephony/ami_actions.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pavi::gateway::telephony {

namespace {

std::optional<long long> positive_integer(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

int checked_level(int level, int fallback) {
  if (level == 0) return fallback;
  return std::clamp(level, -63, 0);
}

bool dialable_number(std::string_view number) {
  if (number.empty() || number.size() > 64) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("+*#.-_@").find(c) != std::string_view::npos;
  });
}

std::string dial_string(std::string_view sipchannel, std::string_view number) {
  std::string out;
  constexpr std::string_view kPlaceholder = "%NUM%";
  std::size_t position = 0;
  for (;;) {
    const auto found = sipchannel.find(kPlaceholder, position);
    if (found == std::string_view::npos) break;
    out.append(sipchannel.substr(position, found - position));
    out.append(number);
    position = found + kPlaceholder.size();
  }
  out.append(sipchannel.substr(position));
  return out;
}

std::string channel_prefix(std::string_view dial) {
  const auto slash = dial.find('/');
  if (slash == std::string_view::npos) return std::string(dial);
  const auto second = dial.find('/', slash + 1);
  return std::string(dial.substr(0, second));
}

std::chrono::milliseconds call_timeout(const AsteriskConfig& config) {
  const auto value = positive_integer(config.calltimeout);
  return std::chrono::milliseconds(value ? std::min<long long>(*value, 3'600'000) : 30000);
}

std::chrono::seconds max_time(const AsteriskConfig& config) {
  const auto value = positive_integer(config.maxtime);
  return std::chrono::seconds(value ? std::min<long long>(*value, 86'400) : 600);
}

std::string rendezvous_id(long process, std::time_t now, int four_digits) {
  std::string digits = std::to_string(std::clamp(four_digits, 0, 9999));
  digits.insert(0, 4 - digits.size(), '0');
  return "sockets/skminipavi-" + std::to_string(process) + "-" + std::to_string(static_cast<long long>(now)) + digits +
         ".sock";
}

AmiMessage login_action(const AsteriskConfig& config, const std::string& action_id) {
  AmiMessage message;
  message.add("Action", "Login").add("ActionID", action_id).add("Events", "on");
  message.add("Username", config.user).add("Secret", config.pwd);
  return message;
}

AmiMessage originate_action(const AsteriskConfig& config, const CallRequest& request) {
  AmiMessage message;
  message.add("Action", "Originate").add("ActionID", request.action_id);
  message.add("Channel", dial_string(config.sipchannel, request.number));
  message.add("Exten", config.ext);
  message.add("Timeout", std::to_string(call_timeout(config).count()));
  message.add("Codecs", "alaw,ulaw");
  message.add("CallerId", "MiniPavi");
  message.add("Context", config.context);
  message.add("Priority", "1");
  message.add("Variable", "CALLED=" + request.number);
  message.add("Variable", "PID=" + request.pid);
  message.add("Variable", "RX=" + std::to_string(request.rx));
  message.add("Variable", "TX=" + std::to_string(request.tx));
  return message;
}

AmiMessage hangup_action(const std::string& channel, const std::string& action_id) {
  AmiMessage message;
  message.add("Action", "Hangup").add("ActionID", action_id).add("Channel", channel);
  return message;
}

AmiMessage logoff_action(const std::string& action_id) {
  AmiMessage message;
  message.add("Action", "Logoff").add("ActionID", action_id);
  return message;
}

}  // namespace pavi::gateway::telephony
