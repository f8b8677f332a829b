// Page building helpers (videotex-terminal.md §3-§6) and REP compression of an arbitrary Videotex stream.
// The compressor parses the stream the way a terminal does, so that REP is only ever put after a character the
// terminal displays, never inside ESC/US/SS2/PRO/CSI/DRCS sequences (which also contain bytes 20-7F).
#include "videotex/encoder.hpp"

#include <algorithm>
#include <optional>

#include "videotex/g2.hpp"

namespace pavi::videotex::encode {
namespace {

constexpr int kMaxRepeat = 63;  // REP 7F: the count is the low 6 bits of the byte after REP

std::string esc(std::uint8_t final) { return {static_cast<char>(c0::ESC), static_cast<char>(final)}; }
std::string one(std::uint8_t byte) { return std::string(1, static_cast<char>(byte)); }

// Appends `count` copies of one displayed character: the character once, then REP where it is shorter than
// repeating the bytes (a 3-byte accented letter gains from 2 copies, a plain byte only from 3).
void append_run(std::string& out, std::string_view character, int count) {
  if (count <= 0 || character.empty()) return;
  out.append(character);
  for (int left = count - 1; left > 0;) {
    const int chunk = std::min(left, kMaxRepeat);
    if (static_cast<std::size_t>(chunk) * character.size() > 2) {
      out += static_cast<char>(c0::REP);
      out += static_cast<char>(0x40 + chunk);
    } else {
      for (int i = 0; i < chunk; ++i) out.append(character);
    }
    left -= chunk;
  }
}

bool is_control(std::uint8_t byte) { return (byte & 0x7F) < 0x20; }

// Walks a Videotex stream and rewrites it with runs of identical displayed characters turned into REP.
// Every byte that is not part of such a run is copied unchanged, in order.
class Compressor {
 public:
  explicit Compressor(std::string_view in) : in_(in) { out_.reserve(in.size()); }

  std::string run() {
    while (pos_ < in_.size()) step();
    flush();
    return std::move(out_);
  }

 private:
  std::uint8_t byte_at(std::size_t i) const { return static_cast<std::uint8_t>(in_[i]) & 0x7F; }

  void step() {
    const std::size_t start = pos_;
    const std::uint8_t b = byte_at(pos_);
    if (!is_control(b)) {
      ++pos_;
      displayed(start);
      return;
    }
    ++pos_;
    if (b == c0::SS2) {
      single_shift(start);  // may continue the current run
      return;
    }
    flush();
    switch (b) {
      case c0::SO: maybe_g1_ = true; break;
      case c0::SI: maybe_g1_ = false; break;
      case c0::FF:
      case c0::RS: maybe_g1_ = row0_saved_g1_ = false; break;
      case c0::LF:  // leaving row 0 restores the set saved when it was entered
        maybe_g1_ = maybe_g1_ || row0_saved_g1_;
        row0_saved_g1_ = false;
        break;
      case c0::ESC: escape(); break;
      case c0::US: unit_separator(); break;
      case c0::REP:
      case c0::SEP:
      case c0::SS3: take_parameter(); break;
      default: break;
    }
    copy_from(start);
  }

  // A character the terminal displays, spanning in_[start, pos_): extends the current run or starts a new one.
  // Tokens holding NULs or protocol sequences are copied as they are, since REP would drop those bytes.
  void displayed(std::size_t start, bool clean = true) {
    const std::string_view token = in_.substr(start, pos_ - start);
    if (!clean) {
      flush();
      out_.append(token);
      return;
    }
    if (run_count_ > 0 && token == run_token_) {
      ++run_count_;
      return;
    }
    flush();
    run_token_ = token;
    run_count_ = 1;
  }

  void flush() {
    append_run(out_, run_token_, run_count_);
    run_count_ = 0;
    run_token_ = {};
  }

  void copy_from(std::size_t start) { out_.append(in_.substr(start, pos_ - start)); }

