// Whole-buffer helpers: bytes -> V.23 audio and audio -> characters, for files, tests and the `pavi line` command.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "modem/v23_channel.hpp"
#include "modem/v23_framing.hpp"
#include "modem/v23_receiver.hpp"

namespace pavi::modem {

struct EncodeOptions {
  V23Channel channel = V23Channel::forward;
  double level_dbm0 = -22.0;
  double lead_in_s = 0.3;  // carrier (mark) before the first character, so a receiver can lock on
  double tail_s = 0.1;     // carrier after the last character
  // Start like an answering modem: answer tone, then the gap, then the carrier (v23-modem.md §4.2).
  bool answer_sequence = false;
  double answer_tone_s = 3.0;
  double answer_tone_dbm0 = -21.0;
  double tone_gap_s = 0.075;
};

std::vector<std::int16_t> encode_characters(std::span<const std::uint8_t> bytes, const EncodeOptions& options);

struct DecodeOptions {
  V23Channel channel = V23Channel::forward;
  double cutoff_dbm0 = -38.0;
  double gain_db = 0.0;
  bool smoothed_timing = false;  // see V23Receiver::Options
};

struct DecodeResult {
  std::vector<ReceivedChar> characters;
  std::vector<CarrierEvent> carrier;
  ReceiverStats stats;
};

DecodeResult decode_characters(std::span<const std::int16_t> audio, const DecodeOptions& options);

// What to do with characters received with a parity or framing error.
enum class ErrorPolicy {
  substitute,  // SUB (0x1A), as a Minitel does before showing the error block
  drop,        // as MiniPavi's modem app does
  keep,        // the 7 bits as received
};

std::string characters_to_bytes(std::span<const ReceivedChar> characters, ErrorPolicy policy);

}  // namespace pavi::modem
