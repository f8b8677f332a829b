// CSI sequences (ESC 5B ...): cursor moves, erasures, character and row insertion/deletion, insert mode
// (videotex-terminal.md §4.1). Rows 1-24 only; attributes and the character set are left alone.
#include <algorithm>
#include <optional>
#include <vector>

#include "videotex/decoder.hpp"

namespace pavi::videotex {
namespace {

// Decimal parameters separated by ';'; nullopt when the sequence holds anything else (private or intermediate
// bytes), which makes it unsupported.
std::optional<std::vector<int>> parse_parameters(std::string_view text) {
  std::vector<int> values{0};
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      values.back() = std::min(values.back() * 10 + (c - '0'), 999);
    } else if (c == ';') {
      values.push_back(0);
    } else {
      return std::nullopt;
    }
  }
  return values;
}

}  // namespace

void Decoder::csi(std::uint8_t byte) {
  if (byte >= 0x20 && byte <= 0x3F) {
    if (params_.size() < 32) params_ += static_cast<char>(byte);
    return;
  }
  state_ = State::ground;
  csi_final(byte);
}

void Decoder::csi_final(std::uint8_t final) {
  Cursor& cur = screen_.cursor;
  const auto parsed = parse_parameters(params_);
  if (cur.row == 0 || !parsed) return ignore_sequence();
  const std::vector<int>& p = *parsed;
  const int n = std::max(p[0], 1);  // counts: absent or 0 means 1
  auto& cells = screen_.cells;
  auto& line = cells[static_cast<std::size_t>(cur.row)];
  const auto col_it = line.begin() + (cur.col - 1);
  switch (final) {
    case 'A':
      cur.row = std::max(cur.row - n, 1);
      break;
    case 'B':
      cur.row = std::min(cur.row + n, kRows - 1);
      break;
    case 'C':
      cur.col = std::min(cur.col + n, kColumns);
      break;
    case 'D':
      cur.col = std::max(cur.col - n, 1);
      break;
    case 'H':
      cur.row = std::clamp(p[0], 1, kRows - 1);
      cur.col = std::clamp(p.size() > 1 ? p[1] : 1, 1, kColumns);
      break;
    case 'J':
      if (p[0] == 0) {
        erase(cur.row, cur.col, kColumns);
        for (int row = cur.row + 1; row < kRows; ++row) erase(row, 1, kColumns);
      } else if (p[0] == 1) {
        for (int row = 1; row < cur.row; ++row) erase(row, 1, kColumns);
        erase(cur.row, 1, cur.col);
      } else if (p[0] == 2) {
        for (int row = 1; row < kRows; ++row) erase(row, 1, kColumns);
      } else {
        ignore_sequence();
      }
      break;
    case 'K':
      if (p[0] == 0) {
        erase(cur.row, cur.col, kColumns);
      } else if (p[0] == 1) {
        erase(cur.row, 1, cur.col);
      } else if (p[0] == 2) {
        erase(cur.row, 1, kColumns);
      } else {
        ignore_sequence();
      }
      break;
    case 'P': {
      const int count = std::min(n, kColumns - cur.col + 1);
      std::move(col_it + count, line.end(), col_it);
      std::fill(line.end() - count, line.end(), Cell{});
      break;
    }
    case '@': {
      const int count = std::min(n, kColumns - cur.col + 1);
      std::move_backward(col_it, line.end() - count, line.end());
      std::fill(col_it, col_it + count, Cell{});
      break;
    }
    case 'h':
    case 'l':
      if (params_ != "4") return ignore_sequence();
      insert_mode_ = final == 'h';
      break;
    case 'M': {
      const int count = std::min(n, kRows - cur.row);
      std::move(cells.begin() + cur.row + count, cells.end(), cells.begin() + cur.row);
      for (int row = kRows - count; row < kRows; ++row) erase(row, 1, kColumns);
      break;
    }
    case 'L': {
      const int count = std::min(n, kRows - cur.row);
      std::move_backward(cells.begin() + cur.row, cells.end() - count, cells.end());
      for (int row = cur.row; row < cur.row + count; ++row) erase(row, 1, kColumns);
      break;
    }
    default:
      ignore_sequence();
      break;
  }
}

}  // namespace pavi::videotex