  // The next byte that belongs to the sequence being read, after skipping NULs and lifting out any protocol
  // sequence (both are transparent inside other sequences, videotex-terminal.md §2 rules 2-3). Not consumed.
  // nullopt at the end of the input. `embedded` is set when something was skipped.
  std::optional<std::uint8_t> peek_parameter(bool* embedded = nullptr) {
    while (pos_ < in_.size()) {
      const std::uint8_t b = byte_at(pos_);
      if (b == c0::NUL) {
        ++pos_;
      } else if (b == c0::ESC && starts_protocol(pos_ + 1)) {
        ++pos_;
        escape();
      } else {
        return b;
      }
      if (embedded != nullptr) *embedded = true;
    }
    return std::nullopt;
  }

  // Consumes one parameter byte unless it is a control (which aborts the sequence and is executed normally,
  // rule 4). Returns the byte taken.
  std::optional<std::uint8_t> take_parameter(bool* embedded = nullptr) {
    const auto b = peek_parameter(embedded);
    if (!b || is_control(*b)) return std::nullopt;
    ++pos_;
    return b;
  }

  bool starts_protocol(std::size_t at) const {
    while (at < in_.size() && byte_at(at) == c0::NUL) ++at;
    if (at >= in_.size()) return false;
    const std::uint8_t b = byte_at(at);
    return b == esc::PRO1 || b == esc::PRO2 || b == esc::PRO3 || b == esc::CURSOR_POSITION_REQUEST;
  }

  // After ESC: consumes the rest of the sequence. Right after ESC a control (ESC included) drops the ESC.
  void escape() {
    while (pos_ < in_.size() && byte_at(pos_) == c0::NUL) ++pos_;
    if (pos_ >= in_.size() || is_control(byte_at(pos_))) return;
    const std::uint8_t b = byte_at(pos_++);
    switch (b) {
      case esc::PRO1: protocol(1); return;
      case esc::PRO2: protocol(2); return;
      case esc::PRO3: protocol(3); return;
      case esc::CSI: control_sequence(); return;
      case esc::TRANSPARENCY: screen_transparency(); return;
      case 0x35:
      case 0x36:
      case 0x37: take_parameter(); return;
      default: break;
    }
    if (b >= 0x20 && b <= 0x2F) iso2022();
  }

  // PRO1/2/3: a fixed number of bytes, whatever they are; PRO2 TRANSPARENCE then passes n bytes uninterpreted.
  void protocol(int length) {
    std::uint8_t args[3] = {0, 0, 0};
    for (int i = 0; i < length && pos_ < in_.size(); ++i) {
      while (pos_ < in_.size() && byte_at(pos_) == c0::NUL) ++pos_;
      if (pos_ < in_.size()) args[i] = byte_at(pos_++);
    }
    if (length == 2 && args[0] == 0x66) pos_ = std::min(in_.size(), pos_ + args[1]);
  }

  // CSI: parameters (column 3), intermediates (column 2), then a final byte (columns 4-7).
  void control_sequence() {
    while (const auto b = take_parameter()) {
      if (*b >= 0x40) return;
    }
  }

  // ISO 2022 designations ESC 2x [2y ...] F.
  void iso2022() {
    while (const auto b = take_parameter()) {
      if (*b >= 0x30) return;
    }
  }

  // ESC 25 ... everything is ignored up to ESC 25 40 or ESC 2F 3F (no resynchronisation inside).
  void screen_transparency() {
    for (; pos_ + 2 < in_.size(); ++pos_) {
      if (byte_at(pos_) != c0::ESC) continue;
      const std::uint8_t a = byte_at(pos_ + 1);
      const std::uint8_t b = byte_at(pos_ + 2);
      if ((a == 0x25 && b == 0x40) || (a == 0x2F && b == 0x3F)) {
        pos_ += 3;
        return;
      }
    }
    pos_ = in_.size();
  }

  // US r c addressing, or US 23 ... a DRCS download.
  void unit_separator() {
    const auto row = take_parameter();
    if (!row) return;
    if (*row == 0x23) return drcs();
    const auto col = take_parameter();
    if (!col) return;
    const bool modern = *row >= 0x40 && *row <= 0x58 && *col >= 0x41 && *col <= 0x68;
    const int old_row = (*row - 0x30) * 10 + (*col - 0x30);  // US 3x 3y: row xy, column 1 (never row 0)
    const bool old_form = *row >= 0x30 && *row <= 0x32 && *col >= 0x30 && *col <= 0x39 && old_row >= 1 &&
                          old_row <= 24;
    if (!modern && !old_form) return;  // ignored by the terminal: nothing changes
    const bool row0 = modern && *row == 0x40;
    row0_saved_g1_ = row0 && (row0_saved_g1_ || maybe_g1_);
    maybe_g1_ = false;  // US selects G0
  }

