// AMI wire format (ami.md §2): `Key: Value` lines ended by CR LF, a blank line ending each message, and one
// greeting line (`Asterisk Call Manager/x.y.z`) before everything. Header names match case-insensitively and
// only when the colon follows the name at once, as Asterisk reads them. The reader never throws: a peer that
// sends an endless message is reported as overflowing.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavi::gateway::telephony {

struct AmiMessage {
  std::vector<std::pair<std::string, std::string>> headers;  // in order

  // The first header named `name` (case-insensitive), nullopt when absent.
  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name, std::string_view value) const;  // value compared case-insensitively
  AmiMessage& add(std::string name, std::string value);
  // "Name: value\r\n" for each header, then "\r\n".
  std::string serialize() const;
  bool operator==(const AmiMessage&) const = default;
};

bool equal_ignoring_case(std::string_view a, std::string_view b);

class AmiReader {
 public:
  // Bytes of one message (or of the greeting) past which the peer is taken as broken.
  static constexpr std::size_t kMaxMessage = 64 * 1024;

  void feed(std::string_view bytes);
  // The greeting once its line has arrived.
  const std::optional<std::string>& greeting() const { return greeting_; }
  // The next complete message, in order.
  std::optional<AmiMessage> next();
  bool overflowed() const { return overflowed_; }

 private:
  void parse_lines();

  std::string buffer_;
  std::optional<std::string> greeting_;
  AmiMessage current_;
  std::size_t current_size_ = 0;
  std::deque<AmiMessage> ready_;
  bool overflowed_ = false;
};

}  // namespace pavi::gateway::telephony
