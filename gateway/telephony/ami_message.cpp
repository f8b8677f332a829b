// Line-at-a-time parsing of AMI traffic; LF alone is accepted as a line end, as Asterisk does.
#include "gateway/telephony/ami_message.hpp"

#include <cctype>

namespace pavi::gateway::telephony {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::optional<std::string> AmiMessage::get(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string> AmiMessage::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) values.push_back(value);
  }
  return values;
}

bool AmiMessage::has(std::string_view name, std::string_view value) const {
  const auto found = get(name);
  return found && equal_ignoring_case(*found, value);
}

AmiMessage& AmiMessage::add(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string AmiMessage::serialize() const {
  std::string out;
  for (const auto& [key, value] : headers) out += key + ": " + value + "\r\n";
  out += "\r\n";
  return out;
}

void AmiReader::feed(std::string_view bytes) {
  if (overflowed_) return;
  buffer_.append(bytes);
  parse_lines();
}

std::optional<AmiMessage> AmiReader::next() {
  if (ready_.empty()) return std::nullopt;
  AmiMessage message = std::move(ready_.front());
  ready_.pop_front();
  return message;
}

void AmiReader::parse_lines() {
  std::size_t start = 0;
  for (;;) {
    const auto lf = buffer_.find('\n', start);
    if (lf == std::string::npos) break;
    std::string_view line(buffer_.data() + start, lf - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = lf + 1;
    current_size_ += line.size() + 2;
    if (current_size_ > kMaxMessage) {
      overflowed_ = true;
      buffer_.clear();
      return;
    }
    if (!greeting_) {  // the first line, whatever it says, is the greeting (it has no blank line after it)
      greeting_ = std::string(line);
      current_size_ = 0;
      continue;
    }
    if (line.empty()) {
      if (!current_.headers.empty()) ready_.push_back(std::move(current_));
      current_ = AmiMessage{};
      current_size_ = 0;
      continue;
    }
    const auto colon = line.find(':');
    // "Timeout : 7000": the name must be followed by the colon at once; Asterisk ignores such a line.
    if (colon == std::string_view::npos || colon == 0 || line[colon - 1] == ' ') continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    current_.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  buffer_.erase(0, start);
  if (buffer_.size() + current_size_ > kMaxMessage) {
    overflowed_ = true;
    buffer_.clear();
  }
}

}  // namespace pavi::gateway::telephony