  // After US 23: either the header 20 20 20 42|43 49 (5 parameters), or a definition: first code, then pattern
  // bytes (40-7F, 30 between characters) up to the next control. The pattern bytes are never REP material.
  void drcs() {
    const auto first = take_parameter();
    if (!first) return;
    if (*first == 0x20) {
      for (int i = 0; i < 4; ++i) {
        if (!take_parameter()) return;
      }
      return;
    }
    if (!take_parameter()) return;
    while (pos_ < in_.size() && (byte_at(pos_) == c0::NUL || !is_control(byte_at(pos_)))) ++pos_;
  }

  // SS2 x or SS2 accent letter: one displayed character in G0. In G1 a Minitel ignores SS2 (the emulator does
  // not), so there the bytes are copied as they are and no REP is put after them.
  void single_shift(std::size_t start) {
    bool embedded = false;
    const auto code = take_parameter(&embedded);
    const bool complete = code && (!g2::is_accent(*code) || take_parameter(&embedded));
    if (!complete) {  // interrupted by a control: dropped by the terminal
      flush();
      copy_from(start);
      return;
    }
    displayed(start, !embedded && !maybe_g1_);
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
  std::string_view run_token_;
  int run_count_ = 0;
  bool maybe_g1_ = false;       // SO seen and not yet cancelled: SS2 is not reliable
  bool row0_saved_g1_ = false;  // the set saved when row 0 was entered may be G1
};

}  // namespace

std::string clear() { return one(c0::FF); }

std::string clear_status_row() {
  return {static_cast<char>(c0::US), 0x40, 0x41, static_cast<char>(c0::CAN), static_cast<char>(c0::LF)};
}

std::string position(int row, int col) {
  row = std::clamp(row, 0, kRows - 1);
  col = std::clamp(col, 1, kColumns);
  return {static_cast<char>(c0::US), static_cast<char>(0x40 + row), static_cast<char>(0x40 + col)};
}

std::string text(std::string_view utf8) { return compress(g2::encode(utf8)); }

std::string foreground(Colour colour) { return esc(static_cast<std::uint8_t>(esc::FOREGROUND + (static_cast<int>(colour) & 7))); }

std::string background(Colour colour) { return esc(static_cast<std::uint8_t>(esc::BACKGROUND + (static_cast<int>(colour) & 7))); }

std::string size(CharSize size) {
  switch (size) {
    case CharSize::normal: return esc(esc::NORMAL_SIZE);
    case CharSize::double_height: return esc(esc::DOUBLE_HEIGHT);
    case CharSize::double_width: return esc(esc::DOUBLE_WIDTH);
    case CharSize::double_size: return esc(esc::DOUBLE_SIZE);
  }
  return esc(esc::NORMAL_SIZE);
}

std::string blink(bool on) { return esc(on ? esc::BLINK : esc::FIXED); }
std::string inverse(bool on) { return esc(on ? esc::INVERSE_VIDEO : esc::NORMAL_VIDEO); }
std::string underline(bool on) { return esc(on ? esc::START_UNDERLINE : esc::STOP_UNDERLINE); }
std::string mask(bool on) { return esc(on ? esc::MASK : esc::UNMASK); }
std::string mosaic_mode() { return one(c0::SO); }
std::string text_mode() { return one(c0::SI); }

std::string mosaic(std::uint8_t sextants) {
  const int v = sextants & 0x3F;
  return one(static_cast<std::uint8_t>(0x20 | (v & 0x1F) | ((v & 0x20) != 0 ? 0x40 : 0)));
}

std::string repeat(std::string_view one_char_bytes, int count) {
  std::string out;
  append_run(out, one_char_bytes, count);
  return out;
}

std::string cursor(bool visible) { return one(visible ? c0::CON : c0::COFF); }
std::string clear_to_end_of_line() { return one(c0::CAN); }

std::string compress(std::string_view videotex) { return Compressor(videotex).run(); }

}  // namespace pavi::videotex::encode
