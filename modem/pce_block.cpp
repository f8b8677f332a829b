// Block building, framing and classification (see pce_block.hpp).
#include "modem/pce_block.hpp"

#include "modem/pce_chars.hpp"
#include "modem/pce_crc.hpp"

namespace pavi::modem::pce {

Block encode_block(const InfoChars& info) {
  Block block{};
  for (std::size_t i = 0; i < kInfoChars; ++i) block[i] = with_parity(info[i]);
  block[15] = with_parity(crc7(std::span<const std::uint8_t>(block.data(), kInfoChars)));
  block[16] = NUL;
  return block;
}

Block seven_bit_form(const Block& block) {
  Block out{};
  for (std::size_t i = 0; i < kBlockChars; ++i) out[i] = seven_bits(block[i]);
  return out;
}

void BlockFramer::push(std::uint8_t value) {
  value = seven_bits(value);
  if (needs_escape(value)) {
    // A pair never straddles two blocks: if the DLE would be character 15, pad and open a new block.
    if (fill_ == kInfoChars - 1) put(NUL);
    put(DLE);
    put(value);
  } else {
    put(value);
  }
}

void BlockFramer::push(std::span<const std::uint8_t> values) {
  for (const std::uint8_t v : values) push(v);
}

void BlockFramer::pad() {
  if (fill_ == 0) return;
  while (fill_ < kInfoChars) partial_[fill_++] = NUL;
  close();
}

Block BlockFramer::pop() {
  Block block = ready_.front();
  ready_.pop_front();
  return block;
}

void BlockFramer::put(std::uint8_t value) {
  partial_[fill_++] = value;
  if (fill_ == kInfoChars) close();
}

void BlockFramer::close() {
  ready_.push_back(encode_block(partial_));
  fill_ = 0;
}

std::vector<Block> frame_message(std::span<const std::uint8_t> values) {
  BlockFramer framer;
  framer.push(values);
  framer.pad();
  std::vector<Block> blocks;
  while (framer.has_ready()) blocks.push_back(framer.pop());
  return blocks;
}

BlockCheck check_block(const Block& received, std::uint32_t framing_errors, bool allow_correction) {
  BlockCheck check;
  check.block = received;
  // "Valid" needs character 17 to be a NUL with correct parity and a clean frame.
  if (received[16] != NUL || (framing_errors & (1U << 16)) != 0) {
    check.reason = BadReason::invalid_end;
    return check;
  }
  if ((framing_errors & 0xFFFFU) != 0) {
    check.reason = BadReason::framing_error;
    return check;
  }
  int parity_errors = 0;
  int parity_char = -1;
  for (int i = 0; i < 16; ++i) {
    if (!parity_ok(received[static_cast<std::size_t>(i)])) {
      ++parity_errors;
      parity_char = i;
    }
  }
  if (parity_errors > 1) {
    check.reason = BadReason::parity_errors;
    return check;
  }
  const std::uint8_t s = syndrome(std::span<const std::uint8_t>(received.data(), kInfoChars), received[15]);
  if (s == 0 && parity_errors == 0) {
    if (received[0] == NUL) {
      check.reason = BadReason::nul_first;
      return check;
    }
    check.verdict = BlockVerdict::correct;
    return check;
  }
  if (s == 0 || parity_errors == 0) {
    // A non-zero remainder with every parity right (an even number of flips in one character), or a parity
    // error the remainder does not confirm: STUM asks for a repetition.
    check.reason = BadReason::crc_mismatch;
    return check;
  }
  const auto exponent = error_exponent(s);
  if (!allow_correction || !exponent) {
    check.reason = BadReason::uncorrectable;
    return check;
  }
  const BitPosition where = bit_position(*exponent);
  if (where.char_index != parity_char) {
    check.reason = BadReason::uncorrectable;
    return check;
  }
  check.block[static_cast<std::size_t>(where.char_index)] ^= static_cast<std::uint8_t>(1U << where.bit);
  if (check.block[0] == NUL) {
    check.block = received;
    check.reason = BadReason::nul_first;
    return check;
  }
  check.verdict = BlockVerdict::corrected;
  check.corrected_char = where.char_index;
  check.corrected_bit = where.bit;
  return check;
}

void append_payload(const Block& block, std::string& out) {
  bool escaped = false;
  for (std::size_t i = 0; i < kInfoChars; ++i) {
    const std::uint8_t v = seven_bits(block[i]);
    if (escaped) {
      out += static_cast<char>(v);
      escaped = false;
    } else if (v == DLE) {
      escaped = true;
    } else if (v != NUL) {
      out += static_cast<char>(v);
    }
  }
}

}  // namespace pavi::modem::pce
