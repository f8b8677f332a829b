// The decoder's state machine and display path: C0 controls, ESC attributes, US addressing, SS2, REP and the
// writing of characters into page memory (videotex-terminal.md §2-§6, §8). Protocol answers, CSI and DRCS
// downloads live in decoder_protocol.cpp, decoder_csi.cpp and decoder_drcs.cpp.
#include "videotex/decoder.hpp"

#include <algorithm>
#include <utility>

#include "videotex/codes.hpp"
#include "videotex/g2.hpp"

namespace pavi::videotex {

Decoder::Decoder(DecoderOptions options) : options_(std::move(options)) {}

void Decoder::reset() {
  DecoderOptions options = std::move(options_);
  *this = Decoder(std::move(options));
}

void Decoder::reply(std::string_view bytes) { replies_.append(bytes); }

void Decoder::ignore_sequence() { ++stats_.ignored_sequences; }

void Decoder::feed(std::string_view bytes) {
  for (char c : bytes) feed(static_cast<std::uint8_t>(c));
}

void Decoder::feed(std::uint8_t byte) {
  ++stats_.bytes;
  if (byte & 0x80) {
    ++stats_.high_bit_bytes;
    byte &= 0x7F;
  }
  dispatch(byte);
}

void Decoder::feed_error() {
  ++stats_.bytes;
  if (state_ != State::ground) {  // a damaged byte ends whatever sequence it fell into
    ignore_sequence();
    state_ = State::ground;
  }
  display_error();
}

// A C0 control inside an unfinished sequence drops the sequence and is executed (rule 4), except ESC, which may
// open a protocol sequence that is taken out with priority and lets the interrupted sequence resume (rule 3).
bool Decoder::interrupted_by_control(std::uint8_t byte) {
  if (byte >= 0x20) return false;
  if (byte == c0::ESC) {
    resume_ = state_;
    state_ = State::esc_nested;
    return true;
  }
  ignore_sequence();
  state_ = State::ground;
  control(byte);
  return true;
}

void Decoder::dispatch(std::uint8_t byte) {
  if (state_ == State::transparency) {  // ESC 25 ... until ESC 25 40 or ESC 2F 3F, nothing else counts
    if (params_ == "\x1B" && (byte == 0x25 || byte == 0x2F)) {
      params_ += static_cast<char>(byte);
    } else if ((params_ == "\x1B\x25" && byte == 0x40) || (params_ == "\x1B\x2F" && byte == 0x3F)) {
      state_ = State::ground;
      params_.clear();
    } else {
      params_.clear();
      if (byte == c0::ESC) params_.push_back(static_cast<char>(c0::ESC));
    }
    return;
  }
  if (state_ == State::transparent_bytes) {
    if (--transparent_left_ <= 0) state_ = State::ground;
    return;
  }
  if (byte == c0::NUL) return;

  switch (state_) {
    case State::ground:
      if (byte < 0x20) {
        control(byte);
      } else {
        display(byte);
      }
      break;
    case State::esc:
      escape(byte);
      break;
    case State::esc_nested:
      if (byte == esc::PRO1 || byte == esc::PRO2 || byte == esc::PRO3) {
        pro_length_ = byte - esc::PRO1 + 1;
        pro_bytes_.clear();
        state_ = State::pro;
      } else if (byte == esc::CURSOR_POSITION_REQUEST) {
        escape(byte);
        state_ = std::exchange(resume_, State::ground);
      } else {
        ignore_sequence();  // the interrupted sequence is dropped; this is an ordinary ESC x
        resume_ = State::ground;
        escape(byte);
      }
      break;
    case State::pro:
      protocol_byte(byte);
      break;
    case State::iso2022:
      if (interrupted_by_control(byte)) break;
      if (byte <= 0x2F) {
        params_ += static_cast<char>(byte);
      } else {
        state_ = State::ground;
        iso2022(byte);
      }
      break;
    case State::skip_one:
      if (!interrupted_by_control(byte)) state_ = State::ground;
      break;
    case State::csi:
      if (!interrupted_by_control(byte)) csi(byte);
      break;
    case State::us_first:
      if (interrupted_by_control(byte)) break;
      if (byte == 0x23) {
        params_.clear();
        state_ = State::drcs_header;
      } else {
        first_ = byte;
        state_ = State::us_second;
      }
      break;
    case State::us_second:
      if (interrupted_by_control(byte)) break;
      state_ = State::ground;
      us_address(first_, byte);
      break;
    case State::rep:
      if (interrupted_by_control(byte)) break;
      state_ = State::ground;
      repeat(byte & 0x3F);
      break;
    case State::ss2:
      if (interrupted_by_control(byte)) break;
      if (g2::is_accent(byte)) {
        first_ = byte;
        state_ = State::ss2_accent;
      } else {
        state_ = State::ground;
        display_char({CharSet::G2, byte, g2::symbol(byte).value_or(U'_')});
      }
      break;
    case State::ss2_accent: {
      if (interrupted_by_control(byte)) break;
      state_ = State::ground;
      const char32_t glyph = g2::combine(first_, byte);
      if (glyph == byte) {
        display_char({CharSet::G0, byte, byte});  // no accented form: the letter alone
      } else {
        display_char({CharSet::G2, byte, glyph});
      }
      break;
    }
    case State::drcs_header:
    case State::drcs_first_code:
    case State::drcs_data:
      drcs_byte(byte);
      break;
    case State::transparency:
    case State::transparent_bytes:
      break;
  }
}

void Decoder::control(std::uint8_t byte) {
  Cursor& cur = screen_.cursor;
  switch (byte) {
    case c0::BEL:
      ++stats_.bells;
      break;
    case c0::BS:
      if (cur.col > 1) {
        --cur.col;
      } else if (cur.row != 0) {
        cur.col = kColumns;
        cur.row = cur.row > 1 ? cur.row - 1 : kRows - 1;
      }
      break;
    case c0::HT:
      if (cur.col < kColumns) {
        ++cur.col;
      } else if (cur.row != 0) {
        cur.col = 1;
        cur.row = cur.row < kRows - 1 ? cur.row + 1 : 1;
      }
      break;
    case c0::LF:
      line_feed();
      break;
    case c0::VT:
      cursor_up();
      break;
    case c0::FF:
      clear_page();
      break;
    case c0::CR:
      cur.col = 1;
      break;
    case c0::SO:
      screen_.current_set = CharSet::G1;
      attributes_.size = CharSize::normal;
      attributes_.inverse = false;
      attributes_.underline = false;
      break;
    case c0::SI:
      screen_.current_set = CharSet::G0;
      attributes_.separated = false;
      break;
    case c0::CON:
      screen_.cursor_visible = true;
      break;
    case c0::COFF:
      screen_.cursor_visible = false;
      break;
    case c0::REP:
      state_ = State::rep;
      break;
    case c0::SEP:
    case c0::SS3:
      state_ = State::skip_one;
      break;
    case c0::CAN:
      fill_rest_of_row();
      break;
    case c0::SS2:
      if (screen_.current_set == CharSet::G0) state_ = State::ss2;
      break;
    case c0::SUB:
      display_error();
      break;
    case c0::ESC:
      resume_ = State::ground;
      state_ = State::esc;
      break;
    case c0::RS:
      cur = {1, 1};
      reset_attributes();
      break;
    case c0::US:
      state_ = State::us_first;
      break;
    default:
      break;
  }
}

void Decoder::escape(std::uint8_t byte) {
  if (byte < 0x20) {  // ESC interrupted by a control: drop it, run the control
    ignore_sequence();
    state_ = State::ground;
    control(byte);
    return;
  }
  state_ = State::ground;
  switch (byte) {
    case esc::PRO1:
    case esc::PRO2:
    case esc::PRO3:
      pro_length_ = byte - esc::PRO1 + 1;
      pro_bytes_.clear();
      state_ = State::pro;
      return;
    case esc::CURSOR_POSITION_REQUEST: {
      const char answer[] = {static_cast<char>(c0::US), static_cast<char>(0x40 + screen_.cursor.row),
                             static_cast<char>(0x40 + screen_.cursor.col)};
      reply(std::string_view(answer, 3));
      return;
    }
    case esc::TRANSPARENCY:
      params_.clear();
      state_ = State::transparency;
      return;
    case 0x35:
    case 0x36:
    case 0x37:
      state_ = State::skip_one;
      return;
    case esc::CSI:
      params_.clear();
      state_ = State::csi;
      return;
    default:
      break;
  }
  if (byte <= 0x2F) {
    params_.assign(1, static_cast<char>(byte));
    state_ = State::iso2022;
  } else if (byte >= 0x40 && byte <= 0x5F) {
    attribute(byte);
  } else {
    ignore_sequence();
  }
}

// ISO 2022 designations (G0/G1 standard or DRCS) and the global masking switch; anything else is skipped whole.
void Decoder::iso2022(std::uint8_t final) {
  const std::string_view i = params_;
  if (i == "(" && final == 0x40) {
    g0_is_drcs_ = false;
  } else if (i == "( " && final == 0x42) {
    g0_is_drcs_ = true;
  } else if (i == ")" && final == 0x63) {
    g1_is_drcs_ = false;
  } else if (i == ") " && final == 0x43) {
    g1_is_drcs_ = true;
  } else if (i == "# " && final == 0x58) {
    screen_.global_mask = true;
  } else if (i == "# " && final == 0x5F) {
    screen_.global_mask = false;
  } else {
    ignore_sequence();
  }
}

void Decoder::attribute(std::uint8_t code) {
  Attributes& a = attributes_;
  const bool mosaics = screen_.current_set == CharSet::G1;
  const int row = screen_.cursor.row;
  if (code <= 0x47) {
    a.fg = static_cast<Colour>(code - esc::FOREGROUND);
  } else if (code == esc::BLINK || code == esc::FIXED) {
    a.blink = code == esc::BLINK;
  } else if (code >= esc::NORMAL_SIZE && code <= esc::DOUBLE_SIZE) {
    const bool needs_row_above = code == esc::DOUBLE_HEIGHT || code == esc::DOUBLE_SIZE;
    if (mosaics || (needs_row_above && row <= 1)) return ignore_sequence();
    static constexpr CharSize kSizes[] = {CharSize::normal, CharSize::double_height, CharSize::double_width,
                                          CharSize::double_size};
    a.size = kSizes[code - esc::NORMAL_SIZE];
  } else if (code >= esc::BACKGROUND && code <= 0x57) {
    a.bg = static_cast<Colour>(code - esc::BACKGROUND);
    if (!mosaics) a.bg_pending = true;
  } else if (code == esc::MASK || code == esc::UNMASK) {
    a.mask = code == esc::MASK;
    a.other_pending = true;
  } else if (code == esc::STOP_UNDERLINE || code == esc::START_UNDERLINE) {
    if (mosaics) {
      a.separated = code == esc::START_UNDERLINE;
    } else {
      a.underline = code == esc::START_UNDERLINE;
      a.other_pending = true;
    }
  } else if (code == esc::NORMAL_VIDEO || code == esc::INVERSE_VIDEO) {
    if (mosaics) return ignore_sequence();
    a.inverse = code == esc::INVERSE_VIDEO;
  } else {
    ignore_sequence();
  }
}

void Decoder::us_address(std::uint8_t first, std::uint8_t second) {
  int row = -1;
  int col = -1;
  if (first >= 0x40 && second >= 0x40) {
    row = first - 0x40;
    col = second - 0x40;
  } else if (first >= 0x30 && first <= 0x32 && second >= 0x30 && second <= 0x39) {
    row = (first - 0x30) * 10 + (second - 0x30);  // the old form US 3x 3y: row xy, column 1
    col = 1;
    if (row == 0) row = -1;
  }
  if (row < 0 || row >= kRows || col < 1 || col > kColumns) return ignore_sequence();
  if (row == 0 && screen_.cursor.row != 0) {
    saved_cursor_ = screen_.cursor;
    saved_attributes_ = attributes_;
    saved_set_ = screen_.current_set;
  }
  screen_.cursor = {row, col};
  reset_attributes();
}

void Decoder::reset_attributes() {
  attributes_ = Attributes{};
  screen_.current_set = CharSet::G0;
}

void Decoder::clear_page() {
  if (options_.before_clear) options_.before_clear(screen_);
  ++stats_.clears;
  for (int row = 1; row < kRows; ++row) erase(row, 1, kColumns);
  screen_.cursor = {1, 1};
  reset_attributes();
}

void Decoder::erase(int row, int from_col, int to_col) {
  for (int col = std::max(from_col, 1); col <= std::min(to_col, kColumns); ++col) screen_.at(row, col) = Cell{};
}

void Decoder::line_feed() {
  Cursor& cur = screen_.cursor;
  if (cur.row == 0) {
    cur = saved_cursor_;
    attributes_ = saved_attributes_;
    screen_.current_set = saved_set_;
  } else if (cur.row < kRows - 1) {
    ++cur.row;
  } else if (screen_.roll_mode) {
    scroll(true);
  } else {
    cur.row = 1;
  }
}

void Decoder::cursor_up() {
  Cursor& cur = screen_.cursor;
  if (cur.row == 0) return;
  if (cur.row > 1) {
    --cur.row;
  } else if (screen_.roll_mode) {
    scroll(false);
  } else {
    cur.row = kRows - 1;
  }
}

void Decoder::scroll(bool up) {
  auto& cells = screen_.cells;
  if (up) {
    std::move(cells.begin() + 2, cells.end(), cells.begin() + 1);
    erase(kRows - 1, 1, kColumns);
  } else {
    std::move_backward(cells.begin() + 1, cells.end() - 1, cells.end());
    erase(1, 1, kColumns);
  }
}

void Decoder::repeat(int count) {
  if (!has_last_) return;
  for (int i = 0; i < count; ++i) display_char(last_);
}

void Decoder::display(std::uint8_t byte) {
  if (screen_.current_set == CharSet::G1) {
    display_char({CharSet::G1, byte, U' '});
  } else {
    display_char({CharSet::G0, byte, byte});
  }
}

void Decoder::display_char(LastChar c) {
  last_ = c;
  has_last_ = true;
  Attributes& a = attributes_;
  Cell cell;
  cell.code = c.code;
  cell.fg = a.fg;
  cell.blink = a.blink;
  if (c.set == CharSet::G1) {
    cell.kind = CellKind::mosaic;
    cell.set = CharSet::G1;
    cell.bg = a.bg;
    cell.underline = a.separated;
    cell.drcs = g1_is_drcs_;
    a.bg_pending = false;  // a mosaic validates the background only
    put(cell);
    return;
  }
  cell.set = c.set;
  cell.inverse = a.inverse;
  cell.size = a.size;
  if (c.set == CharSet::G0 && c.code == c0::DEL) {
    cell.kind = CellKind::del;
  } else if (c.set == CharSet::G0 && c.code == c0::SP && (a.bg_pending || a.other_pending)) {
    cell.kind = CellKind::delimiter;
    cell.bg = a.bg;
    cell.underline = a.underline;
    cell.mask = a.mask;
    cell.blink = false;
    a.bg_pending = a.other_pending = false;
  } else {
    cell.kind = CellKind::alpha;
    cell.glyph = c.glyph;
    cell.drcs = c.set == CharSet::G0 && g0_is_drcs_;
  }
  put(cell);
}

void Decoder::display_error() {
  Cell cell;
  cell.kind = CellKind::error;
  cell.set = screen_.current_set;
  cell.code = c0::SUB;
  cell.fg = attributes_.fg;
  cell.bg = attributes_.bg;
  cell.blink = attributes_.blink;
  put(cell);
}

// Writes a cell at the cursor, spreading large characters over 2 or 4 cells (the cursor row is the lower one),
// then advances.
void Decoder::put(Cell cell) {
  const Cursor cur = screen_.cursor;
  const bool wide = cell.size == CharSize::double_width || cell.size == CharSize::double_size;
  const bool tall = cell.size == CharSize::double_height || cell.size == CharSize::double_size;
  const int width = wide && cur.col < kColumns ? 2 : 1;
  const int height = tall && cur.row > 1 ? 2 : 1;
  static constexpr CharSize kBySize[2][2] = {{CharSize::normal, CharSize::double_width},
                                             {CharSize::double_height, CharSize::double_size}};
  cell.size = kBySize[height - 1][width - 1];
  if (insert_mode_ && cur.row > 0) {
    auto& line = screen_.cells[static_cast<std::size_t>(cur.row)];
    std::move_backward(line.begin() + cur.col - 1, line.end() - width, line.end());
  }
  for (int dy = 0; dy < height; ++dy) {
    for (int dx = 0; dx < width; ++dx) {
      Cell part = cell;
      part.part = static_cast<std::uint8_t>((dx == 1 ? 1 : 0) | (dy == 1 ? 2 : 0));
      screen_.at(cur.row - dy, cur.col + dx) = part;
    }
  }
  advance(width, height);
}

void Decoder::advance(int width, int height) {
  Cursor& cur = screen_.cursor;
  cur.col += width;
  if (cur.col <= kColumns) return;
  if (cur.row == 0) {  // no wrap on the status row: further characters overwrite column 40
    cur.col = kColumns;
    return;
  }
  cur.col = 1;
  for (int i = 0; i < height; ++i) line_feed();
}

void Decoder::fill_rest_of_row() {
  const Cursor cur = screen_.cursor;
  const bool mosaics = screen_.current_set == CharSet::G1;
  Cell space;
  space.kind = mosaics ? CellKind::mosaic : CellKind::alpha;
  space.set = screen_.current_set;
  space.fg = attributes_.fg;
  space.bg = mosaics ? attributes_.bg : Colour::black;
  space.blink = attributes_.blink;
  space.inverse = !mosaics && attributes_.inverse;
  space.underline = mosaics && attributes_.separated;
  for (int col = cur.col; col <= kColumns; ++col) screen_.at(cur.row, col) = space;
}

}  // namespace pavi::videotex
