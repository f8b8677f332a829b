// PCE blocks as values: building a 17-character block (15 information characters, CRC-7, NUL), cutting a byte
// stream into blocks with DLE transparency that never splits a DLE pair, and the terminal's classification of a
// received block as correct, correctable or bad (pce.md §3, §4.3).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace pavi::modem::pce {

inline constexpr std::size_t kInfoChars = 15;
inline constexpr std::size_t kBlockChars = 17;

using InfoChars = std::array<std::uint8_t, kInfoChars>;  // 7-bit values
using Block = std::array<std::uint8_t, kBlockChars>;     // line bytes, parity in bit 7

// Adds parity to the 15 characters, appends the CRC character (7-bit remainder + parity) and the NUL.
Block encode_block(const InfoChars& info);

// The block as 7-bit values, as MiniPavi writes it to the soft modem's socket.
Block seven_bit_form(const Block& block);

// Cuts application bytes (7-bit values) into blocks: DLE/SYN/NACK/NUL become DLE + byte, a pair that would
// start at character 15 is moved whole to the next block (character 15 becomes a NUL pad).
class BlockFramer {
 public:
  void push(std::uint8_t value);
  void push(std::span<const std::uint8_t> values);
  // Completes the partial block with NULs (the spec's 16 ms timer, or MiniPavi's end of each write).
  void pad();

  bool has_partial() const { return fill_ > 0; }
  std::size_t ready_count() const { return ready_.size(); }
  bool has_ready() const { return !ready_.empty(); }
  Block pop();  // precondition: has_ready()

 private:
  void put(std::uint8_t value);
  void close();

  InfoChars partial_{};
  std::size_t fill_ = 0;
  std::deque<Block> ready_;
};

// Convenience: frames a whole message and pads its last block.
std::vector<Block> frame_message(std::span<const std::uint8_t> values);

enum class BlockVerdict { correct, corrected, bad };
enum class BadReason { none, invalid_end, framing_error, parity_errors, crc_mismatch, uncorrectable, nul_first };

struct BlockCheck {
  BlockVerdict verdict = BlockVerdict::bad;
  BadReason reason = BadReason::none;
  int corrected_char = -1;  // 0-based, when verdict == corrected
  int corrected_bit = -1;
  Block block{};  // the block after correction
};

// `framing_errors` has bit i set when character i (0-based) had a framing error.
// Besides the STUM rules, a block whose character 1 is (or is corrected to) NUL is bad: a sender never makes one
// (§3.1), and on an idle line a keep-alive NUL hit by one bit flip, followed by more NULs, would otherwise be
// "corrected" into an empty block and shift the block numbering by one.
BlockCheck check_block(const Block& received, std::uint32_t framing_errors = 0, bool allow_correction = true);

// Appends the application bytes of an accepted block: padding NULs, transparency DLEs and parity removed.
void append_payload(const Block& block, std::string& out);

}  // namespace pavi::modem::pce
