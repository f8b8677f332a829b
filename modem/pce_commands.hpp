// The Protocol sequences that switch PCE on and off and acknowledge it (pce.md §2.1, videotex-terminal.md §7),
// and a small scanner that picks such sequences out of a byte stream without losing the bytes around them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pavi::modem::pce {

inline constexpr std::array<std::uint8_t, 4> kStartCommand{0x1B, 0x3A, 0x69, 0x44};  // PRO2 START PCE
inline constexpr std::array<std::uint8_t, 4> kStopCommand{0x1B, 0x3A, 0x6A, 0x44};   // PRO2 STOP PCE
inline constexpr std::array<std::uint8_t, 3> kStatusPrefix{0x1B, 0x3A, 0x73};        // PRO2 REP STATUS FONCT.
inline constexpr std::uint8_t kStatusPceBit = 0x04;                                  // PC
inline constexpr std::uint8_t kStatusDefault = 0x40;                                 // bit 6 always set
inline constexpr std::array<std::uint8_t, 2> kStartRequest{0x13, 0x4A};              // SEP 4A: the user asks for PCE
inline constexpr std::array<std::uint8_t, 2> kStopRequest{0x13, 0x4B};  // SEP 4B: a peripheral asks to stop

// Recognises any of a few fixed sequences (a pattern element of -1 matches any byte). Bytes are held back while
// they may still belong to a sequence; bytes that turn out not to are released in their original order.
class SequenceScanner {
 public:
  explicit SequenceScanner(std::vector<std::vector<int>> patterns);

  // Feeds one byte. Returns the index of the pattern this byte completes, or -1. Released bytes are appended
  // to `released`. After a match, matched() holds the sequence's bytes until the next feed.
  int feed(std::uint8_t byte, std::string& released);
  // Gives back the bytes held so far (e.g. when the scanner is no longer needed).
  void flush(std::string& released);
  const std::string& matched() const { return matched_; }
  bool holding() const { return !held_.empty(); }

 private:
  bool is_prefix(const std::string& bytes) const;
  int full_match(const std::string& bytes) const;

  std::vector<std::vector<int>> patterns_;
  std::string held_;
  std::string matched_;
};

}  // namespace pavi::modem::pce
